"""Lifecycle events (step 6)."""

from __future__ import annotations

import enum
from datetime import datetime

import attrs


class EventKind(enum.Enum):
    """The kinds of thing that happen to a job."""

    SCHEDULED = "scheduled"
    STARTED = "started"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    RETRYING = "retrying"
    MISSED = "missed"
    CANCELLED = "cancelled"
    DEAD_LETTERED = "dead_lettered"
    LEASE_LOST = "lease_lost"  # step 9


@attrs.frozen
class Event:
    """Something that happened to a job, at a time read from the scheduler's clock."""

    kind: EventKind
    job_id: str
    at: datetime
    occurrence: datetime | None = None
    attempt: int = 0
    error: BaseException | None = None
