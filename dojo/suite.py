"""Running a kata's acceptance suite for ``dojo test``, ``watch`` and ``compare``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dojo.errors import ToolError
from dojo.report import TestReport, render

if TYPE_CHECKING:
    from dojo.invocation import Target


def run_report(target: Target) -> TestReport:
    """Run the selected steps; ``ToolError`` when pytest could not run them at all."""
    app, kata = target.app, target.kata
    status, results = app.run_suite(kata.name, target.impl, target.last_step, app.repository.root)
    if status not in (0, 1) and not results.outcomes and not results.collection_errors:
        raise ToolError(f"pytest could not run the tests of {kata.name} (exit status {status})")
    return TestReport.of(kata, target.impl, results, target.last_step)


def run_tests(target: Target) -> TestReport:
    """Run, print the summary, and record it when the code is the learner's own."""
    app = target.app
    report = run_report(target)
    render(report, app.console, app.repository)
    if target.impl.is_learners:
        progress = app.progress.of(target.kata.name)
        for step in report.steps:
            progress.steps[step.number] = (step.passed, step.total)
        progress.last_run = app.clock()
        app.progress.save()
    return report
