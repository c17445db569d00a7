"""What the scheduler tells its callers about jobs: statuses, options and records of runs."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import datetime, timedelta

import attrs

from job_scheduler.retry import NoRetry, RetryPolicy
from job_scheduler.triggers import Trigger
from job_scheduler.validators import at_least_one

Task = Callable[[], object]
"""A job's work: a callable taking no arguments (its return value is ignored)."""


class JobStatus(enum.Enum):
    """Where a job is in its life; `lifecycle` says which status follows which."""

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
    """How a job runs: the keyword options of `Scheduler.schedule` as a value, defaults filled."""

    priority: int = 0
    max_concurrent: int = attrs.field(default=1, validator=at_least_one)
    retry: RetryPolicy = attrs.field(factory=NoRetry)
    timeout: timedelta | None = None
    misfire: Misfire = Misfire.RUN_EACH
    grace: timedelta = timedelta(0)
    until: datetime | None = None
    max_runs: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(at_least_one)
    )


@attrs.frozen
class Run:
    """One run the scheduler started: which job, which occurrence, which attempt.

    `token` is the fencing token of the claim that started it; it is not part of equality,
    so two starts of the same attempt compare equal.
    """

    job_id: str
    job_name: str
    occurrence: datetime
    attempt: int
    token: int = attrs.field(default=0, eq=False)

    @property
    def key(self) -> str:
        """The idempotency key, the same for every attempt and every claim of one occurrence."""
        return f"{self.job_id}@{self.occurrence.isoformat()}"


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
