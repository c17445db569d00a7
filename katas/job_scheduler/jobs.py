"""What the scheduler tells you about jobs and runs."""

from __future__ import annotations

import enum
from datetime import datetime

import attrs


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
    """One run the scheduler started: which job, which occurrence, which attempt."""

    job_id: str
    job_name: str
    occurrence: datetime
    attempt: int


@attrs.frozen
class JobInfo:
    """A snapshot of a job."""

    id: str
    name: str
    status: JobStatus
    runs: int
    last_error: str | None
    next_run: datetime | None
