"""``dojo progress``: all katas at a glance, from the last ``dojo test`` of each."""

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
    """Add ``dojo progress``."""
    registry.add(Command("progress", "all katas at a glance", progress))


def progress(invocation: Invocation) -> int:
    """Steps green, tests passing, current step, hints and last run of every kata."""
    app = invocation.app
    table = Table(title="Your progress (from the last dojo test of each kata)")
    table.add_column("kata", no_wrap=True)
    for column in ("steps green", "", "tests passing", "now on", "hints", "last run"):
        table.add_column(column)
    for kata in app.repository.katas():
        record = app.progress.of(kata.name)
        green = record.green_steps(kata)
        passed = sum(counts[0] for counts in record.steps.values())
        total = sum(counts[1] for counts in record.steps.values())
        current = kata.step(record.current_step(kata))
        table.add_row(
            kata.name,
            ProgressBar(total=len(kata.steps), completed=green, width=BAR_WIDTH),
            f"{green}/{len(kata.steps)}",
            f"{passed}/{total}" if record.last_run else "not run",
            "finished" if green == len(kata.steps) else f"{current.number}. {current.title}",
            str(sum(record.hints.values())),
            record.last_run[:16].replace("T", " ") or "never",
        )
    app.console.print(table)
    return 0
