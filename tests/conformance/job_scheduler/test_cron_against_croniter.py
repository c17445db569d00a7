"""Cron.next_after against croniter in its cron-compatible day mode (the reference only).

Hypothesis generates the expressions and start times and, on a disagreement, shrinks to and
prints the smallest reproducing case.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from croniter import (  # type: ignore[import-untyped]  # croniter ships no type hints
    CroniterBadDateError,
    CroniterError,
    croniter,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from job_scheduler import Cron

pytestmark = pytest.mark.conformance

FIRE_TIMES = 20
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
MACROS = ("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly")
CONFORMANCE = settings(
    max_examples=3000,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _case(draw: st.DrawFn, text: str) -> str:
    return draw(st.sampled_from([text.lower(), text.upper(), text.capitalize()]))


@st.composite
def values(draw: st.DrawFn, low: int, high: int, names: tuple[str, ...], base: int) -> str:
    value = draw(st.integers(low, high))
    index = value - base
    if names and 0 <= index < len(names) and draw(st.booleans()):
        return _case(draw, names[index])
    return str(value)


@st.composite
def items(
    draw: st.DrawFn, low: int, high: int, names: tuple[str, ...], base: int, *, first: bool
) -> str:
    # Debian looks only at a field's first character to call it unrestricted; croniter looks
    # for '*' anywhere, so '*' appears only as the first item of a list.
    kinds = ["star", "star-step", "value", "range", "range-step"]
    kind = draw(st.sampled_from(kinds if first else kinds[2:]))
    step = draw(st.integers(1, high - low + 2))
    if kind == "star":
        return "*"
    if kind == "star-step":
        return f"*/{step}"
    if kind == "value":
        return draw(values(low, high, names, base))
    # croniter reads a one-value range such as 0-0 in the day-of-week field as '*'
    start = draw(st.integers(low, high - 1))
    end = draw(st.integers(start + 1, high))
    span = f"{draw(values(start, start, names, base))}-{draw(values(end, end, names, base))}"
    return span if kind == "range" else f"{span}/{step}"


def fields(
    low: int, high: int, names: tuple[str, ...] = (), base: int = 0
) -> st.SearchStrategy[str]:
    head = items(low, high, names, base, first=True)
    tail = st.lists(items(low, high, names, base, first=False), max_size=2)
    return st.tuples(head, tail).map(lambda parts: ",".join([parts[0], *parts[1]]))


expressions = st.one_of(
    st.sampled_from(MACROS).map(str.upper) | st.sampled_from(MACROS),
    st.tuples(
        fields(0, 59),
        fields(0, 23),
        fields(1, 31),
        fields(1, 12, MONTHS, base=1),
        fields(0, 7, DAYS),
    ).map(" ".join),
)

# Naive bounds: the time zone is drawn separately, naive included on purpose.
EARLIEST, LATEST = datetime(1971, 1, 1), datetime(2090, 12, 31)  # noqa: DTZ001
moments = st.builds(
    datetime.replace,
    st.datetimes(min_value=EARLIEST, max_value=LATEST),
    tzinfo=st.sampled_from([None, UTC, timezone(timedelta(hours=5, minutes=30))]),
)


def croniter_fire_times(expression: str, start: datetime) -> list[datetime] | None:
    """Return croniter's next fire times, or None when it rejects the expression."""
    try:
        series = croniter(expression, start, implement_cron_bug=True)
        return [series.get_next(datetime) for _ in range(FIRE_TIMES)]
    except (CroniterError, CroniterBadDateError):
        return None


def our_fire_times(expression: str, start: datetime) -> list[datetime] | None:
    try:
        cron = Cron(expression)
    except ValueError:
        return None
    moment, times = start, []
    for _ in range(FIRE_TIMES):
        moment = cron.next_after(moment)
        times.append(moment)
    return times


@CONFORMANCE
@given(expression=expressions, start=moments)
def test_next_fire_times_agree_with_croniter(expression: str, start: datetime) -> None:
    expected = croniter_fire_times(expression, start)

    actual = our_fire_times(expression, start)

    assert actual == expected, f"Cron({expression!r}) from {start.isoformat()}"


BOUNDS = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))
BAD_SYNTAX = ("*/0", "1,,2", "1-2-3", "*/5/2", "1-", "-", "1.5", "abc", "*-5", "2/", "/2")
NAMES_ELSEWHERE = (("jan", (0, 1, 2, 4)), ("mon", (0, 1, 2, 3)))


@st.composite
def invalid_items(draw: st.DrawFn, position: int) -> str:
    """An item that is invalid in the field at `position`."""
    low, high = BOUNDS[position]
    kind = draw(st.sampled_from(["above", "below", "range-above", "syntax", "name"]))
    if kind == "above":
        return str(draw(st.integers(high + 1, high + 300)))
    if kind == "below" and low > 0:
        return str(draw(st.integers(0, low - 1)))
    if kind in {"below", "range-above"}:
        start = draw(st.integers(low, high))
        return f"{start}-{draw(st.integers(high + 1, high + 99))}"
    if kind == "syntax":
        return draw(st.sampled_from(BAD_SYNTAX))
    name, positions = draw(st.sampled_from(NAMES_ELSEWHERE))
    return name if position in positions else str(high + 1)


@st.composite
def invalid_expressions(draw: st.DrawFn) -> str:
    """Valid fields with one invalid item, too few fields, or a date that never comes."""
    valid = [
        draw(fields(0, 59)),
        draw(fields(0, 23)),
        draw(fields(1, 31)),
        draw(fields(1, 12, MONTHS, base=1)),
        draw(fields(0, 7, DAYS)),
    ]
    # croniter only finds out that a date never comes after a long search: keep those few.
    shape = draw(st.sampled_from(["item"] * 6 + ["too-few", "never"]))
    if shape == "too-few":
        return " ".join(valid[: draw(st.integers(1, 4))])
    if shape == "never":
        day, months = draw(
            st.sampled_from([("30", "2"), ("31", "2"), ("30,31", "feb"), ("31", "4,jun,9,11")])
        )
        return f"{valid[0]} {valid[1]} {day} {months} *"
    position = draw(st.integers(0, 4))
    bad = draw(invalid_items(position))
    valid[position] = draw(st.sampled_from([bad, f"{valid[position]},{bad}", f"{bad},1"]))
    return " ".join(valid)


@settings(CONFORMANCE, max_examples=1500)
@given(expression=invalid_expressions(), start=moments)
def test_invalid_expressions_are_rejected_by_both(expression: str, start: datetime) -> None:
    assert croniter_fire_times(expression, start) is None, f"croniter accepts {expression!r}"

    with pytest.raises(ValueError, match=r"field|fire|fields"):
        Cron(expression)
