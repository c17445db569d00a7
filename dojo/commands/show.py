"""``dojo show``: the spec, or one step's section of it, rendered in the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dojo.invocation import add_kata, add_step, last_step
from dojo.registry import Command
from dojo.spec import Spec
from dojo.text import plain

if TYPE_CHECKING:
    import argparse

    from dojo.invocation import Invocation
    from dojo.registry import Registry


def register(registry: Registry) -> None:
    """Add ``dojo show KATA [--step N]``."""
    registry.add(Command("show", "the spec, or one step of it", show, _arguments))


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_kata(parser)
    add_step(parser)


def show(invocation: Invocation) -> int:
    """Print the spec, or the section of ``--step``."""
    # markdown-it takes longer to import than the rest of dojo; only this command needs it.
    from rich.markdown import Markdown  # noqa: PLC0415 - see above

    app, kata, step = invocation.app, invocation.kata(), invocation.args.step
    spec = Spec.read(app.repository, kata)
    text = spec.text if step is None else spec.section(last_step(kata, step))
    app.console.print(Markdown(plain(text)))
    return 0
