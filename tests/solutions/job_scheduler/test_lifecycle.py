"""The rules of a job's life, checked directly: a state in, the next state out.

Unit tests of the reference solution's `lifecycle` module (run with ``--impl solutions``);
the acceptance tests in ``tests/job_scheduler/`` check the same rules through the API.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random

import pytest
from job_scheduler import (
    At,
    DeadLetter,
    Event,
    EventKind,
    FixedDelay,
    Interval,
    InvalidValueError,
    JobOptions,
    JobStateError,
    JobStatus,
    JobTimeoutError,
    Misfire,
)
from job_scheduler.lifecycle import (
    Attempt,
    JobRecord,
    PendingRun,
    begin,
    cancel,
    finish,
    lose,
    pause,
    plan,
    resume,
    start,
)

from tests.support import START

HOUR = timedelta(hours=1)


def hourly(**options: object) -> JobRecord:
    """A job on an hourly interval starting at START, with the given options."""
    return JobRecord(
        id="j1",
        name="report",
        task="report",
        trigger=Interval(HOUR, start=START),
        options=JobOptions(**options),  # type: ignore[arg-type]  # the tests pass valid options
    )


def seeded() -> Random:
    return Random(1)  # noqa: S311 - jitter, not secrets


def first_run(job: JobRecord, occurrence: datetime = START) -> PendingRun:
    return PendingRun.first_attempt(job, occurrence).numbered(7)


def test_starting_a_job_queues_its_first_fire_and_announces_it() -> None:
    job = hourly(priority=4)

    started = start(job, START - HOUR)

    assert started.job == job
    assert started.first == PendingRun("j1", START, 1, START, 4)
    assert started.event == Event(EventKind.SCHEDULED, "j1", START - HOUR, START)


@pytest.mark.parametrize(
    ("trigger", "until"),
    [(At(START), START - HOUR), (Interval(HOUR, start=START), START - timedelta(seconds=1))],
    ids=["one-off after until", "interval whose first fire is after until"],
)
def test_a_job_that_would_first_fire_after_until_is_over_at_once(
    trigger: At | Interval, until: datetime
) -> None:
    job = JobRecord("j1", "x", "x", trigger, JobOptions(until=until))

    started = start(job, START - HOUR)

    assert (started.job.status, started.first) == (JobStatus.COMPLETED, None)
    assert started.event == Event(EventKind.SCHEDULED, "j1", START - HOUR, None)


def test_a_naive_first_fire_is_refused() -> None:
    job = JobRecord("j1", "x", "x", At(datetime(2030, 1, 1)), JobOptions())  # noqa: DTZ001 - the point

    with pytest.raises(InvalidValueError, match="naive"):
        start(job, START)


@pytest.mark.parametrize(
    ("misfire", "late_by", "run", "missed", "following"),
    [
        (Misfire.RUN_EACH, 2 * HOUR + timedelta(minutes=5), START, (), START + HOUR),
        (Misfire.SKIP, timedelta(minutes=5), None, (START,), START + HOUR),
        (
            Misfire.RUN_ONCE,
            2 * HOUR + timedelta(minutes=5),
            START + 2 * HOUR,
            (START, START + HOUR),
            START + 3 * HOUR,
        ),
        (Misfire.SKIP, timedelta(0), START, (), START + HOUR),
    ],
    ids=["run each", "skip", "run once folds", "on time runs whatever the policy"],
)
def test_planning_applies_the_misfire_policy(
    misfire: Misfire,
    late_by: timedelta,
    run: datetime | None,
    missed: tuple[datetime, ...],
    following: datetime | None,
) -> None:
    chosen = plan(hourly(misfire=misfire), START, START + late_by)

    assert (chosen.run, chosen.missed, chosen.following) == (run, missed, following)


def test_planning_stops_at_until_and_at_max_runs() -> None:
    until_after_this = plan(hourly(until=START + HOUR - timedelta(seconds=1)), START, START)
    last_run = plan(hourly(max_runs=1), START, START)

    assert (until_after_this.run, until_after_this.following) == (START, None)
    assert (last_run.run, last_run.following) == (START, None)


def test_beginning_a_first_attempt_counts_it_plans_it_and_queues_its_successor() -> None:
    job = hourly()
    claimed = first_run(job)

    begun = begin(job, claimed, START, others=0)

    assert begun.job.runs == 1
    assert begun.run == PendingRun("j1", START, 1, START, 0, planned=True, id=7)
    assert begun.successor == PendingRun("j1", START + HOUR, 1, START + HOUR, 0)
    assert begun.events == (Event(EventKind.STARTED, "j1", START, START, 1),)


def test_a_planned_run_begins_as_it_is() -> None:
    job = hourly(misfire=Misfire.SKIP)
    taken_over = first_run(job).planned_for(START)

    begun = begin(job, taken_over, START + HOUR, others=1)

    assert (begun.job, begun.run, begun.successor) == (job, taken_over, None)


def test_lateness_is_judged_at_now_and_the_events_are_dated_at() -> None:
    job = hourly(misfire=Misfire.SKIP, grace=timedelta(minutes=5))
    on_the_schedulers_clock = START + 2 * HOUR

    begun = begin(job, first_run(job), START, others=0, at=on_the_schedulers_clock)
    late = begin(job, first_run(job), START + HOUR, others=0, at=on_the_schedulers_clock)

    assert begun.events == (Event(EventKind.STARTED, "j1", on_the_schedulers_clock, START, 1),)
    assert late.run is None
    assert late.events == (Event(EventKind.MISSED, "j1", on_the_schedulers_clock, START),)


def test_a_run_whose_claim_was_taken_over_is_reported_lost_with_its_error() -> None:
    claimed = first_run(hourly()).claimed(3)
    error = ConnectionError("upstream down")

    lost = lose(Attempt(claimed, START, START + HOUR, error))

    assert lost == Event(EventKind.LEASE_LOST, "j1", START + HOUR, START, 1, error)


@pytest.mark.parametrize(
    ("others", "status"),
    [(0, JobStatus.COMPLETED), (1, JobStatus.SCHEDULED)],
    ids=["nothing else queued: over", "a retry still queued: goes on"],
)
def test_a_skipped_last_occurrence_ends_the_job_only_if_nothing_else_is_queued(
    others: int, status: JobStatus
) -> None:
    job = JobRecord("j1", "x", "x", At(START), JobOptions(misfire=Misfire.SKIP))

    begun = begin(job, first_run(job), START + HOUR, others=others)

    assert (begun.run, begun.successor, begun.job.status, begun.job.runs) == (None, None, status, 0)
    assert begun.events == (Event(EventKind.MISSED, "j1", START + HOUR, START),)


def attempt(
    job: JobRecord, error: Exception | None = None, took: timedelta = timedelta(0)
) -> Attempt:
    return Attempt(first_run(job).planned_for(START), START, START + took, error)


def test_a_success_clears_the_last_error_and_ends_a_job_with_nothing_left() -> None:
    job = JobRecord("j1", "x", "x", At(START), JobOptions(), runs=1, last_error="ValueError: x")

    outcome = finish(job, attempt(job), others=0, random=seeded())

    assert (outcome.job.status, outcome.job.last_error) == (JobStatus.COMPLETED, None)
    assert (outcome.retry, outcome.dead_letter) == (None, None)
    assert [event.kind for event in outcome.events] == [EventKind.SUCCEEDED]


def test_a_failure_with_attempts_left_is_retried_after_the_policys_delay() -> None:
    job = hourly(retry=FixedDelay(timedelta(seconds=30), attempts=2))
    error = ConnectionError("down")

    outcome = finish(job, attempt(job, error), others=1, random=seeded())

    assert outcome.retry == PendingRun(
        "j1", START, 2, START + timedelta(seconds=30), 0, planned=True
    )
    assert (outcome.job.status, outcome.job.last_error) == (
        JobStatus.SCHEDULED,
        "ConnectionError: down",
    )
    assert [event.kind for event in outcome.events] == [EventKind.FAILED, EventKind.RETRYING]


@pytest.mark.parametrize(
    ("job", "final"),
    [
        (hourly(), JobStatus.FAILED),
        (
            hourly(retry=FixedDelay(timedelta(seconds=30))).with_status(JobStatus.CANCELLED),
            JobStatus.CANCELLED,
        ),
    ],
    ids=["no retry left", "job cancelled meanwhile"],
)
def test_a_failure_without_a_retry_is_dead_lettered(job: JobRecord, final: JobStatus) -> None:
    outcome = finish(job, attempt(job, ValueError("bad")), others=0, random=seeded())

    assert outcome.dead_letter == DeadLetter("j1", START, 1, "ValueError: bad")
    assert (outcome.retry, outcome.job.status) == (None, final)
    assert [event.kind for event in outcome.events] == [
        EventKind.FAILED,
        EventKind.DEAD_LETTERED,
    ]


def test_a_run_longer_than_the_timeout_fails_with_a_timeout_error() -> None:
    job = hourly(timeout=timedelta(minutes=1))

    outcome = finish(job, attempt(job, took=timedelta(minutes=2)), others=1, random=seeded())

    failed = outcome.events[0]
    assert isinstance(failed.error, JobTimeoutError)
    assert (outcome.job.last_error or "").startswith("JobTimeoutError")


@pytest.mark.parametrize(
    ("transition", "allowed", "after"),
    [
        (cancel, {JobStatus.SCHEDULED, JobStatus.PAUSED}, JobStatus.CANCELLED),
        (pause, {JobStatus.SCHEDULED}, JobStatus.PAUSED),
        (resume, {JobStatus.PAUSED}, JobStatus.SCHEDULED),
    ],
    ids=["cancel", "pause", "resume"],
)
def test_control_transitions_are_allowed_from_their_statuses_only(
    transition: object, allowed: set[JobStatus], after: JobStatus
) -> None:
    assert callable(transition)
    for status in JobStatus:
        job = hourly().with_status(status)
        if status in allowed:
            assert transition(job).status is after
        else:
            with pytest.raises(JobStateError, match=status.value):
                transition(job)
