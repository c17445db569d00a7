from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from job_scheduler import At, Cron, Interval, InvalidValueError, JobStatus, Scheduler

from tests.job_scheduler.support import MINUTE, noop, occurrences
from tests.support import START, FakeClock

pytestmark = [
    pytest.mark.step(2),
    pytest.mark.spec(
        "Jobs that fire again and again, on any schedule, including one you write yourself."
    ),
    pytest.mark.spec(
        "schedule(task, trigger, , name=None, until=None, max_runs=None) schedules task on a "
        "Trigger."
    ),
]


@pytest.mark.spec(
    "Interval(every, start=None) fires at a fixed rate: start + k every.",
    'The next fire is the previous scheduled time plus every, never "now plus every": a late run '
    "does not move the schedule.",
    "Without a start, the first fire is now + every",
)
def test_an_interval_job_keeps_a_fixed_rate_however_late_it_runs(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    scheduler.schedule(noop, Interval(10 * MINUTE))

    seen = occurrences(scheduler, clock, [13 * MINUTE, 9 * MINUTE, 9 * MINUTE])

    assert seen == [START + 10 * MINUTE, START + 20 * MINUTE, START + 30 * MINUTE]


@pytest.mark.spec(
    "When the clock has moved past several occurrences, run_pending() runs each of them, in order "
    "(step 5 makes this a choice).",
)
def test_an_interval_job_catches_up_every_occurrence_it_fell_behind_on(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    scheduler.schedule(noop, Interval(10 * MINUTE))

    seen = occurrences(scheduler, clock, [35 * MINUTE])

    assert seen == [START + 10 * MINUTE, START + 20 * MINUTE, START + 30 * MINUTE]


@pytest.mark.spec(
    "with a start, the first fire is the first start + k every (k = 0, 1, ...) not before now.",
)
def test_an_interval_with_a_future_start_fires_first_at_the_start(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    scheduler.schedule(noop, Interval(timedelta(hours=1), start=START + 5 * MINUTE))

    seen = occurrences(scheduler, clock, [5 * MINUTE, timedelta(hours=1)])

    assert seen == [START + 5 * MINUTE, START + 65 * MINUTE]


@pytest.mark.spec(
    "with a start, the first fire is the first start + k every (k = 0, 1, ...) not before now.",
    "Interval(every, start=None) fires at a fixed rate: start + k every.",
)
def test_an_interval_with_a_past_start_keeps_to_its_grid(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    scheduler.schedule(noop, Interval(timedelta(hours=1), start=START - 150 * MINUTE))

    seen = occurrences(scheduler, clock, [30 * MINUTE, 60 * MINUTE])

    assert seen == [START + 30 * MINUTE, START + 90 * MINUTE]


@pytest.mark.spec(
    "A non-positive every raises ValueError naming every.",
    "InvalidValueError | ValueError | an argument makes no sense: a naive datetime, a bad cron "
    "expression, a non-positive interval",
)
@pytest.mark.parametrize("every", [timedelta(0), -MINUTE], ids=["zero", "negative"])
def test_an_interval_must_be_positive(every: timedelta) -> None:
    with pytest.raises(ValueError, match="every") as raised:
        Interval(every)

    assert isinstance(raised.value, InvalidValueError)


@pytest.mark.spec("Cron(expression) is the cron trigger; see below.")
def test_a_cron_job_fires_on_matching_minutes(scheduler: Scheduler, clock: FakeClock) -> None:
    clock.advance(7 * MINUTE)
    scheduler.schedule(noop, Cron("*/15 * * * *"))

    seen = occurrences(scheduler, clock, [8 * MINUTE, 14 * MINUTE, MINUTE, 29 * MINUTE])

    assert seen == [START + 15 * MINUTE, START + 30 * MINUTE, START + 45 * MINUTE]


@pytest.mark.spec(
    "max_runs: at most this many runs.",
    "Either ends the job as COMPLETED.",
)
def test_a_job_runs_no_more_than_max_runs_times_then_completes(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    job = scheduler.schedule(noop, Interval(MINUTE), max_runs=3)

    seen = occurrences(scheduler, clock, [2 * MINUTE, 10 * MINUTE])

    assert seen == [START + MINUTE, START + 2 * MINUTE, START + 3 * MINUTE]
    assert (job.info.runs, job.status) == (3, JobStatus.COMPLETED)


@pytest.mark.spec(
    "until: no occurrence after this time",
    "Either ends the job as COMPLETED.",
)
def test_a_job_runs_no_later_than_until_then_completes(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    job = scheduler.schedule(
        noop, Interval(MINUTE), until=START + 2 * MINUTE + timedelta(seconds=30)
    )

    seen = occurrences(scheduler, clock, [MINUTE, MINUTE, MINUTE, MINUTE])

    assert seen == [START + MINUTE, START + 2 * MINUTE]
    assert job.status is JobStatus.COMPLETED


@pytest.mark.spec("(one exactly at until still runs)")
def test_an_occurrence_exactly_at_until_still_runs(scheduler: Scheduler, clock: FakeClock) -> None:
    first_only = scheduler.schedule(noop, Interval(MINUTE), until=START + MINUTE)
    scheduler.schedule(noop, Interval(MINUTE), until=START + 2 * MINUTE)

    seen = occurrences(scheduler, clock, [MINUTE, MINUTE, MINUTE])

    assert seen == [START + MINUTE, START + MINUTE, START + 2 * MINUTE]
    assert first_only.status is JobStatus.COMPLETED


@pytest.mark.spec(
    "with a start, the first fire is the first start + k every (k = 0, 1, ...) not before now.",
)
def test_an_interval_starting_now_fires_now(scheduler: Scheduler, clock: FakeClock) -> None:
    scheduler.schedule(noop, Interval(timedelta(hours=1), start=START))

    seen = occurrences(scheduler, clock, [timedelta(0), timedelta(hours=1)])

    assert seen == [START, START + timedelta(hours=1)]


@pytest.mark.spec("A job whose first fire is already after until completes at once.")
def test_a_job_whose_first_fire_is_after_until_never_runs(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    job = scheduler.schedule(noop, Interval(timedelta(hours=1)), until=START + MINUTE)

    at_once = (job.status, job.info.next_run)
    seen = occurrences(scheduler, clock, [timedelta(hours=2)])

    assert at_once == (JobStatus.COMPLETED, None)
    assert seen == []
    assert job.status is JobStatus.COMPLETED


@attrs.frozen
class Times:
    """A trigger written outside the package: fires at the listed times, then stops."""

    times: tuple[datetime, ...]

    def first_fire(self, now: datetime) -> datetime | None:
        """The first listed time after `now`."""
        return next((time for time in self.times if time > now), None)

    def next_fire(self, previous: datetime) -> datetime | None:
        """The listed time after `previous`."""
        return next((time for time in self.times if time > previous), None)


@pytest.mark.spec(
    "A trigger written outside the package (any object with these two methods) works unchanged.",
    "the protocol of a schedule: first_fire(now) and next_fire(previous), each returning a "
    "datetime or None",
)
def test_a_trigger_written_outside_the_package_works_unchanged(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    times = (START + 2 * MINUTE, START + 3 * MINUTE, START + 7 * MINUTE)
    job = scheduler.schedule(noop, Times(times))

    seen = occurrences(scheduler, clock, [MINUTE] * 10)

    assert seen == list(times)
    assert job.status is JobStatus.COMPLETED


@pytest.mark.spec("None ends the job, which becomes COMPLETED")
def test_a_trigger_that_never_fires_completes_the_job_at_once(scheduler: Scheduler) -> None:
    job = scheduler.schedule(noop, Times(()))

    assert job.status is JobStatus.COMPLETED


@pytest.mark.spec(
    "A recurring job whose run fails keeps its schedule; info.last_error holds the latest failure "
    "and is cleared by the next success.",
)
def test_a_recurring_job_that_fails_keeps_its_schedule(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    outcomes = iter([ValueError("first"), None, None])

    def flaky() -> None:
        error = next(outcomes)
        if error is not None:
            raise error

    job = scheduler.schedule(flaky, Interval(MINUTE))

    seen = occurrences(scheduler, clock, [MINUTE])
    errors = [job.info.last_error]
    seen += occurrences(scheduler, clock, [MINUTE])
    errors.append(job.info.last_error)

    assert seen == [START + MINUTE, START + 2 * MINUTE]
    assert errors == ["ValueError: first", None]
    assert job.status is JobStatus.SCHEDULED


@pytest.mark.spec(
    "Interval(every, start=None) fires at a fixed rate: start + k every.",
    'The next fire is the previous scheduled time plus every, never "now plus every": a late run '
    "does not move the schedule.",
)
@given(
    every=st.integers(1, 90),
    steps=st.lists(st.integers(0, 200), min_size=1, max_size=15),
)
def test_interval_occurrences_never_drift_whatever_the_ticks(every: int, steps: list[int]) -> None:
    clock = FakeClock()
    scheduler = Scheduler(clock)
    scheduler.schedule(noop, Interval(every * MINUTE))

    seen = occurrences(scheduler, clock, [step * MINUTE for step in steps])

    elapsed = sum(steps)
    assert seen == [START + k * every * MINUTE for k in range(1, elapsed // every + 1)]


NEXT_AFTER = [
    ("* * * * *", "2030-01-01T10:00:30", "2030-01-01T10:01:00"),
    ("* * * * *", "2030-01-01T10:00:00", "2030-01-01T10:01:00"),
    ("* * * * *", "2030-01-01T10:58:00", "2030-01-01T10:59:00"),
    ("0 9 * * *", "2030-01-01T10:00:00", "2030-01-02T09:00:00"),
    ("*/15 * * * *", "2030-01-01T10:46:00", "2030-01-01T11:00:00"),
    ("1-30/10 * * * *", "2030-01-01T10:12:00", "2030-01-01T10:21:00"),
    ("5,50 3 * * *", "2030-01-01T03:50:00", "2030-01-02T03:05:00"),
    ("0 0 1 * *", "2030-01-31T12:00:00", "2030-02-01T00:00:00"),
    ("0 0 31 * *", "2030-02-01T00:00:00", "2030-03-31T00:00:00"),
    ("0 0 29 2 *", "2030-01-01T00:00:00", "2032-02-29T00:00:00"),
    ("0 12 * * 7", "2030-01-01T00:00:00", "2030-01-06T12:00:00"),
    ("0 12 * * 0", "2030-01-01T00:00:00", "2030-01-06T12:00:00"),
    ("0 12 * * sun", "2030-01-01T00:00:00", "2030-01-06T12:00:00"),
    ("0 9 * * Mon-Fri", "2030-01-04T09:00:00", "2030-01-07T09:00:00"),
    ("0 0 * JAN,jul *", "2030-02-01T00:00:00", "2030-07-01T00:00:00"),
    ("0 0 * jul *", "2030-01-31T10:00:00", "2030-07-01T00:00:00"),
    ("30 6 * jan *", "2030-12-15T10:00:00", "2031-01-01T06:30:00"),
    ("0 0 * jan *", "2030-12-15T10:00:00", "2031-01-01T00:00:00"),
    ("0 0 13 * 5", "2030-01-01T00:00:00", "2030-01-04T00:00:00"),
    ("0 0 */10 * 5", "2030-01-01T00:00:00", "2030-01-11T00:00:00"),
    ("0 0 13 * *", "2030-01-01T00:00:00", "2030-01-13T00:00:00"),
    ("30 23 31 12 *", "2030-12-31T23:30:00", "2031-12-31T23:30:00"),
    ("@yearly", "2030-06-01T00:00:00", "2031-01-01T00:00:00"),
    ("@annually", "2030-06-01T00:00:00", "2031-01-01T00:00:00"),
    ("@monthly", "2030-06-15T00:00:00", "2030-07-01T00:00:00"),
    ("@weekly", "2030-01-01T00:00:00", "2030-01-06T00:00:00"),
    ("@daily", "2030-01-01T00:00:00", "2030-01-02T00:00:00"),
    ("@midnight", "2030-01-01T23:59:59", "2030-01-02T00:00:00"),
    ("@HOURLY", "2030-01-01T00:59:00", "2030-01-01T01:00:00"),
]


@pytest.mark.spec(
    "next_after returns the first matching minute strictly after moment",
    "Five fields: minute (0-59), hour (0-23), day of month (1-31), month (1-12), day of week "
    "(0-7; 0 and 7 are both Sunday).",
    "Each field is a comma-separated list of items: , a number, a range a-b, or a step on or on a "
    "range (/15, 1-30/2).",
    "Month names JAN-DEC and day names SUN-SAT, in any case, wherever a number may stand "
    "(mon-fri, JAN,jul).",
    "Macros, in any case: @yearly and @annually (0 0 1 1 ), @monthly (0 0 1 ), @weekly (0 0 0), "
    "@daily and @midnight (0 0 ), @hourly (0 ).",
    "The day rule is Debian cron's: when both day fields are restricted (neither begins with ), a "
    "day matches if either matches; otherwise both must match.",
    "So 0 0 13 5 fires on the 13th and on every Friday, while 0 0 /10 5 fires only on Fridays "
    "that are the 1st, 11th, 21st or 31st.",
)
@pytest.mark.parametrize(
    ("expression", "moment", "expected"),
    NEXT_AFTER,
    ids=[f"{expression} after {moment}" for expression, moment, _ in NEXT_AFTER],
)
def test_cron_next_after_is_the_first_matching_minute_strictly_after(
    expression: str, moment: str, expected: str
) -> None:
    start = datetime.fromisoformat(moment).replace(tzinfo=UTC)

    fired = Cron(expression).next_after(start)

    assert fired == datetime.fromisoformat(expected).replace(tzinfo=UTC)


@pytest.mark.spec(
    "next_after returns the first matching minute strictly after moment, in the same tzinfo "
    "(naive stays naive), with seconds and microseconds zeroed.",
)
def test_cron_keeps_the_moments_tzinfo_and_zeroes_the_seconds() -> None:
    zone = timezone(timedelta(hours=-3))
    naive = datetime(2030, 1, 1, 10, 0, 59, 999)  # noqa: DTZ001 - naive stays naive

    aware = Cron("* * * * *").next_after(datetime(2030, 1, 1, 10, 0, 59, 999, tzinfo=zone))

    assert aware == datetime(2030, 1, 1, 10, 1, tzinfo=zone)
    assert aware.tzinfo is zone
    assert Cron("* * * * *").next_after(naive).tzinfo is None


INVALID_FIELDS = [
    ("60 * * * *", "minute", "60"),
    ("5-70 * * * *", "minute", "5-70"),
    ("5/2 * * * *", "minute", "5/2"),
    ("* 24 * * *", "hour", "24"),
    ("* * 0 * *", "day-of-month", "0"),
    ("* * * 13 *", "month", "13"),
    ("* * * * 8", "day-of-week", "8"),
    ("*/0 * * * *", "minute", "*/0"),
    ("5-1 * * * *", "minute", "5-1"),
    ("* * * foo *", "month", "foo"),
    ("* * * * mon/2", "day-of-week", "mon/2"),
    ("1,,2 * * * *", "minute", "1,,2"),
]


@pytest.mark.spec(
    "An invalid expression raises ValueError whose message names the field (minute, hour, "
    "day-of-month, month, day-of-week) followed by the field's text in quotes, as in invalid "
    "minute field '60': 60 is outside 0-59",
    "A range must not run backwards; a step must be positive; a step needs or a range before it "
    "(5/2 is invalid).",
    "a bad cron expression",
)
@pytest.mark.parametrize(
    ("expression", "field", "text"), INVALID_FIELDS, ids=[case[0] for case in INVALID_FIELDS]
)
def test_an_invalid_cron_field_is_a_value_error_naming_the_field_and_its_text(
    expression: str, field: str, text: str
) -> None:
    with pytest.raises(ValueError, match=f"{field} field {re.escape(repr(text))}") as raised:
        Cron(expression)

    assert isinstance(raised.value, InvalidValueError)


@pytest.mark.spec("or, for the wrong number of fields, says five fields.")
@pytest.mark.parametrize(
    "expression",
    ["* * * *", "* * * * * *", "", "@reboot"],
    ids=["four fields", "six fields", "empty", "an unknown macro"],
)
def test_a_cron_expression_needs_five_fields_or_a_macro(expression: str) -> None:
    with pytest.raises(ValueError, match="five fields") as raised:
        Cron(expression)

    assert isinstance(raised.value, InvalidValueError)


@pytest.mark.spec(
    "An expression that can never fire (0 0 30 2 ) is refused at construction with a message that "
    "says never.",
)
@pytest.mark.parametrize(
    "expression", ["0 0 30 2 *", "0 0 31 4,6,9,11 *"], ids=["30 February", "31 April, June..."]
)
def test_a_cron_expression_that_can_never_fire_is_refused(expression: str) -> None:
    with pytest.raises(ValueError, match="never") as raised:
        Cron(expression)

    assert isinstance(raised.value, InvalidValueError)


@pytest.mark.spec(
    "A max_runs below 1 raises ValueError naming max_runs.",
    "a concurrency limit or max_runs below 1",
)
@pytest.mark.parametrize("limit", [0, -3], ids=["zero", "negative"])
def test_max_runs_must_be_at_least_one(scheduler: Scheduler, limit: int) -> None:
    with pytest.raises(ValueError, match="max_runs") as raised:
        scheduler.schedule(noop, Interval(MINUTE), max_runs=limit)

    assert isinstance(raised.value, InvalidValueError)
    assert scheduler.jobs() == []


@pytest.mark.spec(
    "At(when) fires once.",
    "schedule_at is schedule(task, At(when)), so its job's info.trigger is At(when); "
    "schedule_after(delay, task) is schedule(task, At(clock() + delay)).",
)
def test_schedule_at_and_schedule_after_are_jobs_on_an_at_trigger(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    clock.advance(MINUTE)

    at_job = scheduler.schedule_at(START + 5 * MINUTE, noop)
    after_job = scheduler.schedule_after(3 * MINUTE, noop)

    assert at_job.info.trigger == At(START + 5 * MINUTE)
    assert after_job.info.trigger == At(START + 4 * MINUTE)


@pytest.mark.spec(
    "At, Interval and Cron are frozen values: two are equal exactly when they were built from "
    "equal arguments.",
    "Cron(expression).expression is the text it was given.",
    "the triggers that come with the scheduler",
)
def test_the_built_in_triggers_are_values() -> None:
    expression = "*/5 9-17 * * MON-FRI"

    cron = Cron(expression)

    assert cron == Cron(expression)
    assert cron != Cron("*/5 9-17 * * mon-fri")
    assert cron.expression == expression
    assert Interval(MINUTE, start=START) == Interval(MINUTE, start=START)
    assert Interval(MINUTE) != Interval(2 * MINUTE)
    assert At(START) == At(START)
    assert At(START) != At(START + MINUTE)
    assert (
        len({At(START), At(START), Interval(MINUTE), Interval(MINUTE), cron, Cron(expression)}) == 3
    )


@attrs.define
class Recorded:
    """A trigger written outside the package that records what it is asked."""

    times: tuple[datetime, ...]
    asked: list[tuple[str, datetime]] = attrs.field(factory=list)

    def first_fire(self, now: datetime) -> datetime | None:
        """The first listed time; records the question."""
        self.asked.append(("first", now))
        return self.times[0] if self.times else None

    def next_fire(self, previous: datetime) -> datetime | None:
        """The listed time after `previous`; records the question."""
        self.asked.append(("next", previous))
        return next((time for time in self.times if time > previous), None)


@pytest.mark.spec(
    "The scheduler asks trigger.first_fire(now) once, then trigger.next_fire(previous_occurrence) "
    "after each occurrence",
)
def test_the_trigger_is_asked_once_for_the_first_fire_then_after_each_occurrence(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    trigger = Recorded((START + MINUTE, START + 3 * MINUTE))
    clock.advance(timedelta(seconds=10))
    job = scheduler.schedule(noop, trigger)

    occurrences(scheduler, clock, [MINUTE] * 5)

    assert trigger.asked == [
        ("first", START + timedelta(seconds=10)),
        ("next", START + MINUTE),
        ("next", START + 3 * MINUTE),
    ]
    assert job.status is JobStatus.COMPLETED


@pytest.mark.spec("None ends the job, which becomes COMPLETED (or FAILED if its last run failed).")
def test_a_job_whose_last_run_failed_ends_as_failed(scheduler: Scheduler, clock: FakeClock) -> None:
    outcomes = iter([None, ValueError("second")])

    def second_fails() -> None:
        error = next(outcomes)
        if error is not None:
            raise error

    job = scheduler.schedule(second_fails, Times((START + MINUTE, START + 2 * MINUTE)))

    seen = occurrences(scheduler, clock, [MINUTE, MINUTE, MINUTE])

    assert seen == [START + MINUTE, START + 2 * MINUTE]
    assert (job.status, job.info.last_error) == (JobStatus.FAILED, "ValueError: second")
