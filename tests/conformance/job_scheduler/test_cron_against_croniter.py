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


INVALID_FIELDS = st.sampled_from(
    [
        "60",
        "24",
        "-1",
        "*/0",
        "1,,2",
        "1-2-3",
        "*/5/2",
        "a",
        "1-",
        "",
        "jan",
        "mon",
        "1.5",
        "32",
        "13",
        "8",
    ]
)


@st.composite
def invalid_expressions(draw: st.DrawFn) -> str:
    fields_ = ["*", "*", "*", "*", "*"]
    position = draw(st.integers(0, 4))
    bad = draw(INVALID_FIELDS)
    shape = draw(st.sampled_from(["field", "too-few", "never"]))
    if shape == "too-few":
        return " ".join(fields_[: draw(st.integers(1, 4))])
    if shape == "never":
        day = draw(st.sampled_from(["30", "31", "30,31"]))
        return f"0 0 {day} {draw(st.sampled_from(['2', 'feb', '2,feb']))} *"
    if _accepted_by_field(bad, position):
        bad = "60" if position == 0 else "99"
    fields_[position] = bad
    return " ".join(fields_)


def _accepted_by_field(text: str, position: int) -> bool:
    """Some invalid tokens are valid in another field: month and day names, 24 as a minute."""
    return (
        (text == "jan" and position == 3)
        or (text == "mon" and position == 4)
        or (text.isdigit() and int(text) <= (59, 23, 31, 12, 7)[position])
        or (text in {"32", "13", "8"} and position == 0)
    )


@CONFORMANCE
@given(expression=invalid_expressions(), start=moments)
def test_invalid_expressions_are_rejected_by_both(expression: str, start: datetime) -> None:
    assert croniter_fire_times(expression, start) is None, f"croniter accepts {expression!r}"

    with pytest.raises(ValueError, match=r"field|fire|fields"):
        Cron(expression)
