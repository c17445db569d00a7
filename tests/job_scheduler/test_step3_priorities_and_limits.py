from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule
from job_scheduler import Interval, InvalidValueError, JobStateError, JobStatus, Scheduler

from tests.job_scheduler.support import MINUTE, noop
from tests.support import START, FakeClock

if TYPE_CHECKING:
    from tests.job_scheduler.support import ManualExecutor

pytestmark = [
    pytest.mark.step(3),
    pytest.mark.spec(
        "Which run goes first, how many runs of one job may overlap, and holding a job back."
    ),
]


@pytest.fixture
def held(clock: FakeClock, manual_executor: ManualExecutor) -> Scheduler:
    """A scheduler whose runs wait in the manual executor until the test finishes them."""
    return Scheduler(clock, executor=manual_executor)


@pytest.mark.spec(
    "priority: int = 0 (an option of schedule, schedule_at and schedule_after): among runs due at "
    "the same time, a higher priority starts first; among equal priorities, the job scheduled "
    "first starts first.",
)
def test_among_jobs_due_together_higher_priority_runs_first_then_first_scheduled(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    when = START + MINUTE
    low = scheduler.schedule_at(when, noop, name="low", priority=-1)
    first_normal = scheduler.schedule_at(when, noop, name="first normal")
    urgent = scheduler.schedule_after(MINUTE, noop, name="urgent", priority=10)
    second_normal = scheduler.schedule_at(when, noop, name="second normal")

    clock.advance(MINUTE)
    ran = scheduler.run_pending()

    assert [run.job_id for run in ran] == [urgent.id, first_normal.id, second_normal.id, low.id]


@pytest.mark.spec("among equal priorities, the job scheduled first starts first.")
def test_a_recurring_job_keeps_its_scheduling_order_for_every_occurrence(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    recurring = scheduler.schedule(noop, Interval(MINUTE), name="recurring")
    one_off = scheduler.schedule_at(START + 2 * MINUTE, noop, name="one-off")
    clock.advance(MINUTE)
    scheduler.run_pending()

    clock.advance(MINUTE)
    ran = scheduler.run_pending()

    assert [run.job_id for run in ran] == [recurring.id, one_off.id]


@pytest.mark.spec("Priority never overtakes an earlier due time.")
def test_priority_does_not_overtake_an_earlier_due_time(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    early = scheduler.schedule_at(START + MINUTE, noop, name="early")
    urgent_but_later = scheduler.schedule_at(START + 2 * MINUTE, noop, priority=100)

    clock.advance(5 * MINUTE)
    ran = scheduler.run_pending()

    assert [run.job_id for run in ran] == [early.id, urgent_but_later.id]


@pytest.mark.spec(
    "Scheduler(clock, , executor=None): runs are handed to an Executor, any object with "
    "submit(work: Callable[[], None]) -> None.",
    "max_concurrent: int = 1: at most this many runs of the job are in flight at once (a run is "
    "in flight from its start until its work returns).",
    "A due run over the limit waits in the queue; run_pending() starts it on a later call, once a "
    "run has finished.",
    "a test can pass one that holds the work back, so runs overlap.",
)
def test_a_job_never_has_more_runs_in_flight_than_its_limit(
    held: Scheduler, clock: FakeClock, manual_executor: ManualExecutor
) -> None:
    job = held.schedule(noop, Interval(MINUTE), max_concurrent=1)
    clock.advance(MINUTE)
    first = held.run_pending()

    clock.advance(MINUTE)
    while_busy = held.run_pending()
    manual_executor.finish_all()
    after = held.run_pending()

    assert [run.occurrence for run in first] == [START + MINUTE]
    assert while_busy == []
    assert [(run.job_id, run.occurrence) for run in after] == [(job.id, START + 2 * MINUTE)]


@pytest.mark.spec(
    "max_concurrent: int = 1: at most this many runs of the job are in flight at once (a run is "
    "in flight from its start until its work returns).",
    "A due run over the limit waits in the queue; run_pending() starts it on a later call, once a "
    "run has finished.",
)
def test_a_limit_of_two_lets_two_runs_overlap_but_not_three(
    held: Scheduler, clock: FakeClock, manual_executor: ManualExecutor
) -> None:
    held.schedule(noop, Interval(MINUTE), max_concurrent=2)

    clock.advance(3 * MINUTE)
    started = held.run_pending()
    again = held.run_pending()
    manual_executor.finish_all()
    rest = held.run_pending()

    assert [run.occurrence for run in started] == [START + MINUTE, START + 2 * MINUTE]
    assert again == []
    assert [run.occurrence for run in rest] == [START + 3 * MINUTE]


@pytest.mark.spec(
    "A job is over (COMPLETED or FAILED) only when nothing of it is queued and no run of it is in "
    "flight.",
)
def test_a_job_is_over_only_when_its_last_run_in_flight_ends(
    held: Scheduler, clock: FakeClock, manual_executor: ManualExecutor
) -> None:
    job = held.schedule(noop, Interval(MINUTE), until=START + 2 * MINUTE, max_concurrent=2)
    clock.advance(2 * MINUTE)
    held.run_pending()

    manual_executor.finish_one()
    after_one = job.status
    manual_executor.finish_one()

    assert after_one is JobStatus.SCHEDULED
    assert job.status is JobStatus.COMPLETED


@pytest.mark.spec("Other jobs are not held up.")
def test_a_busy_job_does_not_hold_up_other_jobs(
    held: Scheduler, clock: FakeClock, manual_executor: ManualExecutor
) -> None:
    held.schedule(noop, Interval(MINUTE), name="busy")
    other = held.schedule(noop, Interval(MINUTE, start=START + 2 * MINUTE), name="other")
    clock.advance(MINUTE)
    held.run_pending()

    clock.advance(MINUTE)
    ran = held.run_pending()

    assert [run.job_id for run in ran] == [other.id]
    assert len(manual_executor.waiting) == 2


@pytest.mark.spec("A limit below 1 raises ValueError naming max_concurrent.")
@pytest.mark.parametrize("limit", [0, -1], ids=["zero", "negative"])
def test_the_concurrency_limit_must_be_at_least_one(scheduler: Scheduler, limit: int) -> None:
    with pytest.raises(ValueError, match="max_concurrent") as raised:
        scheduler.schedule(noop, Interval(MINUTE), max_concurrent=limit)

    assert scheduler.jobs() == []
    assert isinstance(raised.value, InvalidValueError)


@pytest.mark.spec(
    "pause(job_id) holds every run of a scheduled job; resume(job_id) releases them, and the runs "
    "that fell due meanwhile are then late (step 5 says what happens to late runs).",
)
def test_a_paused_job_does_not_run_until_resumed(scheduler: Scheduler, clock: FakeClock) -> None:
    job = scheduler.schedule(noop, Interval(MINUTE), name="paused")
    other = scheduler.schedule(noop, Interval(MINUTE), name="other")
    scheduler.pause(job.id)
    statuses = [job.status]

    clock.advance(2 * MINUTE)
    while_paused = scheduler.run_pending()
    scheduler.resume(job.id)
    statuses.append(job.status)
    after = scheduler.run_pending()

    assert statuses == [JobStatus.PAUSED, JobStatus.SCHEDULED]
    assert {run.job_id for run in while_paused} == {other.id}
    assert [(run.job_id, run.occurrence) for run in after] == [
        (job.id, START + MINUTE),
        (job.id, START + 2 * MINUTE),
    ]


@pytest.mark.spec(
    "Pausing a job that is not scheduled, or resuming one that is not paused, raises "
    "JobStateError naming its status.",
)
def test_pausing_or_resuming_at_the_wrong_time_is_refused(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    running = scheduler.schedule(noop, Interval(MINUTE))
    done = scheduler.schedule_after(MINUTE, noop)
    clock.advance(MINUTE)
    scheduler.run_pending()

    with pytest.raises(JobStateError, match="scheduled"):
        scheduler.resume(running.id)
    with pytest.raises(JobStateError, match="completed"):
        scheduler.pause(done.id)
    scheduler.pause(running.id)
    with pytest.raises(JobStateError, match="paused"):
        scheduler.pause(running.id)

    assert running.status is JobStatus.PAUSED


@pytest.mark.spec(
    "Pausing and resuming change the status only: runs and last_error stay as they were.",
)
def test_pausing_and_resuming_keep_the_last_error(scheduler: Scheduler, clock: FakeClock) -> None:
    def fails() -> None:
        raise ValueError("disk full")

    job = scheduler.schedule(fails, Interval(MINUTE))
    clock.advance(MINUTE)
    scheduler.run_pending()

    scheduler.pause(job.id)
    while_paused = job.info.last_error
    scheduler.resume(job.id)

    assert while_paused == "ValueError: disk full"
    assert (job.info.last_error, job.info.runs) == ("ValueError: disk full", 1)


@pytest.mark.spec("A paused job can be cancelled.")
def test_a_paused_job_can_be_cancelled(scheduler: Scheduler, clock: FakeClock) -> None:
    job = scheduler.schedule(noop, Interval(MINUTE))
    scheduler.pause(job.id)

    job.cancel()
    clock.advance(5 * MINUTE)
    ran = scheduler.run_pending()

    assert ran == []
    assert job.status is JobStatus.CANCELLED
    with pytest.raises(JobStateError):
        scheduler.resume(job.id)


@pytest.mark.spec(
    "A run already in flight when its job is cancelled finishes; nothing starts after it.",
)
def test_a_run_in_flight_finishes_after_its_job_is_cancelled(
    held: Scheduler, clock: FakeClock, manual_executor: ManualExecutor
) -> None:
    done: list[str] = []
    job = held.schedule(lambda: done.append("ran"), Interval(MINUTE))
    clock.advance(MINUTE)
    held.run_pending()

    job.cancel()
    manual_executor.finish_all()
    clock.advance(5 * MINUTE)

    assert held.run_pending() == []
    assert done == ["ran"]
    assert (job.status, job.info.runs) == (JobStatus.CANCELLED, 1)


@attrs.define
class ModelJob:
    """What the model expects of one job."""

    every: timedelta | None
    first: datetime
    runs: list[datetime] = attrs.field(factory=list)
    paused: bool = False
    cancelled: bool = False

    def over(self) -> bool:
        """Cancelled, or a one-off job that has run."""
        return self.cancelled or (self.every is None and bool(self.runs))

    def expected_status(self) -> JobStatus:
        """The status the scheduler should report."""
        if self.cancelled:
            return JobStatus.CANCELLED
        if self.over():
            return JobStatus.COMPLETED
        return JobStatus.PAUSED if self.paused else JobStatus.SCHEDULED

    def due_by(self, now: datetime) -> list[datetime]:
        """Every occurrence up to `now`, from the first."""
        if self.every is None:
            return [self.first] if self.first <= now else []
        count = (now - self.first) // self.every + 1 if self.first <= now else 0
        return [self.first + k * self.every for k in range(count)]


class SchedulerAgainstAModel(RuleBasedStateMachine):
    """Random schedules, cancels, pauses, resumes and ticks, checked against a tiny model."""

    jobs = Bundle("jobs")

    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock()  # a fresh one per example: fixtures do not reach machines
        self.scheduler = Scheduler(self.clock)
        self.model: dict[str, ModelJob] = {}

    @rule(target=jobs, minutes=st.integers(0, 90), priority=st.integers(-2, 2))
    def schedule_once(self, minutes: int, priority: int) -> str:
        """A one-off job some minutes from now."""
        when = self.clock() + minutes * MINUTE
        job = self.scheduler.schedule_at(when, noop, priority=priority)
        self.model[job.id] = ModelJob(None, when)
        return job.id

    @rule(target=jobs, minutes=st.integers(1, 40))
    def schedule_every(self, minutes: int) -> str:
        """An interval job."""
        every = minutes * MINUTE
        job = self.scheduler.schedule(noop, Interval(every))
        self.model[job.id] = ModelJob(every, self.clock() + every)
        return job.id

    @rule(job_id=jobs)
    def cancel(self, job_id: str) -> None:
        """Cancel; refused exactly when the model says the job is over."""
        expected = self.model[job_id]
        if expected.over():
            with pytest.raises(JobStateError):
                self.scheduler.cancel(job_id)
        else:
            self.scheduler.cancel(job_id)
            expected.cancelled = True

    @rule(job_id=jobs)
    def pause(self, job_id: str) -> None:
        """Pause; refused unless the job is scheduled."""
        expected = self.model[job_id]
        if expected.over() or expected.paused:
            with pytest.raises(JobStateError):
                self.scheduler.pause(job_id)
        else:
            self.scheduler.pause(job_id)
            expected.paused = True

    @rule(job_id=jobs)
    def resume(self, job_id: str) -> None:
        """Resume; refused unless the job is paused."""
        expected = self.model[job_id]
        if expected.over() or not expected.paused:
            with pytest.raises(JobStateError):
                self.scheduler.resume(job_id)
        else:
            self.scheduler.resume(job_id)
            expected.paused = False

    @rule(minutes=st.integers(0, 60))
    def tick(self, minutes: int) -> None:
        """Advance and run: every live job has run each occurrence due, in order."""
        now = self.clock.advance(minutes * MINUTE)
        ran = self.scheduler.run_pending()

        assert [run.occurrence for run in ran] == sorted(run.occurrence for run in ran)
        for run in ran:
            expected = self.model[run.job_id]
            assert not expected.cancelled
            assert not expected.paused
            expected.runs.append(run.occurrence)
        for expected in self.model.values():
            if not expected.cancelled and not expected.paused:
                assert expected.runs == expected.due_by(now)

    @invariant()
    def statuses_match_the_model(self) -> None:
        """Every job's status is the model's."""
        for job_id, expected in self.model.items():
            assert self.scheduler.info(job_id).status is expected.expected_status()


SchedulerAgainstAModel.TestCase.settings = settings(max_examples=60, stateful_step_count=25)
test_the_scheduler_behaves_like_a_simple_model = SchedulerAgainstAModel.TestCase


@pytest.mark.spec("The default runs the work at once, on the caller's thread")
def test_by_default_a_run_is_done_on_the_callers_thread_before_run_pending_returns(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    threads: list[threading.Thread] = []
    job = scheduler.schedule_after(MINUTE, lambda: threads.append(threading.current_thread()))

    clock.advance(MINUTE)
    scheduler.run_pending()

    assert threads == [threading.current_thread()]
    assert job.status is JobStatus.COMPLETED
