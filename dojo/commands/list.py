"""``dojo list``: every kata, with title, difficulty, patterns, steps and your progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dojo.registry import Command
from dojo.tables import WIDE, cell, table, tally

if TYPE_CHECKING:
    from dojo.invocation import Invocation
    from dojo.registry import Registry


def register(registry: Registry) -> None:
    """Add ``dojo list``."""
    registry.add(Command("list", "every kata, with your progress", list_katas))


def list_katas(invocation: Invocation) -> int:
    """Every kata with title, difficulty, patterns, and the steps you have green."""
    app = invocation.app
    wide = app.console.width >= WIDE
    shown = table(
        "Katas",
        ("kata", "title", "difficulty", "patterns", "steps green"),
        keep=("kata", "difficulty", "steps green"),
    )
    for kata in app.repository.katas():
        green = app.progress.of(kata.name).green_steps(kata)
        shown.add_row(
            cell(kata.name),
            cell(kata.title),
            cell(kata.difficulty),
            cell(", ".join(kata.patterns)),
            tally(green, len(kata.steps), width=len(kata.steps), wide=wide),
        )
    app.console.print(shown)
    app.console.print("Start with: dojo show KATA, then dojo test KATA")
    return 0
