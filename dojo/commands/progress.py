"""``dojo progress``: all katas at a glance, from the last ``dojo test`` of each."""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING

from dojo.registry import Command
from dojo.tables import WIDE, cell, table, tally

if TYPE_CHECKING:
    from dojo.invocation import Invocation
    from dojo.registry import Registry


def register(registry: Registry) -> None:
    """Add ``dojo progress``."""
    registry.add(Command("progress", "all katas at a glance", progress))


def progress(invocation: Invocation) -> int:
    """Steps green, tests passing, current step, hints and last run of every kata."""
    app = invocation.app
    wide = app.console.width >= WIDE
    shown = table(
        "Your progress: steps green and tests passing at your last dojo test (times in UTC)",
        ("kata", "steps", "tests", "now on", "hints", "last run"),
        keep=("kata", "steps", "tests", "hints", "last run"),
    )
    for kata in app.repository.katas():
        record = app.progress.of(kata.name)
        last_run = record.last_run
        green = record.green_steps(kata)
        passed = sum(counts[0] for counts in record.steps.values())
        total = sum(counts[1] for counts in record.steps.values())
        current = kata.step(record.current_step(kata))
        shown.add_row(
            cell(kata.name),
            tally(green, len(kata.steps), width=len(kata.steps), wide=wide),
            cell(f"{passed}/{total}" if last_run else "not run"),
            cell("finished" if green == len(kata.steps) else f"{current.number}. {current.title}"),
            cell(sum(record.hints.values())),
            cell(
                f"{record.last_run.astimezone(UTC):%Y-%m-%d %H:%M}" if record.last_run else "never"
            ),
        )
    app.console.print(shown)
    return 0
