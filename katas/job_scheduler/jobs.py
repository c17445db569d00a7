"""What the scheduler tells you about jobs and runs."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

import attrs

from job_scheduler.retry import NoRetry, RetryPolicy
from job_scheduler.triggers import Trigger


class JobStatus(enum.Enum):
    """Where a job is in its life."""

    SCHEDULED = "scheduled"
    PAUSED = "paused"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"
    BROKEN = "broken"


@attrs.frozen
class Run:
    """One run the scheduler started: which job, which occurrence, which attempt.

    `token` (step 9) is the fencing token of the claim that started it, left out of equality.
    """

    job_id: str
    job_name: str
    occurrence: datetime
    attempt: int
    token: int = attrs.field(default=0, eq=False)

    @property
    def key(self) -> str:
        """The idempotency key, f"{job_id}@{occurrence.isoformat()}" (step 9)."""
        raise NotImplementedError


@attrs.frozen
class JobInfo:
    """A snapshot of a job."""

    id: str
    name: str
    status: JobStatus
    runs: int
    last_error: str | None
    next_run: datetime | None
    trigger: Trigger
    options: JobOptions


class Misfire(enum.Enum):
    """What to do with occurrences that are late beyond the grace period (step 5)."""

    RUN_EACH = "run_each"
    RUN_ONCE = "run_once"
    SKIP = "skip"


@attrs.frozen
class JobOptions:
    """The keyword options a job was scheduled with, as a value (see `Options`)."""

    priority: int = 0
    max_concurrent: int = 1
    retry: RetryPolicy = attrs.field(factory=NoRetry)
    timeout: timedelta | None = None
    misfire: Misfire = Misfire.RUN_EACH
    grace: timedelta = timedelta(0)
    until: datetime | None = None
    max_runs: int | None = None


@attrs.frozen
class DeadLetter:
    """A run that failed on its last attempt (step 4)."""

    job_id: str
    occurrence: datetime
    attempts: int
    error: str


@attrs.frozen
class BrokenJob:
    """A stored job that cannot be read back, set aside so the others continue (step 7)."""

    job_id: str
    reason: str
