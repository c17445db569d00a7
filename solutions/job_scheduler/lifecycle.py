"""A job's life: its record, its queued runs, and the pure rules from one state to the next.

Every function here takes a state and the time and returns the next state, the runs to
queue and the events to announce; none reads a clock or touches a store. The scheduler and
the dispatcher apply what they return, inside one store transaction.

The states and results are values that nothing assigns to once built: each rule builds
new ones. They are `attrs.define` classes rather than frozen ones for speed alone. A
frozen attrs class sets every field through `object.__setattr__`, which made a quarter
of the instructions of scheduling a job and of running one (every run builds seven of
these values); none of them leaves the package.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from job_scheduler.errors import InvalidValueError, JobStateError, JobTimeoutError
from job_scheduler.events import Event, EventKind
from job_scheduler.jobs import DeadLetter, JobOptions, JobStatus, Misfire, Task
from job_scheduler.triggers import Trigger

if TYPE_CHECKING:
    from random import Random


@attrs.define
class JobRecord:
    """What a store keeps about a job. `task` is a registered name or, in memory, a callable.

    Only `status`, `runs` (runs started) and `last_error` ever change, through the rules below.
    """

    id: str
    name: str
    task: str | Task
    trigger: Trigger
    options: JobOptions
    status: JobStatus = JobStatus.SCHEDULED
    runs: int = 0
    last_error: str | None = None

    def with_status(self, status: JobStatus) -> JobRecord:
        """The same job in another status."""
        return self.with_result(status, self.last_error)

    # Every run makes two records, so these two call the constructor positionally, in field
    # order: that costs about half of a call by keywords, and attrs.evolve twice as much.
    def counted(self) -> JobRecord:
        """The same job with one more run started."""
        return JobRecord(
            self.id,
            self.name,
            self.task,
            self.trigger,
            self.options,
            self.status,
            self.runs + 1,
            self.last_error,
        )

    def with_result(self, status: JobStatus, last_error: str | None) -> JobRecord:
        """The same job after a run: its status, and its last error (None after a success)."""
        return JobRecord(
            self.id, self.name, self.task, self.trigger, self.options, status, self.runs, last_error
        )


@attrs.define
class PendingRun:
    """An occurrence (or a retry of one) waiting in a store's queue to be claimed.

    `planned` is set once the misfire rules have chosen the occurrence and the successor
    is queued, so a run claimed again after its first claimant died is not planned twice.
    `id` is the store's number for the run (0 until it is queued); `token` is the fencing
    token of the claim that holds it (0 while it waits): a store records an outcome only
    from the holder of the run's current token.
    """

    job_id: str
    occurrence: datetime
    attempt: int
    due: datetime
    priority: int
    planned: bool = False
    id: int = 0
    token: int = 0

    @classmethod
    def first_attempt(cls, job: JobRecord, occurrence: datetime) -> PendingRun:
        """The first attempt at `occurrence`, due when it fires."""
        return cls(job.id, occurrence, 1, occurrence, job.options.priority)

    # Positional, in field order, for the same reason as JobRecord.counted.
    def numbered(self, run_id: int) -> PendingRun:
        """The same run with the store's id."""
        return PendingRun(
            self.job_id,
            self.occurrence,
            self.attempt,
            self.due,
            self.priority,
            self.planned,
            run_id,
            self.token,
        )

    def claimed(self, token: int) -> PendingRun:
        """The same run, held by the claim that `token` fences."""
        return PendingRun(
            self.job_id,
            self.occurrence,
            self.attempt,
            self.due,
            self.priority,
            self.planned,
            self.id,
            token,
        )

    def planned_for(self, occurrence: datetime) -> PendingRun:
        """This run, for the occurrence the misfire rules chose, its successor queued."""
        return PendingRun(
            self.job_id,
            occurrence,
            self.attempt,
            self.due,
            self.priority,
            True,  # noqa: FBT003 - planned; positional, in field order
            self.id,
            self.token,
        )

    def retry(self, due: datetime) -> PendingRun:
        """The next attempt of the same occurrence, due at `due` (a new run: no id yet)."""
        return PendingRun(
            self.job_id, self.occurrence, self.attempt + 1, due, self.priority, planned=True
        )


@attrs.define
class Start:
    """What scheduling a job leads to: its first run, if it ever fires, and the event."""

    job: JobRecord
    first: PendingRun | None
    event: Event


def start(job: JobRecord, now: datetime) -> Start:
    """Ask the trigger for the first fire; a job that never fires (or not before `until`) is over.

    A naive fire time is refused: every time the scheduler compares is aware (UTC).
    """
    first = job.trigger.first_fire(now)
    if first is not None and first.tzinfo is None:
        raise InvalidValueError(f"trigger {job.trigger!r} gave a naive fire time {first}; use UTC")
    if first is None or _after_until(job.options, first):
        over = job.with_status(JobStatus.COMPLETED)
        return Start(over, None, Event(EventKind.SCHEDULED, job.id, now))
    return Start(
        job, PendingRun.first_attempt(job, first), Event(EventKind.SCHEDULED, job.id, now, first)
    )


@attrs.define
class Plan:
    """What to do with a due occurrence: run one (or none), report the missed, queue the next."""

    run: datetime | None
    missed: tuple[datetime, ...]
    following: datetime | None


def plan(job: JobRecord, occurrence: datetime, now: datetime) -> Plan:
    """Apply the misfire policy, `until` and `max_runs` to an occurrence that is due at `now`.

    An occurrence within the grace period is on time and runs. A later one runs anyway
    (RUN_EACH), is skipped and reported missed (SKIP), or is folded together with every
    other occurrence due by now into one run of the latest (RUN_ONCE). The occurrence after
    the planned one follows unless the trigger is over, it is past `until`, or the job will
    have made `max_runs` runs. Missed occurrences do not count as runs.
    """
    options = job.options
    missed: tuple[datetime, ...] = ()
    late = now - occurrence > options.grace
    if not late or options.misfire is Misfire.RUN_EACH:
        run, following = occurrence, _following(job, occurrence)
    elif options.misfire is Misfire.SKIP:
        run, missed, following = None, (occurrence,), _following(job, occurrence)
    else:
        folded: list[datetime] = []
        run, following = occurrence, _following(job, occurrence)
        while following is not None and following <= now:
            folded.append(run)
            run, following = following, _following(job, following)
        missed = tuple(folded)
    runs = job.runs + (run is not None)
    if options.max_runs is not None and runs >= options.max_runs:
        following = None
    return Plan(run, missed, following)


@attrs.define
class Begin:
    """What claiming a due run leads to: the run to start (None: skipped), its successor, events."""

    job: JobRecord
    run: PendingRun | None
    successor: PendingRun | None
    events: tuple[Event, ...]


def begin(
    job: JobRecord,
    claimed: PendingRun,
    now: datetime,
    *,
    others: int,
    at: datetime | None = None,
) -> Begin:
    """Start a claimed run; `others` counts the job's other runs queued or in flight.

    A first attempt is planned here (misfire, `until`, `max_runs`) and its successor
    queued; a retry, or a run already planned by a process that died, starts as it is.
    A job whose only run was skipped, with nothing queued after it, is over. `now` decides
    what is late (the store's clock); the events are dated `at` (the scheduler's clock,
    `now` by default).
    """
    at = now if at is None else at
    if claimed.planned:
        return Begin(job, claimed, None, (_event(EventKind.STARTED, claimed, at),))
    chosen = plan(job, claimed.occurrence, now)
    missed: tuple[Event, ...] = ()
    if chosen.missed:
        missed = tuple(Event(EventKind.MISSED, job.id, at, each) for each in chosen.missed)
    successor = None
    if chosen.following is not None:
        successor = PendingRun.first_attempt(job, chosen.following)
    if chosen.run is None:
        left = others + (successor is not None)
        job = _settled(job, left, failed=False, last_error=job.last_error)
        return Begin(job, None, successor, missed)
    run = claimed.planned_for(chosen.run)
    return Begin(job.counted(), run, successor, (*missed, _event(EventKind.STARTED, run, at)))


@attrs.define
class Attempt:
    """How one run went: when its task started and ended, and what it raised, if anything."""

    run: PendingRun
    started: datetime
    ended: datetime
    error: Exception | None


@attrs.define
class Outcome:
    """What follows a run: the job's next state, a retry or a dead letter, and the events."""

    job: JobRecord
    retry: PendingRun | None
    dead_letter: DeadLetter | None
    events: tuple[Event, ...]


def finish(job: JobRecord, attempt: Attempt, *, others: int, random: Random) -> Outcome:
    """Record how a run ended; `others` counts the job's runs queued or in flight besides it.

    A run longer than the job's timeout failed. A failure is retried after the delay the
    retry policy gives (drawing jitter from `random`), unless the policy gives up or the job
    was cancelled meanwhile: then the run is dead-lettered. A job with nothing left to run is
    over: COMPLETED, or FAILED if its last run failed.
    """
    run, now = attempt.run, attempt.ended
    error = attempt.error
    timeout = job.options.timeout
    if error is None and timeout is not None and attempt.ended - attempt.started > timeout:
        error = JobTimeoutError(f"job {job.name!r} ran longer than {timeout}")
    if error is None:
        job = _settled(job, others, failed=False, last_error=None)
        return Outcome(job, None, None, (_event(EventKind.SUCCEEDED, run, now),))
    failed = _event(EventKind.FAILED, run, now, error)
    delay = job.options.retry.delay(run.attempt, random) if job.status.active else None
    if delay is None:
        letter = DeadLetter(job.id, run.occurrence, run.attempt, describe(error))
        job = _settled(job, others, failed=True, last_error=letter.error)
        dead = _event(EventKind.DEAD_LETTERED, run, now, error)
        return Outcome(job, None, letter, (failed, dead))
    job = job.with_result(job.status, describe(error))
    retrying = _event(EventKind.RETRYING, run, now, error)
    return Outcome(job, run.retry(now + delay), None, (failed, retrying))


def lose(attempt: Attempt) -> Event:
    """A run whose claim was taken over ended: its outcome is not recorded, only reported.

    The run's lease expired while it ran and another claim holds the run now, so recording
    this outcome too would record a second one for the same run (and queue a second next
    occurrence).
    """
    return _event(EventKind.LEASE_LOST, attempt.run, attempt.ended, attempt.error)


def cancel(job: JobRecord) -> JobRecord:
    """A scheduled or paused job becomes CANCELLED; its runs in flight finish, no more start."""
    return _change(job, JobStatus.CANCELLED, allowed=(JobStatus.SCHEDULED, JobStatus.PAUSED))


def pause(job: JobRecord) -> JobRecord:
    """A scheduled job becomes PAUSED; its runs are held until it resumes."""
    return _change(job, JobStatus.PAUSED, allowed=(JobStatus.SCHEDULED,))


def resume(job: JobRecord) -> JobRecord:
    """A paused job is SCHEDULED again; runs that fell due meanwhile are late (see `plan`)."""
    return _change(job, JobStatus.SCHEDULED, allowed=(JobStatus.PAUSED,))


def describe(error: BaseException) -> str:
    """The stored form of an exception: its type and message."""
    return f"{type(error).__name__}: {error}"


def _change(job: JobRecord, status: JobStatus, *, allowed: tuple[JobStatus, ...]) -> JobRecord:
    if job.status not in allowed:
        raise JobStateError(f"job {job.name!r} is {job.status.value}")
    return job.with_status(status)


def _settled(job: JobRecord, left: int, *, failed: bool, last_error: str | None) -> JobRecord:
    """The job after its last run: over once nothing of it is queued or in flight.

    Runs in flight count: their rows stay in the store until they finish.
    """
    status = job.status
    if status.active and left == 0:
        status = JobStatus.FAILED if failed else JobStatus.COMPLETED
    return job.with_result(status, last_error)


def _following(job: JobRecord, occurrence: datetime) -> datetime | None:
    after = job.trigger.next_fire(occurrence)
    return None if after is None or _after_until(job.options, after) else after


def _after_until(options: JobOptions, moment: datetime) -> bool:
    return options.until is not None and moment > options.until


def _event(
    kind: EventKind, run: PendingRun, now: datetime, error: Exception | None = None
) -> Event:
    return Event(kind, run.job_id, now, run.occurrence, run.attempt, error)
