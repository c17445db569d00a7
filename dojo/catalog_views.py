"""``dojo list``, ``dojo progress`` and ``dojo show``: the katas, how far you are, the spec."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.progress_bar import ProgressBar
from rich.table import Table

if TYPE_CHECKING:
    from dojo.app import App
    from harness.catalog import Kata

BAR_WIDTH = 14


def list_katas(app: App) -> int:
    """Every kata with title, difficulty, patterns, steps and your progress."""
    table = Table(title="Katas")
    table.add_column("kata", no_wrap=True)
    for column in ("title", "difficulty", "patterns", "steps", "progress", "green"):
        table.add_column(column)
    for kata in app.workspace.katas():
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


def progress(app: App) -> int:
    """All katas at a glance: steps green, tests passing, current step, hints, last run."""
    table = Table(title="Your progress (from the last dojo test of each kata)")
    table.add_column("kata", no_wrap=True)
    for column in ("steps green", "", "tests passing", "now on", "hints", "last run"):
        table.add_column(column)
    for kata in app.workspace.katas():
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


def show(app: App, kata: Kata, step: int | None) -> int:
    """The spec, or one step's section of it, rendered in the terminal."""
    # markdown-it takes longer to import than the rest of dojo; only this command needs it.
    from rich.markdown import Markdown  # noqa: PLC0415 - see above

    text = app.workspace.spec(kata) if step is None else app.workspace.spec_section(kata, step)
    app.console.print(Markdown(text))
    return 0
