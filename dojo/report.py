"""The summary ``dojo test`` and ``dojo watch`` print: one row per step, then what to do."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from rich.markup import escape
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table

from dojo.explain import explain
from dojo.repository import Implementation
from dojo.spec import Spec
from harness.catalog import Kata
from harness.results import Outcome, StepResult

if TYPE_CHECKING:
    from rich.console import Console

    from dojo.repository import Repository
    from harness.results import RunResults

BAR_WIDTH = 20


@attrs.frozen
class TestReport:
    """One run of a kata's acceptance tests, read step by step."""

    kata: Kata
    impl: Implementation
    steps: tuple[StepResult, ...]
    failure: Outcome | None
    import_error: Outcome | None

    @classmethod
    def of(
        cls, kata: Kata, impl: Implementation, results: RunResults, last_step: int
    ) -> TestReport:
        """Read ``results`` for steps 1..``last_step``."""
        steps = results.steps(last_step)
        errors = results.collection_errors
        return cls(
            kata, impl, steps, results.first_failure(last_step), errors[0] if errors else None
        )

    @property
    def green(self) -> bool:
        """Whether everything selected passed."""
        return self.import_error is None and self.failure is None

    def newly_green(self, before: TestReport | None) -> list[StepResult]:
        """Steps green now that were not green in ``before``."""
        was = {step.number for step in before.steps if step.green} if before else set()
        return [step for step in self.steps if step.green and step.number not in was]


def render(report: TestReport, console: Console, repository: Repository) -> None:
    """Print the per-step table, then the first failure or what comes next."""
    kata = report.kata
    table = Table(title=f"{kata.title}: steps 1-{len(report.steps)} of {len(kata.steps)}")
    for column in ("step", "title", "progress", "tests", ""):
        table.add_column(column)
    for step in report.steps:
        table.add_row(
            str(step.number),
            kata.step(step.number).title,
            ProgressBar(total=max(step.total, 1), completed=step.passed, width=BAR_WIDTH),
            f"{step.passed}/{step.total}",
            "[green]done[/]" if step.green else "",
        )
    console.print(table)
    if report.import_error is not None:
        error = report.import_error
        lines = [
            "Your code does not import, so no test could run:",
            f"  {escape(error.message.removeprefix('E').strip())}",
        ]
        lines += [f"  at {error.where}"] if error.where else []
        console.print(Panel("\n".join(lines), title="import error", border_style="red"))
    elif report.failure is not None:
        _render_failure(report, report.failure, console)
    else:
        _render_success(report, console, repository)


def _render_failure(report: TestReport, failure: Outcome, console: Console) -> None:
    step = report.kata.step(failure.step or 1)
    row = report.steps[step.number - 1]
    reason = explain(failure)
    lines = [
        (
            f"Working on step {step.number}, {escape(step.title)}: "
            f"{row.total - row.passed} test(s) to go."
        ),
        (
            f"Read katas/{report.kata.name}/README.md, section 'Step {step.number}: "
            f"{escape(step.title)}' (dojo show {report.kata.name} --step {step.number})."
        ),
        "",
        f"First failing test: [bold]{escape(reason.test)}[/]",
        f"  {escape(reason.problem)}",
    ]
    if reason.expected or reason.actual:
        lines += [f"  expected: {escape(reason.expected)}", f"  actual:   {escape(reason.actual)}"]
    lines += [f"  {escape(detail)}" for detail in reason.details]
    lines += [f"  at {escape(reason.where)}"] if reason.where else []
    console.print(Panel("\n".join(lines), title="next", border_style="yellow"))
    impl = "" if report.impl.is_learners else f" --impl {report.impl.pytest_value}"
    console.print(
        f"Full traceback, from the repository root: .venv/bin/python -m pytest "
        f"'{failure.nodeid}'{impl}",
        soft_wrap=True,
        markup=False,
    )


def _render_success(report: TestReport, console: Console, repository: Repository) -> None:
    kata = report.kata
    total = sum(step.total for step in report.steps)
    lines = [f"All {total} tests of steps 1-{len(report.steps)} pass. Well done!"]
    if len(report.steps) < len(kata.steps):
        step = kata.steps[len(report.steps)]
        lines.append(f"Next: step {step.number}, {escape(step.title)} (about {step.minutes} min).")
        lines.append(escape(Spec.read(repository, kata).summary(step.number)))
    else:
        lines.append(f"Now compare your design with the reference: dojo compare {kata.name}")
    console.print(Panel("\n".join(lines), title="green", border_style="green"))
