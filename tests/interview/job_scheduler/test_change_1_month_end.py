from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from job_scheduler.driver import new_scheduler, run_due, schedule

from tests.interview.job_scheduler.support import MINUTE, OK, Tasks
from tests.interview.support import raises_named
from tests.support import FakeClock

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = [
    pytest.mark.interview("month-end"),
    pytest.mark.spec(
        "Finance wants its report at 18:00 on the last day of every month. Add that schedule.",
        'schedule takes a third kind of trigger string, "last day of month at HH:MM": the job '
        "runs at that time of day, in UTC, on the last day of every month.",
    ),
]

MONTH_END = "last day of month at 18:00"


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A moment in UTC."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.spec(
    "The last day is the 31st, the 30th, or in February the 28th, or the 29th in a leap year."
)
def test_a_month_end_job_runs_on_the_last_day_of_every_month() -> None:
    clock = FakeClock(utc(2026, 1, 10))
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "report", MONTH_END)

    clock.set(utc(2026, 5, 1))
    ran = run_due(scheduler)

    assert ran == [
        ("report", utc(2026, 1, 31, 18), OK),
        ("report", utc(2026, 2, 28, 18), OK),
        ("report", utc(2026, 3, 31, 18), OK),
        ("report", utc(2026, 4, 30, 18), OK),
    ]


@pytest.mark.spec(
    "The last day is the 31st, the 30th, or in February the 28th, or the 29th in a leap year."
)
@pytest.mark.parametrize(
    ("year", "last"),
    [
        pytest.param(2027, 28, id="2027, not a leap year"),
        pytest.param(2028, 29, id="2028, a leap year"),
        pytest.param(2100, 28, id="2100, a century that is not a leap year"),
        pytest.param(2400, 29, id="2400, a century that is a leap year"),
    ],
)
def test_february_ends_on_the_28th_or_in_a_leap_year_the_29th(year: int, last: int) -> None:
    clock = FakeClock(utc(year, 2, 1))
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "report", MONTH_END)

    clock.set(utc(year, 3, 1))
    ran = run_due(scheduler)

    assert ran == [("report", utc(year, 2, last, 18), OK)]


@pytest.mark.spec("a job scheduled exactly at one first runs on the next month's last day")
def test_a_year_ends_and_the_next_begins_on_time() -> None:
    clock = FakeClock(utc(2026, 12, 31, 18))
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "report", MONTH_END)

    clock.set(utc(2027, 2, 1))
    ran = run_due(scheduler)

    assert ran == [("report", utc(2027, 1, 31, 18), OK)]


@pytest.mark.spec(
    "Its first run is the first such moment after the job is scheduled; a job scheduled "
    "exactly at one first runs on the next month's last day."
)
@pytest.mark.parametrize(
    ("scheduled", "first"),
    [
        pytest.param(utc(2026, 3, 1), utc(2026, 3, 31, 18), id="early in the month"),
        pytest.param(utc(2026, 3, 31, 17, 59), utc(2026, 3, 31, 18), id="a minute before"),
        pytest.param(utc(2026, 3, 31, 18), utc(2026, 4, 30, 18), id="exactly at one"),
        pytest.param(utc(2026, 3, 31, 18, 1), utc(2026, 4, 30, 18), id="a minute after"),
    ],
)
def test_the_first_run_is_the_first_month_end_after_scheduling(
    scheduled: datetime, first: datetime
) -> None:
    clock = FakeClock(scheduled)
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "report", MONTH_END)

    clock.set(first - MINUTE)
    early = run_due(scheduler)
    clock.set(first)
    on_time = run_due(scheduler)

    assert early == []
    assert on_time == [("report", first, OK)]


@pytest.mark.spec("the job runs at that time of day")
@pytest.mark.parametrize(
    ("trigger", "moment"),
    [
        pytest.param("last day of month at 00:00", utc(2026, 4, 30, 0, 0), id="midnight"),
        pytest.param("last day of month at 09:05", utc(2026, 4, 30, 9, 5), id="09:05"),
        pytest.param("last day of month at 23:59", utc(2026, 4, 30, 23, 59), id="23:59"),
    ],
)
def test_the_job_runs_at_the_time_of_day_given(trigger: str, moment: datetime) -> None:
    clock = FakeClock(utc(2026, 4, 2))
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "report", trigger)

    clock.set(moment - MINUTE)
    early = run_due(scheduler)
    clock.set(moment)
    on_time = run_due(scheduler)

    assert early == []
    assert on_time == [("report", moment, OK)]


@pytest.fixture
def local_time_far_from_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local time zone set to UTC+13 while the test runs."""
    monkeypatch.setenv("TZ", "XYZ-13")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.spec("in UTC")
@pytest.mark.usefixtures("local_time_far_from_utc")
def test_the_day_and_the_time_are_utc_whatever_the_local_zone() -> None:
    """At 12:00 UTC on 30 April it is already 1 May in UTC+13; the month end is still today."""
    clock = FakeClock(utc(2026, 4, 30, 12))
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "report", "last day of month at 18:00")

    clock.set(utc(2026, 4, 30, 17, 59))
    early = run_due(scheduler)
    clock.set(utc(2026, 4, 30, 18))
    on_time = run_due(scheduler)

    assert early == []
    assert on_time == [("report", utc(2026, 4, 30, 18), OK)]


@pytest.mark.spec(
    "An hour above 23 or a minute above 59 is refused with ValueError naming the trigger string."
)
@pytest.mark.parametrize(
    "trigger",
    [
        pytest.param("last day of month at 24:00", id="hour 24"),
        pytest.param("last day of month at 18:60", id="minute 60"),
        pytest.param("last day of month at 99:99", id="both"),
    ],
)
def test_an_hour_or_minute_out_of_range_is_refused_naming_the_trigger(trigger: str) -> None:
    clock, tasks = FakeClock(utc(2026, 4, 2)), Tasks()
    scheduler = new_scheduler(clock, tasks)

    with raises_named("ValueError", naming=trigger):
        schedule(scheduler, "report", trigger)

    clock.set(utc(2027, 1, 1))
    assert run_due(scheduler) == []
