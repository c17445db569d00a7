"""``dojo hint``: one more hint for the step you are on each time you ask."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dojo.hints import Hints
from dojo.invocation import add_kata, add_step, last_step
from dojo.registry import Command
from dojo.text import safe

if TYPE_CHECKING:
    import argparse

    from dojo.invocation import Invocation
    from dojo.registry import Registry


def register(registry: Registry) -> None:
    """Add ``dojo hint KATA [--step N]``."""
    registry.add(Command("hint", "one more hint for the current step", hint, _arguments))


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_kata(parser)
    add_step(parser)


def hint(invocation: Invocation) -> int:
    """Reveal the next hint of ``--step`` (the first step not green unless given).

    A step already green at the last ``dojo test`` shows all its hints and counts none:
    the hint count says how much help the learner needed to get there.
    """
    app, kata, step = invocation.app, invocation.kata(), invocation.args.step
    record = app.progress.of(kata.name)
    number = record.current_step(kata) if step is None else last_step(kata, step)
    title = safe(kata.step(number).title)
    hints = Hints.load(kata, app.repository.hints_file(kata.name)).of(number)
    if not hints:
        app.console.print(
            f"No hints for step {number}, {title}, yet: read its section of the spec."
        )
        return 0
    again = f"dojo hint {kata.name}" + ("" if step is None else f" --step {number}")
    if record.is_green(number):
        app.console.print(f"[bold]Step {number}, {title}, is green: its {len(hints)} hint(s)[/]")
        _print_hints(invocation, hints, len(hints))
        app.console.print("Hints of a green step are not counted in your progress.")
        return 0
    shown = min(record.hints.get(number, 0) + 1, len(hints))
    record.hints[number] = shown
    app.progress.save()
    app.console.print(f"[bold]Step {number}, {title}: hint {shown} of {len(hints)}[/]")
    _print_hints(invocation, hints, shown)
    if shown == len(hints):
        app.console.print(
            f"That was the last hint. The spec section (dojo show {kata.name} --step {number}) "
            f"and, once green, dojo compare {kata.name} come next."
        )
    else:
        app.console.print(f"Ask again for the next one: {again}")
    return 0


def _print_hints(invocation: Invocation, hints: tuple[str, ...], shown: int) -> None:
    for index, text in enumerate(hints[:shown], start=1):
        style = "" if index == shown else "dim"
        invocation.app.console.print(f"{index}. {safe(text)}", style=style)
