"""One run of one command: the parsed arguments, the collaborators, and what it works on."""

from __future__ import annotations

import argparse
import threading
from typing import Protocol

import attrs

from dojo.app import App
from dojo.errors import UsageError
from dojo.repository import Implementation
from harness.catalog import Kata, MetadataError


@attrs.frozen
class Target:
    """What a command that runs a suite works on, and the collaborators to run it with."""

    app: App
    kata: Kata
    impl: Implementation
    last_step: int


class Chooser(Protocol):
    """Another way to name the implementation (``--team``); ``None`` when not used."""

    def __call__(self, invocation: Invocation, kata: Kata) -> tuple[App, Implementation] | None:
        """The collaborators and the implementation chosen, or ``None``."""
        ...


@attrs.frozen
class Invocation:
    """A command's arguments as parsed, its collaborators, and the event that stops it."""

    app: App
    args: argparse.Namespace
    stop: threading.Event
    choosers: tuple[Chooser, ...] = ()

    def kata(self) -> Kata:
        """The kata named by the ``kata`` argument."""
        return self.app.repository.kata(self.args.kata)

    def target(self) -> Target:
        """The kata, steps 1..``--step``, and a plugin's choice of implementation or ``--impl``."""
        kata = self.kata()
        last = last_step(kata, self.args.step)
        for choose in self.choosers:
            chosen = choose(self, kata)
            if chosen is not None:
                return Target(chosen[0], kata, chosen[1], last)
        impl = self.app.repository.implementation(kata, self.args.impl, self.app.cwd)
        return Target(self.app, kata, impl, last)


def last_step(kata: Kata, step: int | None) -> int:
    """Step ``step`` of ``kata``, or its last step; ``UsageError`` naming the range."""
    if step is None:
        return len(kata.steps)
    try:
        return kata.step(step).number
    except MetadataError as error:
        raise UsageError(str(error)) from None


def add_kata(parser: argparse.ArgumentParser) -> None:
    """The ``kata`` argument."""
    parser.add_argument("kata", help="a kata's name (dojo list shows them)")


def add_step(parser: argparse.ArgumentParser) -> None:
    """``--step N``: steps 1..N only."""
    parser.add_argument("--step", type=int, default=None, metavar="N", help="steps 1..N only")


def add_impl(parser: argparse.ArgumentParser) -> None:
    """``--impl``: which implementation to run the tests against."""
    parser.add_argument(
        "--impl", default="katas", help="katas (yours, default), solutions or a folder"
    )


def add_target(parser: argparse.ArgumentParser) -> None:
    """``kata [--step N] [--impl I]``: what ``Invocation.target`` reads."""
    add_kata(parser)
    add_step(parser)
    add_impl(parser)
