"""A failing test, told in a few readable lines instead of a page of traceback."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from harness.results import Outcome

_COMPARISON = re.compile(
    r"^assert (?P<actual>.+?) (?P<op>==|!=|<=|>=|<|>|is not|is|not in|in) "
    r"(?P<expected>.+)$"
)
_NOT_RAISED = re.compile(r"DID NOT RAISE <class '(?:[\w.]+\.)?(?P<name>\w+)'>")
_MAX_LINES = 4


@attrs.frozen
class Explanation:
    """What went wrong, what was expected and what happened, and where in the learner's code."""

    test: str
    problem: str
    expected: str = ""
    actual: str = ""
    details: tuple[str, ...] = ()
    where: str = ""


def explain(outcome: Outcome) -> Explanation:
    """Turn a recorded failure into an ``Explanation``."""
    lines = [line.rstrip() for line in outcome.message.strip().splitlines() if line.strip()]
    first = lines[0] if lines else "the test failed without a message"
    details = tuple(line.strip() for line in lines[1 : 1 + _MAX_LINES])
    test = outcome.nodeid.split("::")[-1]
    if first.startswith("NotImplementedError"):
        return Explanation(
            test,
            "not written yet: this part of the skeleton still raises NotImplementedError",
            where=outcome.where,
        )
    not_raised = _NOT_RAISED.search(first)
    if not_raised:
        name = not_raised["name"]
        return Explanation(
            test, "an error was expected, none was raised", name, "no error", where=outcome.where
        )
    comparison = _COMPARISON.match(first.removeprefix("AssertionError: "))
    if comparison and comparison["op"] == "==":
        return Explanation(
            test,
            first,
            comparison["expected"],
            comparison["actual"],
            details,
            outcome.where,
        )
    return Explanation(test, first, details=details, where=outcome.where)
