"""The scheduler and the handle on a scheduled job."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypedDict, Unpack

if TYPE_CHECKING:
    from job_scheduler.jobs import JobInfo, JobStatus, Run
    from job_scheduler.triggers import Trigger

Clock = Callable[[], datetime]
Task = Callable[[], object]


class Options(TypedDict, total=False):
    """Keyword options of `Scheduler.schedule`, `schedule_at` and `schedule_after`."""

    until: datetime | None  # step 2: no occurrence after this time
    max_runs: int | None  # step 2: at most this many runs


class Job:
    """A handle on a scheduled job: its id, and live views of its state."""

    @property
    def id(self) -> str:
        """The job's unique id."""
        raise NotImplementedError

    @property
    def status(self) -> JobStatus:
        """The job's current status."""
        raise NotImplementedError

    @property
    def info(self) -> JobInfo:
        """A snapshot of the job."""
        raise NotImplementedError

    def cancel(self) -> None:
        """Cancel the job (see `Scheduler.cancel`)."""
        raise NotImplementedError


class Scheduler:
    """Runs jobs when their triggers say, on a clock that is passed in."""

    def __init__(self, clock: Clock) -> None:
        raise NotImplementedError

    def schedule(
        self, task: Task, trigger: Trigger, *, name: str | None = None, **options: Unpack[Options]
    ) -> Job:
        """Schedule `task` on `trigger`."""
        raise NotImplementedError

    def schedule_at(
        self, when: datetime, task: Task, *, name: str | None = None, **options: Unpack[Options]
    ) -> Job:
        """Schedule one run of `task` at `when` (an aware datetime)."""
        raise NotImplementedError

    def schedule_after(
        self, delay: timedelta, task: Task, *, name: str | None = None, **options: Unpack[Options]
    ) -> Job:
        """Schedule one run of `task` when `delay` has passed on the clock."""
        raise NotImplementedError

    def run_pending(self) -> list[Run]:
        """Start every run that is due now, in due-time order, and return them."""
        raise NotImplementedError

    def info(self, job_id: str) -> JobInfo:
        """A snapshot of the job; UnknownJobError if there is none."""
        raise NotImplementedError

    def jobs(self) -> list[JobInfo]:
        """Snapshots of every job, in scheduling order."""
        raise NotImplementedError

    def cancel(self, job_id: str) -> None:
        """Cancel the job; UnknownJobError, or JobStateError if it is over."""
        raise NotImplementedError
