"""The job's data: statuses, options, the stored record and the records of its runs."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import datetime, timedelta

import attrs

from job_scheduler.retry import NoRetry, RetryPolicy
from job_scheduler.triggers import Trigger

Task = Callable[[], object]
"""A job's work: a callable taking no arguments (its return value is ignored)."""


class JobStatus(enum.Enum):
    """Where a job is in its life."""

    SCHEDULED = "scheduled"
    PAUSED = "paused"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"
    BROKEN = "broken"

    @property
    def active(self) -> bool:
        """Whether the job may still run (scheduled or paused)."""
        return self is JobStatus.SCHEDULED or self is JobStatus.PAUSED


class Misfire(enum.Enum):
    """What to do with occurrences that are later than the grace period when finally due."""

    RUN_EACH = "run_each"
    RUN_ONCE = "run_once"
    SKIP = "skip"


@attrs.frozen
class JobOptions:
    """How a job runs; every field has a default."""

    priority: int = 0
    max_concurrent: int = attrs.field(default=1, validator=attrs.validators.ge(1))
    retry: RetryPolicy = attrs.field(factory=NoRetry)
    timeout: timedelta | None = None
    misfire: Misfire = Misfire.RUN_EACH
    grace: timedelta = timedelta(0)
    until: datetime | None = None
    max_runs: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.ge(1))
    )


@attrs.frozen
class JobRecord:
    """What a store keeps about a job. `task` is a registered name or, in memory, a callable."""

    id: str
    name: str
    task: str | Task
    trigger: Trigger
    options: JobOptions
    seq: int = 0
    status: JobStatus = JobStatus.SCHEDULED
    runs: int = 0
    last_error: str | None = None

    # Named transitions instead of attrs.evolve, which costs several times a constructor
    # call on the hot path of every run.
    def _with(self, seq: int, status: JobStatus, runs: int, last_error: str | None) -> JobRecord:
        return JobRecord(
            self.id, self.name, self.task, self.trigger, self.options, seq, status, runs, last_error
        )

    def numbered(self, seq: int) -> JobRecord:
        """The same job with the store's sequence number."""
        return self._with(seq, self.status, self.runs, self.last_error)

    def with_status(self, status: JobStatus) -> JobRecord:
        """The same job in another status."""
        return self._with(self.seq, status, self.runs, self.last_error)

    def with_runs(self, runs: int) -> JobRecord:
        """The same job with another run count."""
        return self._with(self.seq, self.status, runs, self.last_error)

    def with_last_error(self, last_error: str | None) -> JobRecord:
        """The same job with another last error (None after a success)."""
        return self._with(self.seq, self.status, self.runs, last_error)


@attrs.frozen
class PendingRun:
    """An occurrence (or a retry of one) waiting in a store's queue to be claimed.

    `planned` is set once the occurrence's successor has been queued, so a run claimed
    again after its first claimant died does not queue the successor twice.
    """

    job_id: str
    occurrence: datetime
    attempt: int
    due: datetime
    priority: int
    job_seq: int
    id: int = 0
    planned: bool = False

    def numbered(self, run_id: int) -> PendingRun:
        """The same run with the store's id."""
        return PendingRun(
            self.job_id,
            self.occurrence,
            self.attempt,
            self.due,
            self.priority,
            self.job_seq,
            run_id,
            self.planned,
        )

    def successor(self, occurrence: datetime) -> PendingRun:
        """The first attempt of the job's next occurrence, due when it fires."""
        return PendingRun(self.job_id, occurrence, 1, occurrence, self.priority, self.job_seq)

    def planned_for(self, occurrence: datetime) -> PendingRun:
        """This run, for `occurrence`, with its successor already queued."""
        return PendingRun(
            self.job_id,
            occurrence,
            self.attempt,
            self.due,
            self.priority,
            self.job_seq,
            self.id,
            planned=True,
        )

    def retry(self, due: datetime) -> PendingRun:
        """The next attempt of the same occurrence, due at `due`."""
        return PendingRun(
            self.job_id,
            self.occurrence,
            self.attempt + 1,
            due,
            self.priority,
            self.job_seq,
        )


@attrs.frozen
class Run:
    """One run the scheduler started: which job, which occurrence, which attempt."""

    job_id: str
    job_name: str
    occurrence: datetime
    attempt: int


@attrs.frozen
class JobInfo:
    """A snapshot of a job, as `Scheduler.info` returns it."""

    id: str
    name: str
    status: JobStatus
    runs: int
    last_error: str | None
    next_run: datetime | None
    trigger: Trigger
    options: JobOptions


@attrs.frozen
class DeadLetter:
    """A run that failed on its last attempt."""

    job_id: str
    occurrence: datetime
    attempts: int
    error: str


@attrs.frozen
class BrokenJob:
    """A stored job that cannot be read back, set aside so the others continue."""

    job_id: str
    reason: str


def describe(error: BaseException) -> str:
    """The stored form of an exception: its type and message."""
    return f"{type(error).__name__}: {error}"
