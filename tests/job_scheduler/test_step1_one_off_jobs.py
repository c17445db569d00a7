from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from job_scheduler import (
    At,
    InvalidValueError,
    JobOptions,
    JobStateError,
    JobStatus,
    NoRetry,
    Run,
    Scheduler,
    SchedulerError,
    UnknownJobError,
)

from tests.job_scheduler.support import MINUTE
from tests.support import START, FakeClock

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = [
    pytest.mark.step(1),
    pytest.mark.spec(
        "A scheduler on an injected clock that runs jobs once, at a time or after a delay."
    ),
]


class Calls:
    """A task factory that records which task ran, in order."""

    def __init__(self) -> None:
        self.order: list[str] = []

    def task(self, label: str) -> Callable[[], None]:
        """A task that appends `label` when it runs."""

        def run() -> None:
            self.order.append(label)

        return run


@pytest.mark.spec(
    "Scheduler(clock) takes the clock: a callable that returns an aware datetime.",
    "schedules one run of task at when",
    "the scheduler; clock returns the current time as an aware datetime",
    "A run is never started before its time",
)
def test_a_job_runs_when_its_time_comes_and_not_before(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    calls = Calls()
    scheduler.schedule_at(START + 10 * MINUTE, calls.task("report"), name="report")

    clock.advance(9 * MINUTE)
    early = scheduler.run_pending()
    clock.advance(MINUTE)
    on_time = scheduler.run_pending()

    assert early == []
    assert [run.job_name for run in on_time] == ["report"]
    assert calls.order == ["report"]


@pytest.mark.spec("a one-off job runs once.")
def test_a_one_off_job_runs_only_once(scheduler: Scheduler, clock: FakeClock) -> None:
    calls = Calls()
    scheduler.schedule_after(MINUTE, calls.task("once"))
    clock.advance(MINUTE)
    scheduler.run_pending()

    clock.advance(60 * MINUTE)
    again = scheduler.run_pending()

    assert again == []
    assert calls.order == ["once"]


@pytest.mark.spec("schedule_after(delay, task, , name=None) is the same at clock() + delay.")
def test_a_delay_counts_from_the_clock_at_scheduling_time(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    calls = Calls()
    clock.advance(5 * MINUTE)
    scheduler.schedule_after(3 * MINUTE, calls.task("later"))

    clock.advance(2 * MINUTE)
    scheduler.run_pending()
    assert calls.order == []
    clock.advance(MINUTE)
    scheduler.run_pending()

    assert calls.order == ["later"]


@pytest.mark.spec(
    "run_pending() starts every run that is due (its time at or before clock()), in due-time "
    "order, and returns their Run records in that order.",
    "a frozen record of a run that was started: job_id, job_name, occurrence (the fire time it is "
    "for), attempt (1 for a first try)",
)
def test_run_pending_runs_every_due_job_in_due_time_order_and_says_what_ran(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    calls = Calls()
    third = scheduler.schedule_at(START + 3 * MINUTE, calls.task("c"), name="c")
    first = scheduler.schedule_at(START + 1 * MINUTE, calls.task("a"), name="a")
    second = scheduler.schedule_at(START + 2 * MINUTE, calls.task("b"), name="b")
    scheduler.schedule_at(START + 9 * MINUTE, calls.task("not yet"), name="not yet")

    clock.advance(5 * MINUTE)
    ran = scheduler.run_pending()

    assert calls.order == ["a", "b", "c"]
    assert ran == [
        Run(first.id, "a", START + 1 * MINUTE, 1),
        Run(second.id, "b", START + 2 * MINUTE, 1),
        Run(third.id, "c", START + 3 * MINUTE, 1),
    ]


@pytest.mark.spec("A time in the past is due at once.")
def test_a_job_at_a_past_time_is_due_at_once(scheduler: Scheduler) -> None:
    calls = Calls()
    scheduler.schedule_at(START - 60 * MINUTE, calls.task("overdue"))

    scheduler.run_pending()

    assert calls.order == ["overdue"]


@pytest.mark.spec(
    "Both return a Job handle; every job gets a distinct id.",
    "info.runs counts the runs started.",
    "A job whose run succeeded is COMPLETED.",
    "info(job_id) returns a JobInfo snapshot; next_run is when its next run is due (None once "
    "nothing is queued).",
    "a handle: id (a unique string), status and info (read live), cancel()",
)
def test_a_job_handle_has_an_id_and_a_status_that_follows_the_job(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    job = scheduler.schedule_after(MINUTE, Calls().task("x"), name="nightly")
    other = scheduler.schedule_after(MINUTE, Calls().task("y"))
    statuses = [job.status]
    next_runs = [job.info.next_run]

    clock.advance(MINUTE)
    scheduler.run_pending()
    statuses.append(job.status)

    assert job.id != other.id
    assert statuses == [JobStatus.SCHEDULED, JobStatus.COMPLETED]
    assert next_runs == [START + MINUTE]
    info = scheduler.info(job.id)
    assert (info.id, info.name, info.runs, info.last_error, info.next_run) == (
        job.id,
        "nightly",
        1,
        None,
        None,
    )


def send_report() -> None:
    """A task with a name of its own."""


@pytest.mark.spec("The name defaults to the task's __name__.")
def test_a_job_is_named_after_its_task_unless_given_a_name(scheduler: Scheduler) -> None:
    unnamed = scheduler.schedule_after(MINUTE, send_report)
    named = scheduler.schedule_after(MINUTE, send_report, name="weekly")

    names = [unnamed.info.name, named.info.name]

    assert names == ["send_report", "weekly"]


@pytest.mark.spec(
    "cancel(job_id) (or job.cancel()) stops a scheduled job from running; its status becomes "
    "CANCELLED.",
)
def test_a_cancelled_job_never_runs(scheduler: Scheduler, clock: FakeClock) -> None:
    calls = Calls()
    job = scheduler.schedule_after(MINUTE, calls.task("cancelled"))
    kept = scheduler.schedule_after(MINUTE, calls.task("kept"))

    job.cancel()
    clock.advance(MINUTE)
    ran = scheduler.run_pending()

    assert calls.order == ["kept"]
    assert [run.job_id for run in ran] == [kept.id]
    assert job.status is JobStatus.CANCELLED


@pytest.mark.spec(
    "cancel(job_id) (or job.cancel()) stops a scheduled job from running; its status becomes "
    "CANCELLED.",
)
def test_cancelling_by_id_through_the_scheduler_works_too(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    calls = Calls()
    job = scheduler.schedule_after(MINUTE, calls.task("cancelled"))

    scheduler.cancel(job.id)
    clock.advance(MINUTE)
    scheduler.run_pending()

    assert calls.order == []
    assert scheduler.info(job.id).status is JobStatus.CANCELLED


@pytest.mark.spec(
    "An unknown id raises UnknownJobError",
    "Every error derives from SchedulerError and from the builtin it resembles, so callers can "
    "catch either.",
    "Messages name the offending value.",
    "UnknownJobError | LookupError | no job has the id",
)
def test_an_unknown_job_id_is_a_lookup_error_naming_the_id(scheduler: Scheduler) -> None:
    scheduler.schedule_after(MINUTE, Calls().task("x"))

    with pytest.raises(UnknownJobError, match="no-such-job") as raised:
        scheduler.cancel("no-such-job")

    assert isinstance(raised.value, LookupError)
    assert isinstance(raised.value, SchedulerError)
    with pytest.raises(UnknownJobError):
        scheduler.info("no-such-job")


def fails() -> None:
    """A task that always raises."""
    raise ValueError("disk full")


@pytest.mark.spec(
    "cancelling a job that is completed, failed or cancelled raises JobStateError naming its "
    "status.",
    "JobStateError | RuntimeError | the job's status does not allow the operation (cancelling a "
    "completed job, resuming a job that is not paused)",
)
@pytest.mark.parametrize(
    ("task", "cancel_first", "status"),
    [
        (send_report, False, JobStatus.COMPLETED),
        (fails, False, JobStatus.FAILED),
        (send_report, True, JobStatus.CANCELLED),
    ],
    ids=["completed", "failed", "cancelled"],
)
def test_a_finished_job_cannot_be_cancelled(
    scheduler: Scheduler,
    clock: FakeClock,
    task: Callable[[], None],
    *,
    cancel_first: bool,
    status: JobStatus,
) -> None:
    job = scheduler.schedule_after(MINUTE, task)
    if cancel_first:
        job.cancel()
    clock.advance(MINUTE)
    scheduler.run_pending()

    with pytest.raises(JobStateError, match=status.value) as raised:
        job.cancel()

    assert isinstance(raised.value, RuntimeError)
    assert job.status is status


@pytest.mark.spec(
    "A task that raises does not stop the others: the job's status becomes FAILED and "
    'info.last_error records the exception as "<type name>: <message>".',
)
@pytest.mark.parametrize(
    ("error", "recorded"),
    [
        (ValueError("disk full"), "ValueError: disk full"),
        (LookupError("no such row"), "LookupError: no such row"),
        (ZeroDivisionError("division by zero"), "ZeroDivisionError: division by zero"),
    ],
    ids=["ValueError", "LookupError", "ZeroDivisionError"],
)
def test_a_failing_job_records_its_exception_and_the_others_still_run(
    scheduler: Scheduler, clock: FakeClock, error: Exception, recorded: str
) -> None:
    calls = Calls()

    def broken() -> None:
        raise error

    before = scheduler.schedule_at(START + MINUTE, calls.task("before"))
    failing = scheduler.schedule_at(START + 2 * MINUTE, broken)
    after = scheduler.schedule_at(START + 3 * MINUTE, calls.task("after"))

    clock.advance(5 * MINUTE)
    ran = scheduler.run_pending()

    assert [run.job_id for run in ran] == [before.id, failing.id, after.id]
    assert calls.order == ["before", "after"]
    assert failing.status is JobStatus.FAILED
    assert failing.info.last_error == recorded
    assert after.status is JobStatus.COMPLETED


@pytest.mark.spec("jobs() lists every job in the order scheduled.")
def test_jobs_lists_every_job_in_scheduling_order(scheduler: Scheduler, clock: FakeClock) -> None:
    first = scheduler.schedule_after(2 * MINUTE, Calls().task("x"), name="first")
    second = scheduler.schedule_after(MINUTE, Calls().task("y"), name="second")
    clock.advance(MINUTE)
    scheduler.run_pending()

    listed = scheduler.jobs()

    assert [(info.id, info.status) for info in listed] == [
        (first.id, JobStatus.SCHEDULED),
        (second.id, JobStatus.COMPLETED),
    ]


@pytest.mark.spec(
    "a naive when raises ValueError.",
    "(Each ValueError message in this spec says what is wrong: here it says naive.)",
    "InvalidValueError | ValueError | an argument makes no sense: a naive datetime",
    "So wherever this spec says an invalid argument raises ValueError, it raises "
    "InvalidValueError, which is both a SchedulerError and a ValueError, with a message naming "
    "the value.",
)
def test_a_naive_time_is_refused(scheduler: Scheduler) -> None:
    with pytest.raises(ValueError, match="naive") as raised:
        scheduler.schedule_at(datetime(2030, 1, 1), Calls().task("x"))  # noqa: DTZ001 - the point of the test

    assert scheduler.jobs() == []
    assert isinstance(raised.value, InvalidValueError)
    assert isinstance(raised.value, SchedulerError)


@pytest.mark.spec(
    "A run is never started before its time, and a one-off job runs once.",
    "in due-time order",
)
@given(
    offsets=st.lists(st.integers(0, 500), min_size=1, max_size=30),
    steps=st.lists(st.integers(0, 120), min_size=1, max_size=20),
)
def test_every_one_off_job_runs_exactly_once_never_early_and_in_due_order(
    offsets: list[int], steps: list[int]
) -> None:
    clock = FakeClock()
    scheduler = Scheduler(clock)
    due = {
        scheduler.schedule_at(START + offset * MINUTE, Calls().task("x")).id: START
        + offset * MINUTE
        for offset in offsets
    }
    seen: list[tuple[datetime, datetime]] = []

    for step in [*steps, 600]:
        now = clock.advance(step * MINUTE)
        seen.extend((run.occurrence, now) for run in scheduler.run_pending())

    assert sorted(run for run, _ in seen) == sorted(due.values())
    assert all(occurrence <= when for occurrence, when in seen)
    assert [occurrence for occurrence, _ in seen] == sorted(occurrence for occurrence, _ in seen)


@pytest.mark.spec(
    "Nothing happens between two calls of run_pending(): tests drive the scheduler with a fake "
    "clock, and in production a loop calls it (step 8 adds threads to that loop).",
)
def test_nothing_runs_between_two_calls_of_run_pending(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    calls = Calls()
    scheduler.schedule_after(MINUTE, calls.task("due"))

    clock.advance(10 * MINUTE)
    before = list(calls.order)
    ran = scheduler.run_pending()

    assert before == []
    assert [run.occurrence for run in ran] == [START + MINUTE]
    assert calls.order == ["due"]


@pytest.mark.spec("A task is a callable that takes no arguments; what it returns is ignored.")
@pytest.mark.parametrize(
    "returned", [False, ValueError("not raised"), "text"], ids=["False", "an exception", "a string"]
)
def test_what_a_task_returns_is_ignored(
    scheduler: Scheduler, clock: FakeClock, returned: object
) -> None:
    job = scheduler.schedule_after(MINUTE, lambda: returned)

    clock.advance(MINUTE)
    scheduler.run_pending()

    assert (job.status, job.info.last_error, job.info.runs) == (JobStatus.COMPLETED, None, 1)


@pytest.mark.spec(
    'a frozen snapshot: id, name, status, runs (runs started), last_error ("ValueError: message" '
    "or None), next_run (when its next run is due, or None), trigger (the job's trigger), "
    "options (a JobOptions: the keyword options below as a frozen value, defaults filled in)",
    "info(job_id) returns a JobInfo snapshot",
)
def test_info_is_a_frozen_snapshot_with_the_trigger_and_the_options_filled_in(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    job = scheduler.schedule_at(START + MINUTE, Calls().task("x"), name="snap")
    before = job.info

    clock.advance(MINUTE)
    scheduler.run_pending()

    assert (before.status, before.runs, before.next_run) == (
        JobStatus.SCHEDULED,
        0,
        START + MINUTE,
    )
    assert before.trigger == At(START + MINUTE)
    assert before.options == JobOptions(retry=before.options.retry)
    assert isinstance(before.options.retry, NoRetry)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        before.runs = 5  # type: ignore[misc]  # the point of the test
    assert (job.info.status, job.info.runs) == (JobStatus.COMPLETED, 1)
