"""What ``dojo verify`` prints: a row per check, then each kind of disagreement, smallest case.

Everything from the child (cases, answers, messages) comes from the learner's code or
from generated input: it is printed as ``rich.text.Text``, never read as markup, and
stripped of control characters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from dojo.repository import Implementation
from dojo.text import plain
from dojo.verify.check import CheckInfo
from dojo.verify.engine import SHOWN_KINDS
from harness.catalog import Kata

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import Console

    from dojo.verify.results import CheckResult, Disagreement


@attrs.frozen
class Run:
    """One ``dojo verify``: what ran, against what, how to run it again, what was skipped.

    ``folder`` is the implementation's folder as the learner would type it.
    """

    kata: Kata
    impl: Implementation
    folder: str
    infos: dict[str, CheckInfo]
    seed: int
    command: str
    skipped: tuple[tuple[str, str], ...] = ()


def render_header(run: Run, planned: Sequence[tuple[str, int]], console: Console) -> None:
    """What is about to be checked, with the seed that replays it."""
    cases = sum(count for _, count in planned)
    console.print(
        Text(
            f"Verifying {run.folder}/{run.kata.name}{_driver(run)} against the real thing:"
            f" {len(planned)} check(s), {cases:,} cases, seed {run.seed}."
        ),
        soft_wrap=True,
    )
    for reason in _skip_lines(run):
        console.print(Text(reason), soft_wrap=True)


def _driver(run: Run) -> str:
    """``/driver.py`` when the checks are an interview driver's."""
    return "/driver.py" if any(info.stage for info in run.infos.values()) else ""


def _skip_lines(run: Run) -> list[str]:
    reasons: dict[str, list[str]] = {}
    for name, reason in run.skipped:
        reasons.setdefault(reason, []).append(name)
    return [f"Skipped {', '.join(names)}: {reason}." for reason, names in reasons.items()]


def render(run: Run, results: Sequence[CheckResult], console: Console) -> None:
    """The table, every kind of disagreement, code not written yet, and the last line."""
    unwritten = any(result.not_written for result in results)
    table = Table(title=f"{run.kata.title}: the real thing")
    columns = ("check", "against", "cases", "agree", "disagree")
    for column in (*columns, "not written") if unwritten else columns:
        table.add_column(column, justify="left" if column in ("check", "against") else "right")
    for result in results:
        row = [
            result.name,
            run.infos[result.name].against,
            f"{result.cases:,}",
            f"{result.agreed:,}",
            f"{result.disagreed:,}",
        ]
        table.add_row(*row, *([f"{result.not_written:,}"] if unwritten else []))
    console.print(table)
    for result in results:
        for found in result.disagreements:
            console.print(_panel(run, result, found))
        if result.not_written:
            console.print(_not_written(run, result), soft_wrap=True)
    console.print(Text(_summary(run, results)), soft_wrap=True)


def _panel(run: Run, result: CheckResult, found: Disagreement) -> Panel:
    info = run.infos[result.name]
    label = f"{info.against}:"
    width = max(len(label), len("yours:"))
    body = Text()
    body.append(plain(found.case) + "\n\n")
    body.append(_answer(label.ljust(width), found.real))
    body.append(_answer("yours:".ljust(width), found.theirs))
    body.append(f"\n{_spec(run, info, found)}\n")
    body.append(f"Replay: {run.command} --seed {run.seed} --case {result.name}:{found.index}\n")
    if found.shrunk:
        body.append(
            f"The smallest case found: case {found.index}, made simpler {found.shrinks} time(s)."
        )
    else:
        body.append(
            f"Case {found.index} as generated: only the {SHOWN_KINDS} largest kinds are made"
            " simpler."
        )
    title = f"{result.name}: {found.kind} ({found.count:,} of {result.cases:,} cases)"
    return Panel(body, title=Text(plain(title)), title_align="left", border_style="red")


def _spec(run: Run, info: CheckInfo, found: Disagreement) -> str:
    """Where the rule is written: the spec's step, or for a driver the contract as revealed."""
    kata = run.kata
    if info.stage and kata.interview is not None:
        stage = kata.interview.stage(info.stage)
        part = "the driver contract" + (
            f", and change request {stage.number - 1}: {stage.title}" if stage.number > 1 else ""
        )
        return f"Spec: {part} (dojo interview {kata.name} --show)"
    step = kata.step(found.step)
    section = f"'Step {step.number}: {step.title}'"
    section += f", under '{info.section}'" if info.section and found.step == info.step else ""
    return (
        f"Spec: katas/{kata.name}/README.md, section {section}"
        f" (dojo show {kata.name} --step {step.number})"
    )


def _answer(label: str, answer: str) -> str:
    lines = plain(answer).splitlines() or [""]
    indent = " " * (len(label) + 1)
    return f"{label} {lines[0]}\n" + "".join(f"{indent}{line}\n" for line in lines[1:])


def _not_written(run: Run, result: CheckResult) -> Text:
    place = result.not_written_at
    if ":" in place:
        place = f"{run.folder}/{place}"
    return Text(
        f"{result.name}: {result.not_written:,} of {result.cases:,} cases reached code that still"
        f" raises NotImplementedError (first at {plain(place)}); finish those steps, then verify"
        " again."
    )


def _summary(run: Run, results: Sequence[CheckResult]) -> str:
    cases = sum(result.cases for result in results)
    disagreed = sum(result.disagreed for result in results)
    kinds = sum(len(result.disagreements) for result in results)
    not_written = sum(result.not_written for result in results)
    again = f"Replay: {run.command} --seed {run.seed}; more cases: --cases N; others: --seed S."
    if run.skipped:
        names = ", ".join(name for name, _ in run.skipped)
        again += f" Not checked here: {names} (skipped, see above)."
    if disagreed:
        return f"{disagreed:,} of {cases:,} cases disagree ({kinds} kind(s)). {again}"
    if not_written:
        return (
            f"No disagreement, but {not_written:,} of {cases:,} cases reached unwritten code."
            f" {again}"
        )
    return f"Everything agrees: {cases:,} cases in {len(results)} check(s). {again}"
