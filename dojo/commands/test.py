"""``dojo test``: run the acceptance tests, summarise them per step, record progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dojo.invocation import add_target
from dojo.registry import Command
from dojo.suite import run_tests

if TYPE_CHECKING:
    from dojo.invocation import Invocation
    from dojo.registry import Registry


def register(registry: Registry) -> None:
    """Add ``dojo test KATA [--step N] [--impl I]``."""
    registry.add(Command("test", "run the acceptance tests, step by step", test, add_target))


def test(invocation: Invocation) -> int:
    """Exit status 0 when everything selected passes, 1 otherwise."""
    return 0 if run_tests(invocation.target()).green else 1
