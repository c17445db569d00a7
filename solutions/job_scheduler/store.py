"""Where jobs and their queued runs live: the JobStore role."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from contextlib import AbstractContextManager
    from datetime import datetime

    from job_scheduler.jobs import BrokenJob, DeadLetter, JobRecord, PendingRun


class JobStore(Protocol):
    """Keeps jobs, the queue of runs waiting to be claimed, and dead letters.

    The scheduler makes every read-modify-write inside `transaction()`, so schedulers
    sharing a store never interleave their updates of a job.
    """

    def transaction(self) -> AbstractContextManager[object]:
        """Group the calls made inside into one atomic, isolated change."""
        ...

    def add(self, job: JobRecord) -> JobRecord:
        """Store a new job; returns it with the store's sequence number."""
        ...

    def get(self, job_id: str) -> JobRecord:
        """The job; UnknownJobError if there is none, CorruptJobError if it cannot be read."""
        ...

    def update(self, job: JobRecord) -> None:
        """Replace the stored job with `job`."""
        ...

    def jobs(self) -> list[JobRecord]:
        """Every readable job, in scheduling order."""
        ...

    def enqueue(self, run: PendingRun) -> None:
        """Queue a run until it is due."""
        ...

    def claim_due(
        self, now: datetime, owner: str, lease_until: datetime
    ) -> tuple[PendingRun, JobRecord] | None:
        """Claim the first due run of a scheduled job (by due time, priority, job order).

        A job that cannot be read is set aside (see `broken`) and the next run is tried.
        """
        ...

    def save_run(self, run: PendingRun) -> None:
        """Record a claimed run's chosen occurrence and `planned` flag."""
        ...

    def release(self, run: PendingRun) -> None:
        """Put a claimed run back in the queue, unclaimed."""
        ...

    def finish(self, run: PendingRun) -> None:
        """Remove a claimed run for good."""
        ...

    def discard_runs(self, job_id: str) -> None:
        """Remove every queued run of the job."""
        ...

    def pending(self, job_id: str) -> int:
        """How many runs of the job are queued or claimed."""
        ...

    def next_due(self, job_id: str) -> datetime | None:
        """When the job's earliest queued run is due."""
        ...

    def add_dead_letter(self, letter: DeadLetter) -> None:
        """Keep a run that failed on its last attempt."""
        ...

    def dead_letters(self) -> list[DeadLetter]:
        """Every dead letter, oldest first."""
        ...

    def broken(self) -> list[BrokenJob]:
        """The jobs set aside by `mark_broken`."""
        ...
