"""The summary ``dojo test`` and ``dojo watch`` print: one row per step, then what to do."""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

import attrs
from rich.panel import Panel

from dojo.explain import explain
from dojo.repository import Implementation
from dojo.spec import Spec
from dojo.tables import bar, cell, table
from dojo.text import safe
from harness.catalog import Kata
from harness.results import Outcome, StepResult

if TYPE_CHECKING:
    from rich.console import Console

    from dojo.explain import Explanation
    from dojo.repository import Repository
    from harness.results import RunResults

BAR_WIDTH = 20
# What the learner pastes to see the whole traceback; run from the repository root.
PYTEST = ".venv/bin/python -m pytest"


@attrs.frozen
class TestReport:
    """One run of a kata's acceptance tests, read step by step."""

    kata: Kata
    impl: Implementation
    steps: tuple[StepResult, ...]
    failure: Outcome | None
    import_error: Outcome | None
    skips: tuple[tuple[int, str], ...] = ()  # (step, reason) for each step with tests skipped

    @classmethod
    def of(
        cls, kata: Kata, impl: Implementation, results: RunResults, last_step: int
    ) -> TestReport:
        """Read ``results`` for steps 1..``last_step``."""
        steps = results.steps(last_step)
        errors = results.collection_errors
        return cls(
            kata,
            impl,
            steps,
            results.first_failure(last_step),
            errors[0] if errors else None,
            tuple(results.skip_reasons(last_step).items()),
        )

    @property
    def green(self) -> bool:
        """Whether everything selected passed."""
        return self.import_error is None and self.failure is None

    def newly_green(self, before: TestReport | None) -> list[StepResult]:
        """Steps green now that were not green in ``before``."""
        was = {step.number for step in before.steps if step.green} if before else set()
        return [step for step in self.steps if step.green and step.number not in was]

    def rerun_command(self, nodeid: str) -> str:
        """The pytest command, shell-quoted, that shows ``nodeid``'s whole traceback."""
        impl = [] if self.impl.is_learners else ["--impl", self.impl.pytest_value]
        return shlex.join([*PYTEST.split(), nodeid, *impl])


def render(report: TestReport, console: Console, repository: Repository) -> None:
    """Print the per-step table, then the import error, the first failure or what is next."""
    kata = report.kata
    shown = table(
        f"{kata.title}: steps 1-{len(report.steps)} of {len(kata.steps)}",
        ("step", "title", "tests passing", "progress"),
        keep=("step", "tests passing", "progress"),
    )
    for step in report.steps:
        if report.import_error is not None:
            tests = cell("not run")
        else:
            skipped = f", {step.skipped} skipped" if step.skipped else ""
            tests = cell(f"{step.passed}/{step.total}" + (" done" if step.green else "") + skipped)
        shown.add_row(
            cell(step.number),
            cell(kata.step(step.number).title),
            tests,
            bar(step.passed, max(step.total, 1), min(BAR_WIDTH, max(console.width // 8, 5))),
        )
    console.print(shown)
    for reason, numbers in _grouped(report.skips).items():
        counts = ", ".join(f"{report.steps[n - 1].skipped} of step {n}" for n in numbers)
        console.print(f"Skipped, {counts}: {safe(reason)}")
    if report.import_error is not None:
        console.print(import_error_panel(report.import_error))
    elif report.failure is not None:
        _render_failure(report, report.failure, console, Spec.read(repository, kata))
    else:
        _render_success(report, console, Spec.read(repository, kata))


def _grouped(skips: tuple[tuple[int, str], ...]) -> dict[str, list[int]]:
    """The steps of each skip reason, so one reason (no PostgreSQL, say) is printed once."""
    steps: dict[str, list[int]] = {}
    for number, reason in skips:
        steps.setdefault(reason, []).append(number)
    return steps


def import_error_panel(error: Outcome, *after: str) -> Panel:
    """The panel of code that does not import; ``after``: lines of markup to add below."""
    reason = explain(error)
    lines = ["Your code does not import, so no test could run:", f"  {safe(reason.problem)}"]
    lines += [f"  {safe(detail)}" for detail in reason.details]
    lines += [f"  at {safe(error.where)}"] if error.where else []
    lines += [f"  {safe(reason.code)}"] if reason.code else []
    lines += list(after)
    return Panel("\n".join(lines), title="import error", border_style="red")


def failure_lines(reason: Explanation) -> list[str]:
    """The first failing test explained, as the panel shows it below what to read."""
    lines = ["", f"First failing test: [bold]{safe(reason.test)}[/]", f"  {safe(reason.problem)}"]
    if reason.expected or reason.actual:
        lines += [f"  expected: {safe(reason.expected)}", f"  actual:   {safe(reason.actual)}"]
    lines += [f"  {safe(detail)}" for detail in reason.details]
    lines += [f"  at {safe(reason.where)}"] if reason.where else []
    lines += [f"  test line: {safe(reason.code)}"] if reason.code else []
    return lines


def _render_failure(report: TestReport, failure: Outcome, console: Console, spec: Spec) -> None:
    step = report.kata.step(failure.step or 1)
    row = report.steps[step.number - 1]
    reason = explain(failure)
    section = f"Step {step.number}: {step.title}"
    lines = [
        (
            f"Working on step {step.number}, {safe(step.title)}: "
            f"{row.total - row.passed} test(s) to go."
        ),
        (
            f"Read katas/{report.kata.name}/README.md, section '{safe(section)}' "
            f"(dojo show {report.kata.name} --step {step.number})."
        ),
    ]
    lines += _elsewhere(failure, reason, spec, step.number)
    lines += failure_lines(reason)
    console.print(Panel("\n".join(lines), title="next", border_style="yellow"))
    console.print(
        f"Full traceback, from the repository root: {report.rerun_command(failure.nodeid)}",
        soft_wrap=True,
        markup=False,
        highlight=False,
    )


def _elsewhere(failure: Outcome, reason: Explanation, spec: Spec, step: int) -> list[str]:
    """Where the spec states the rule, when the step's own section does not.

    The sentences the test quotes (its ``spec`` marker) say it best; else the error the
    test expected is looked up by name.
    """
    for quote in failure.quotes:
        heading = spec.heading_of(quote)
        if heading is not None and not spec.in_step(quote, step):
            return [f"The rule it checks is in the section '{safe(heading)}': {safe(_cut(quote))}"]
    if not reason.rule or spec.in_step(reason.rule, step):
        return []
    heading = spec.heading_of(f"`{reason.rule}`") or spec.heading_of(reason.rule)
    if heading is None:
        return []
    return [f"The rule for {safe(reason.rule)} is in the section '{safe(heading)}'."]


def _cut(quote: str, limit: int = 120) -> str:
    text = " ".join(quote.split())
    return f'"{text}"' if len(text) <= limit else f'"{text[: limit - 3]}..."'


def _render_success(report: TestReport, console: Console, spec: Spec) -> None:
    kata = report.kata
    passed = sum(step.passed for step in report.steps)
    ran = " that ran" if report.skips else ""
    lines = [f"All {passed} tests of steps 1-{len(report.steps)}{ran} pass. Well done!"]
    if len(report.steps) < len(kata.steps):
        step = kata.steps[len(report.steps)]
        advanced = "an advanced step, " if step.advanced else ""
        lines.append(
            f"Next: step {step.number}, {safe(step.title)} ({advanced}about {step.minutes} min)."
        )
        lines.append(safe(spec.summary(step.number)))
    else:
        lines.append(f"Now compare your design with the reference: dojo compare {kata.name}")
    console.print(Panel("\n".join(lines), title="green", border_style="green"))
