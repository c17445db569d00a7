"""The JobStore port: what the scheduler needs from wherever jobs and their runs are kept."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from contextlib import AbstractContextManager
    from datetime import datetime

    from job_scheduler.jobs import BrokenJob, DeadLetter
    from job_scheduler.lifecycle import JobRecord, PendingRun


class JobStore(Protocol):
    """Keeps jobs, the queue of runs waiting to be claimed, and dead letters.

    A store keeps what it is told and orders the queue; it knows nothing of statuses or
    of what follows a run (that is `lifecycle`). The scheduler makes every
    read-modify-write inside `transaction()`, so schedulers sharing a store never
    interleave their changes of a job.
    """

    def transaction(self) -> AbstractContextManager[object]:
        """Group the calls made inside into one atomic, isolated change."""
        ...

    def add(self, job: JobRecord) -> None:
        """Store a new job, after every job stored before it."""
        ...

    def get(self, job_id: str) -> JobRecord:
        """The job; UnknownJobError if there is none, CorruptJobError if it cannot be read."""
        ...

    def update(self, job: JobRecord) -> None:
        """Replace the stored job with `job`."""
        ...

    def jobs(self) -> list[JobRecord]:
        """Every readable job, in the order they were added."""
        ...

    def enqueue(self, run: PendingRun) -> None:
        """Queue a run until it is due."""
        ...

    def claim_due(
        self, now: datetime, owner: str, lease_until: datetime
    ) -> tuple[PendingRun, JobRecord] | None:
        """Claim the first due run that is not held (by due time, priority, job order).

        The claim lasts until `finish` or `release`, or until `lease_until` for another
        owner. A job that cannot be read is set aside (see `broken`) and the next run tried.
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

    def hold(self, job_id: str) -> None:
        """Claim none of the job's runs, queued now or later, until `unhold`."""
        ...

    def unhold(self, job_id: str) -> None:
        """Let the job's runs be claimed again."""
        ...

    def discard_runs(self, job_id: str) -> None:
        """Remove every run of the job."""
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
        """The jobs `claim_due` set aside because they could not be read, with the reason."""
        ...
