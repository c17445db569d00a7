"""``dojo test``: run the acceptance tests, summarise them per step, record progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dojo.errors import ToolError
from dojo.report import TestReport, render
from harness.runner import run_suite

if TYPE_CHECKING:
    from pathlib import Path

    from dojo.app import App
    from dojo.workspace import Implementation
    from harness.catalog import Kata
    from harness.results import RunResults

# A stable order and short tracebacks: the summary, not pytest's output, is what the learner reads.
PYTEST_OPTIONS = ("-q", "-p", "no:randomly", "--tb=short", "--no-header", "-rN")


def run_in_child(
    kata: str, impl: Implementation, last_step: int, root: Path
) -> tuple[int, RunResults]:
    """The real ``SuiteRunner``: the harness's child pytest, its output kept quiet."""
    return run_suite(
        [kata], impl.pytest_value, step=last_step, extra=PYTEST_OPTIONS, quiet=True, root=root
    )


def run_tests(app: App, kata: Kata, impl: Implementation, last_step: int) -> TestReport:
    """Run, print the summary, and record it when the code is the learner's own."""
    status, results = app.run_suite(kata.name, impl, last_step, app.workspace.root)
    if status not in (0, 1) and not results.outcomes and not results.collection_errors:
        raise ToolError(f"pytest could not run the tests of {kata.name} (exit status {status})")
    report = TestReport.of(kata, impl, results, last_step)
    render(report, app.console, app.workspace)
    if impl.is_learners:
        progress = app.progress.of(kata.name)
        for step in report.steps:
            progress.steps[step.number] = (step.passed, step.total)
        progress.last_run = app.clock().isoformat(timespec="seconds")
        app.progress.save()
    return report


def test(app: App, kata: Kata, impl: Implementation, last_step: int) -> int:
    """Exit status 0 when everything selected passes, 1 otherwise."""
    return 0 if run_tests(app, kata, impl, last_step).green else 1
