"""The JobStore port: what the scheduler needs from wherever jobs and their runs are kept."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Iterable
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

    Every claim carries a fencing token larger than any the store issued before. A claim
    lasts until its run is finished or released, or, for everyone else, until its lease
    ends; a run claimed again after that holds the new token, and the store then refuses
    the old holder's `finish`.
    """

    def transaction(self) -> AbstractContextManager[object]:
        """Group the calls made inside into one atomic, isolated change."""
        ...

    def time(self, fallback: datetime) -> datetime:
        """The time on the store's clock; `fallback` (the scheduler's) for a store with none.

        Whether a run is due and until when a lease lasts are decided on it.
        """
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
        self, now: datetime, owner: str, lease_until: datetime, limit: int
    ) -> list[tuple[PendingRun, JobRecord]]:
        """Claim up to `limit` due runs that are not held, in order (due time, priority, job order).

        Each claimed run carries its new token. A run another claim is taking at the same
        moment is passed over, never waited for. A job that cannot be read is set aside
        (see `broken`) and its run left out.
        """
        ...

    def save_run(self, run: PendingRun) -> None:
        """Record a claimed run's chosen occurrence and `planned` flag."""
        ...

    def release(self, run: PendingRun) -> None:
        """Put a claimed run back in the queue, unclaimed."""
        ...

    def finish(self, run: PendingRun) -> bool:
        """Remove a claimed run for good; False, changing nothing, if its token is stale."""
        ...

    def renew(self, runs: Iterable[PendingRun], lease_until: datetime) -> int:
        """Extend the lease of each run its token still holds; how many it extended."""
        ...

    def hold(self, job_id: str) -> None:
        """Claim none of the job's runs, queued now or later, until `unhold`."""
        ...

    def unhold(self, job_id: str) -> None:
        """Let the job's runs be claimed again."""
        ...

    def discard_runs(self, job_id: str) -> None:
        """Remove every run of the job; the holders of its claimed ones may still finish them."""
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
