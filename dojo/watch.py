"""``dojo watch``: re-run the tests on every save and say when a step turns green."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape

from dojo.testing import run_tests

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path
    from threading import Event

    from dojo.app import App
    from dojo.workspace import Implementation
    from harness.catalog import Kata

# watchfiles yields once no new change has come for STEP_MS, or after DEBOUNCE_MS at most:
# an editor's save (write, rename, chmod) becomes one re-run that starts well within 200 ms.
DEBOUNCE_MS = 200
STEP_MS = 30


def watch_python_files(folder: Path, stop: Event) -> Iterable[object]:
    """The real ``ChangeWatcher``: saved ``.py`` files under ``folder``, debounced."""
    # Imported here so that commands other than watch do not pay for it.
    import watchfiles  # noqa: PLC0415 - see above

    return watchfiles.watch(
        folder,
        watch_filter=watchfiles.PythonFilter(),
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        stop_event=stop,
    )


def watch(app: App, kata: Kata, impl: Implementation, last_step: int, stop: Event) -> int:
    """Run now and after every save until Ctrl-C or ``stop``; always exit status 0."""
    folder = impl.folder / kata.name
    try:
        report = run_tests(app, kata, impl, last_step)
        app.console.print(f"Watching {folder} for saves; Ctrl-C to stop.")
        for _ in app.watch_changes(folder, stop):
            app.console.clear()
            app.console.print(f"Saved; re-running at {app.clock():%H:%M:%S}.")
            latest = run_tests(app, kata, impl, last_step)
            for step in latest.newly_green(report):
                _announce(app, kata, step.number)
            report = latest
    except KeyboardInterrupt:
        app.console.print()
    app.console.print("Stopped watching.")
    return 0


def _announce(app: App, kata: Kata, number: int) -> None:
    app.console.print(f"[bold green]Step {number} is green![/]")
    if number < len(kata.steps):
        step = kata.step(number + 1)
        asks = escape(app.workspace.summary_of(kata, step.number))
        app.console.print(f"Step {step.number}, {escape(step.title)}, asks: {asks}")
