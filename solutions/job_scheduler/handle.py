"""The handle on a scheduled job, and the keyword options of scheduling."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

import attrs

if TYPE_CHECKING:
    from datetime import datetime, timedelta

    from job_scheduler.jobs import JobInfo, JobStatus, Misfire
    from job_scheduler.retry import RetryPolicy

    # attrs never resolves this annotation, and a runtime import would be circular.
    from job_scheduler.scheduler import Scheduler  # noqa: TC004


class Options(TypedDict, total=False):
    """The keyword options of `Scheduler.schedule`; see `JobOptions` for their meaning."""

    priority: int
    max_concurrent: int
    retry: RetryPolicy
    timeout: timedelta | None
    misfire: Misfire
    grace: timedelta
    until: datetime | None
    max_runs: int | None


@attrs.frozen
class Job:
    """A handle on a scheduled job: its id, and live views of its state."""

    id: str
    _scheduler: Scheduler = attrs.field(repr=False, eq=False)

    @property
    def status(self) -> JobStatus:
        """The job's current status."""
        return self._scheduler.info(self.id).status

    @property
    def info(self) -> JobInfo:
        """A snapshot of the job."""
        return self._scheduler.info(self.id)

    def cancel(self) -> None:
        """Cancel the job (see `Scheduler.cancel`)."""
        self._scheduler.cancel(self.id)
