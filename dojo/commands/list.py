"""``dojo list``: every kata, with title, difficulty, patterns, steps and your progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.progress_bar import ProgressBar
from rich.table import Table

from dojo.registry import Command

if TYPE_CHECKING:
    from dojo.invocation import Invocation
    from dojo.registry import Registry

BAR_WIDTH = 14


def register(registry: Registry) -> None:
    """Add ``dojo list``."""
    registry.add(Command("list", "every kata, with your progress", list_katas))


def list_katas(invocation: Invocation) -> int:
    """Every kata with title, difficulty, patterns, steps and your progress."""
    app = invocation.app
    table = Table(title="Katas")
    table.add_column("kata", no_wrap=True)
    for column in ("title", "difficulty", "patterns", "steps", "progress", "green"):
        table.add_column(column)
    for kata in app.repository.katas():
        green = app.progress.of(kata.name).green_steps(kata)
        table.add_row(
            kata.name,
            kata.title,
            kata.difficulty,
            ", ".join(kata.patterns),
            str(len(kata.steps)),
            ProgressBar(total=len(kata.steps), completed=green, width=BAR_WIDTH),
            f"{green}/{len(kata.steps)}",
        )
    app.console.print(table)
    app.console.print("Start with: dojo show KATA, then dojo test KATA")
    return 0
