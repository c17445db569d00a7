"""``dojo watch``: re-run the tests on every save and say when a step turns green."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dojo.invocation import add_target
from dojo.registry import Command
from dojo.spec import Spec
from dojo.suite import run_tests
from dojo.text import plain, safe

if TYPE_CHECKING:
    from dojo.invocation import Invocation, Target
    from dojo.registry import Registry


def register(registry: Registry) -> None:
    """Add ``dojo watch KATA [--step N] [--impl I]``."""
    registry.add(Command("watch", "re-run the tests on every save", watch, add_target))


def watch(invocation: Invocation) -> int:
    """Run now and after every save until Ctrl-C or the stop event; always exit status 0."""
    target = invocation.target()
    app = target.app
    folder = target.impl.package(target.kata.name)
    try:
        report = run_tests(target)
        app.console.print(
            f"Watching {plain(str(folder))} for saves; Ctrl-C to stop.",
            markup=False,
            highlight=False,
        )
        for _ in app.watch_changes(folder, invocation.stop):
            app.console.clear()
            app.console.print(f"Saved; re-running at {app.clock():%H:%M:%S}.")
            latest = run_tests(target)
            for step in latest.newly_green(report):
                _announce(target, step.number)
            report = latest
    except KeyboardInterrupt:
        app.console.print()
    app.console.print("Stopped watching.")
    return 0


def _announce(target: Target, number: int) -> None:
    app, kata = target.app, target.kata
    app.console.print(f"[bold green]Step {number} is green![/]")
    if number < len(kata.steps):
        step = kata.step(number + 1)
        asks = safe(Spec.read(app.repository, kata).summary(step.number))
        app.console.print(f"Step {step.number}, {safe(step.title)}, asks: {asks}")
