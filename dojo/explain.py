"""A failing test, told in a few readable lines instead of a page of traceback."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from dojo.text import one_line

if TYPE_CHECKING:
    from harness.results import Outcome

_COMPARISON = re.compile(
    r"^assert (?P<actual>.+?) (?P<op>==|!=|<=|>=|<|>|is not|is|not in|in) "
    r"(?P<expected>.+)$"
)
_NOT_RAISED = re.compile(r"DID NOT RAISE (?P<what>.+)$")
_CLASS = re.compile(
    r"<class '(?:[\w.]+\.)?(?P<name>\w+)'>|\b(?P<bare>[A-Z]\w*(?:Error|Exception|Warning))\b"
)
# pytest's advice for its own verbose mode, which dojo does not offer.
_PYTEST_ADVICE = re.compile(
    r"^(?:\.\.\.Full output truncated|Use -v+ to get|Omitting \d+ identical)"
)
# A bare falsy value: the assert checked a condition, not a comparison (all(...), x.ok).
_FALSE = re.compile(r"^(?:AssertionError: )?assert (?:False|None|0|\[\]|\(\)|''|\{\})$")
_MAX_LINES = 4
# Expected and actual longer than this are shown around their first difference.
WINDOW = 60


@attrs.frozen
class Explanation:
    """What went wrong, what was expected and what happened, and where in the learner's code.

    ``rule`` names what the spec must be read for (an error class the test expected), so
    the report can point at the section that states it.
    """

    test: str
    problem: str
    expected: str = ""
    actual: str = ""
    details: tuple[str, ...] = ()
    where: str = ""
    rule: str = ""
    code: str = ""


def test_name(nodeid: str) -> str:
    """The test's name with its parameters: what follows the last ``::`` before ``[``."""
    head, bracket, parameters = nodeid.partition("[")
    return head.rsplit("::", 1)[-1] + bracket + parameters


def explain(outcome: Outcome) -> Explanation:
    """Turn a recorded failure into an ``Explanation``."""
    lines = [one_line(line) for line in outcome.message.strip().splitlines()]
    lines = [line for line in lines if line and not _PYTEST_ADVICE.match(line)]
    first = lines[0] if lines else "the test failed without a message"
    details = tuple(lines[1 : 1 + _MAX_LINES])
    test, code = test_name(outcome.nodeid), one_line(outcome.code)
    if first.startswith("NotImplementedError"):
        return Explanation(
            test,
            "not written yet: the code still raises NotImplementedError",
            where=outcome.where,
            code=code,
        )
    not_raised = _NOT_RAISED.search(first)
    if not_raised:
        names = [match["name"] or match["bare"] for match in _CLASS.finditer(not_raised["what"])]
        expected = " or ".join(names) or not_raised["what"]
        return Explanation(
            test,
            "an error was expected, none was raised",
            expected,
            "no error",
            where=outcome.where,
            rule=names[0] if names else "",
            code=code,
        )
    comparison = _COMPARISON.match(first.removeprefix("AssertionError: "))
    if comparison and comparison["op"] == "==":
        expected, actual = around_difference(comparison["expected"], comparison["actual"])
        return Explanation(test, first, expected, actual, details, outcome.where, code=code)
    if _FALSE.match(first):
        first = f"the test's check is false ({first})"
    return Explanation(test, first, details=details, where=outcome.where, code=code)


def around_difference(expected: str, actual: str, window: int = WINDOW) -> tuple[str, str]:
    """Both texts, cut to ``window`` characters around where they first differ."""
    if len(expected) <= window and len(actual) <= window:
        return expected, actual
    start = next(
        (
            index
            for index, pair in enumerate(zip(expected, actual, strict=False))
            if pair[0] != pair[1]
        ),
        min(len(expected), len(actual)),
    )
    begin = max(0, start - window // 3)
    return _cut(expected, begin, window), _cut(actual, begin, window)


def _cut(text: str, begin: int, window: int) -> str:
    end = begin + window
    return ("..." if begin else "") + text[begin:end] + ("..." if end < len(text) else "")
