"""``dojo compare``: the learner's design beside the reference, once the learner's steps are green.

It measures both sides (tests, mypy, ruff under the learner's rules, size, complexity),
lists the learner's findings, matches the classes by role, points each difference to
the reference's design notes, and with ``--diff`` pairs the modules by what they define.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from rich.text import Text

from dojo.comparison.diff import modules, pair_modules, unified
from dojo.comparison.findings import (
    SHOWN,
    Findings,
    missing_tools,
    mypy_findings,
    ruff_findings,
)
from dojo.comparison.metrics import Metrics, measure
from dojo.comparison.roles import Match, classes, match_roles
from dojo.invocation import add_target
from dojo.registry import Command
from dojo.repository import Implementation
from dojo.spec import heading_containing, headings
from dojo.suite import run_report
from dojo.tables import cell, table
from dojo.text import plain, safe

if TYPE_CHECKING:
    import argparse

    from rich.table import Table

    from dojo.app import App
    from dojo.invocation import Invocation, Target
    from dojo.registry import Registry
    from dojo.report import TestReport

NONE = "—"


def register(registry: Registry) -> None:
    """Add ``dojo compare KATA [--step N] [--impl I] [--peek] [--diff [--output FILE]]``."""
    registry.add(
        Command("compare", "your design beside the reference, once green", compare, _arguments)
    )


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_target(parser)
    parser.add_argument(
        "--peek", action="store_true", help="compare before the selected steps are green"
    )
    parser.add_argument(
        "--diff", action="store_true", help="the modules, paired by the names they define"
    )
    parser.add_argument("--output", metavar="FILE", help="write the --diff to FILE instead")


@attrs.frozen
class Side:
    """One implementation, measured."""

    impl: Implementation
    metrics: Metrics
    findings: tuple[Findings, ...]


def compare(invocation: Invocation) -> int:
    """Print both sides; 1 without ``--peek`` while the selected steps are not green."""
    target, args = invocation.target(), invocation.args
    app, kata = target.app, target.kata
    report = run_report(target)
    if not report.green and not args.peek:
        return _wait(app, report, target)
    reference = app.repository.reference
    tools = missing_tools()
    mine, theirs = _side(app, target, target.impl, tools), _side(app, target, reference, tools)
    app.console.print(_measures(report, mine, theirs, tools))
    for findings in mine.findings:
        _print_findings(app, findings)
    if tools:
        app.console.print(
            f"{' and '.join(tools)} not installed here, so not counted: make tools installs "
            "them (the pinned versions make test uses)."
        )
    matches = match_roles(
        classes(target.impl.package(kata.name)), classes(reference.package(kata.name))
    )
    _print_roles(app, matches)
    _print_reasons(app, target, matches)
    if args.diff:
        _diff(app, target, args.output)
    return 0


def _wait(app: App, report: TestReport, target: Target) -> int:
    passed = sum(step.passed for step in report.steps)
    total = sum(step.total for step in report.steps)
    name, last = target.kata.name, target.last_step
    now = (
        "your code does not import"
        if report.import_error
        else f"{passed} of {total} of their tests pass now"
    )
    app.console.print(
        f"dojo compare shows the reference once steps 1-{last} are green; {now}.",
        markup=False,
    )
    app.console.print(
        f"dojo test {name} shows what is next; dojo compare {name} --peek compares anyway.",
        markup=False,
    )
    return 1


def _side(app: App, target: Target, impl: Implementation, missing: list[str]) -> Side:
    kata = target.kata.name
    run = {"mypy": mypy_findings, "ruff": ruff_findings}
    findings = tuple(
        run[tool](app.run_tool, app.repository, impl, kata) for tool in run if tool not in missing
    )
    return Side(impl, measure(impl.package(kata)), findings)


def _measures(report: TestReport, mine: Side, theirs: Side, missing: list[str]) -> Table:
    kata = report.kata
    shown = table(
        f"{kata.title}: yours ({mine.impl.label}) and the reference, steps 1-{len(report.steps)}",
        ("measure", "yours", "reference"),
    )
    passed = sum(step.passed for step in report.steps)
    total = sum(step.total for step in report.steps)
    shown.add_row(cell("tests passing"), cell(f"{passed}/{total}"), cell(f"{total}/{total}"))
    counts = {
        side: {found.tool: len(found.found) for found in side.findings} for side in (mine, theirs)
    }
    for tool, label in (
        ("mypy", "mypy --strict errors"),
        ("ruff", "ruff findings (learner rules)"),
    ):
        if tool in missing:
            shown.add_row(cell(label), cell("not installed"), cell("not installed"))
        else:
            shown.add_row(cell(label), cell(counts[mine][tool]), cell(counts[theirs][tool]))
    shown.add_row(cell("lines of code"), cell(mine.metrics.lines), cell(theirs.metrics.lines))
    shown.add_row(
        cell("most complex function"),
        cell(_complexity(mine.metrics)),
        cell(_complexity(theirs.metrics)),
    )
    return shown


def _complexity(metrics: Metrics) -> str:
    if not metrics.most_complex:
        return NONE
    return f"{metrics.complexity}, in {metrics.most_complex}"


def _print_findings(app: App, findings: Findings) -> None:
    if not findings.found:
        return
    noun = "error" if findings.tool == "mypy" else "finding"
    app.console.print(f"{findings.tool}: {len(findings.found)} {noun}(s) in yours", style="bold")
    for finding in findings.found[:SHOWN]:
        app.console.print(f"  {plain(str(finding))}", markup=False, highlight=False)
    more = len(findings.found) - SHOWN
    lead = f"  ... and {more} more; all of them: " if more > 0 else "  the same list: "
    app.console.print(lead + findings.command, markup=False, highlight=False, soft_wrap=True)


def _print_roles(app: App, matches: list[Match]) -> None:
    """The classes that differ, in a table; the ones that match, in one line."""
    same = [match for match in matches if match.same]
    different = [match for match in matches if not match.same]
    if same:
        app.console.print(
            f"{len(same)} of your classes have the name and the public methods of the "
            "reference's; the table shows the others.",
            markup=False,
            highlight=False,
        )
    if different:
        app.console.print(_roles(different))


def _roles(matches: list[Match]) -> Table:
    shown = table(
        "Your classes beside the reference's, matched by role",
        ("reference", "its role", "yours"),
    )
    shown.caption_justify = "left"
    shown.caption = (
        "Matched by name, else by the public methods and bases they share; "
        "also: methods only yours has; lacks: methods only the reference's has."
    )
    for match in matches:
        reference, yours = match.reference, match.yours
        role = reference.summary if reference else "no class of the reference plays this role"
        shown.add_row(
            cell(reference.label if reference else NONE),
            cell(role or NONE),
            _yours(match) if yours else cell("no class of yours plays this role"),
        )
    return shown


def _yours(match: Match) -> Text:
    assert match.yours is not None
    lines = [match.yours.label]
    if match.reference is not None:
        lines += [f"also: {', '.join(sorted(match.only_yours))}"] if match.only_yours else []
        lines += (
            [f"lacks: {', '.join(sorted(match.only_reference))}"] if match.only_reference else []
        )
        lines += [] if match.only_yours or match.only_reference else ["same public methods"]
    return Text(plain("\n".join(lines)))


def _print_reasons(app: App, target: Target, matches: list[Match]) -> None:
    """Each difference, with the section of ``DESIGN.md`` that explains the reference's choice."""
    notes = app.repository.design_notes(target.kata.name)
    if not notes.is_file():
        return
    text = notes.read_text(encoding="utf-8")
    sections: dict[str, list[str]] = {}
    for match in matches:
        reference = match.reference
        if reference is None or match.same:
            continue
        heading = _design_section(text, reference.name, f"{reference.module}.py")
        if heading is not None:
            sections.setdefault(heading, []).append(reference.name)
    if not sections:
        return
    app.console.print(
        f"Why the reference differs, in {app.repository.relative(notes)}:", style="bold"
    )
    for heading, names in sections.items():
        app.console.print(f"  {safe(', '.join(names))}: section '{safe(heading)}'")


def _design_section(notes: str, name: str, module: str) -> str | None:
    """The section of the design notes about a class.

    The first whose title names the class or its module, else the first that mentions it.
    """
    titled = [title for title in headings(notes) if name in title or module in title]
    return (
        (titled[0] if titled else None)
        or heading_containing(notes, f"`{name}`")
        or heading_containing(notes, f"`{module}`")
    )


def _diff(app: App, target: Target, output: str | None) -> None:
    kata = target.kata.name
    mine, theirs = target.impl.package(kata), app.repository.reference.package(kata)
    pairs = pair_modules(modules(mine), modules(theirs))
    texts = [text for text in (unified(pair, mine, theirs) for pair in pairs) if text]
    if output is not None:
        path = app.cwd / output
        path.write_text("".join(texts), encoding="utf-8")
        app.console.print(
            f"The diff of {len(texts)} module(s) is in {app.repository.relative(path)}.",
            markup=False,
            highlight=False,
        )
        return
    styles = {"+": "green", "-": "red", "@": "cyan"}
    for text in texts:
        for line in text.splitlines():
            app.console.print(
                Text(plain(line), style=styles.get(line[:1], "")),
                soft_wrap=True,
                highlight=False,
            )
