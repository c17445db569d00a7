"""Traceability: each test quotes the spec sentences it checks, and each rule is quoted.

A test of step N may quote its own step's section or a shared contract section (the
spec's API section, with its Errors table; an interview's driver contract). Every rule of
a step's section must be quoted by a test of that step, and every rule of a shared section
by some test. ``harness.check`` prints the figures per step and fails on any gap.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from harness.interview import InterviewSpec, is_coaching
from harness.spec import Block, Rule, Section, sections

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from harness.catalog import Kata

_STEP = re.compile(r"Step (\d+): ")


@attrs.frozen
class Citation:
    """What one test quotes: its node id, its step (or interview stage) and the quotes."""

    nodeid: str
    number: int
    quotes: tuple[str, ...]


@attrs.frozen
class Trace:
    """Rules and cited rules per step, and every gap found, for one spec."""

    spec: str
    rows: tuple[tuple[int, int, int], ...]  # step, rules, rules cited by that step's tests
    shared: tuple[int, int]  # rules of the shared sections, and how many are cited
    problems: tuple[str, ...]


def trace(
    spec: str,
    own: Mapping[int, Section],
    shared: Iterable[Section],
    citations: Iterable[Citation],
    *,
    keep: Callable[[Block], bool] = lambda _block: True,
) -> Trace:
    """Check ``citations`` against the ``own`` section of each step and the ``shared`` ones."""
    shared = tuple(shared)
    problems: list[str] = []
    cited: dict[int, set[Rule]] = {number: set() for number in own}
    cited_shared: set[Rule] = set()
    for citation in citations:
        if not citation.quotes:
            problems.append(f"{citation.nodeid}: quotes no sentence of the spec (spec marker)")
        section = own.get(citation.number)
        for quote in citation.quotes:
            mine = section.cited(quote, keep) if section is not None else []
            common = [rule for part in shared for rule in part.cited(quote, keep)]
            if not mine and not common:
                where = f"'{section.title}'" if section is not None else "its step"
                problems.append(
                    f"{citation.nodeid}: quote {quote!r} is not in {where} or a shared section "
                    f"of {spec}"
                )
            cited.setdefault(citation.number, set()).update(mine)
            cited_shared.update(common)
    rows = []
    for number, section in sorted(own.items()):
        rules = section.rules(keep)
        missing = [rule for rule in rules if rule not in cited[number]]
        problems += [
            f"{spec} line {rule.line} ('{section.title}'): no test of it quotes {rule.text!r}"
            for rule in missing
        ]
        rows.append((number, len(rules), len(rules) - len(missing)))
    shared_rules = [rule for part in shared for rule in part.rules(keep)]
    problems += [
        f"{spec} line {rule.line} ('{rule.section}'): no test quotes {rule.text!r}"
        for rule in shared_rules
        if rule not in cited_shared
    ]
    shared_cited = sum(rule in cited_shared for rule in shared_rules)
    return Trace(spec, tuple(rows), (len(shared_rules), shared_cited), tuple(problems))


def trace_steps(kata: Kata, spec_text: str, citations: Iterable[Citation]) -> Trace:
    """The step suite of ``kata`` against its README."""
    found = sections(spec_text)
    own = {}
    for section in found:
        match = _STEP.match(section.title)
        if match:
            own[int(match[1])] = section
    shared = [section for section in found if "API" in section.title]
    return trace(f"katas/{kata.name}/README.md", own, shared, citations)


def trace_interview(kata: Kata, spec: InterviewSpec, citations: Iterable[Citation]) -> Trace:
    """The interview suite of ``kata`` against its INTERVIEW.md."""
    own = {number: spec.stage_section(number) for number in range(1, len(spec.changes) + 2)}
    return trace(
        f"katas/{kata.name}/INTERVIEW.md", own, [spec.contract], citations, keep=_not_coaching
    )


def _not_coaching(block: Block) -> bool:
    return not is_coaching(block)
