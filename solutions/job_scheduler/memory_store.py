"""The in-memory JobStore: dictionaries and a heap."""

from __future__ import annotations

import heapq
import itertools
import threading
from collections import defaultdict
from datetime import datetime

import attrs

from job_scheduler.errors import UnknownJobError
from job_scheduler.jobs import BrokenJob, DeadLetter, JobRecord, JobStatus, PendingRun

_HeapEntry = tuple[datetime, int, int, int]


@attrs.define(eq=False)
class InMemoryJobStore:
    """A JobStore in dictionaries and a heap: claiming the next due run is O(log n).

    Discarded runs are deleted lazily (skipped when they reach the top of the heap); runs of
    paused jobs are parked when they reach the top and pushed back on resume.
    """

    _jobs: dict[str, JobRecord] = attrs.field(factory=dict, init=False)
    _runs: dict[int, PendingRun] = attrs.field(factory=dict, init=False)
    _by_job: defaultdict[str, set[int]] = attrs.field(factory=lambda: defaultdict(set), init=False)
    _heap: list[_HeapEntry] = attrs.field(factory=list, init=False)
    _parked: defaultdict[str, list[PendingRun]] = attrs.field(
        factory=lambda: defaultdict(list), init=False
    )
    _letters: list[DeadLetter] = attrs.field(factory=list, init=False)
    _ids: itertools.count[int] = attrs.field(factory=lambda: itertools.count(1), init=False)
    _lock: threading.RLock = attrs.field(factory=threading.RLock, init=False)

    def transaction(self) -> threading.RLock:
        """One lock makes each transaction atomic between threads."""
        return self._lock

    def add(self, job: JobRecord) -> JobRecord:
        """Store a new job with the next sequence number."""
        stored = job.numbered(next(self._ids))
        self._jobs[job.id] = stored
        return stored

    def get(self, job_id: str) -> JobRecord:
        """The job, or UnknownJobError."""
        try:
            return self._jobs[job_id]
        except KeyError:
            raise UnknownJobError(f"no job with id {job_id!r}") from None

    def update(self, job: JobRecord) -> None:
        """Replace the job; a job that is scheduled again gets its parked runs back."""
        self._jobs[job.id] = job
        if job.status is JobStatus.SCHEDULED:
            for run in self._parked.pop(job.id, []):
                self._push(run)

    def jobs(self) -> list[JobRecord]:
        """Every job, in scheduling order."""
        return sorted(self._jobs.values(), key=lambda job: job.seq)

    def enqueue(self, run: PendingRun) -> None:
        """Give the run an id and push it on the heap."""
        run = run.numbered(next(self._ids))
        self._runs[run.id] = run
        self._by_job[run.job_id].add(run.id)
        self._push(run)

    def claim_due(
        self,
        now: datetime,
        owner: str,  # noqa: ARG002 - one process: popping the run is the claim
        lease_until: datetime,  # noqa: ARG002 - same reason
    ) -> tuple[PendingRun, JobRecord] | None:
        """Pop the first due run of a scheduled job, parking or dropping the others."""
        while self._heap and self._heap[0][0] <= now:
            run = self._runs.get(heapq.heappop(self._heap)[3])
            if run is None:
                continue
            job = self._jobs[run.job_id]
            if job.status is not JobStatus.PAUSED:
                return run, job
            self._parked[run.job_id].append(run)
        return None

    def save_run(self, run: PendingRun) -> None:
        """Replace the run's record."""
        self._runs[run.id] = run

    def release(self, run: PendingRun) -> None:
        """Push a claimed run back."""
        self._push(run)

    def finish(self, run: PendingRun) -> None:
        """Forget a claimed run."""
        self._forget(run)

    def discard_runs(self, job_id: str) -> None:
        """Forget the job's runs; their heap entries are skipped when they surface."""
        for run_id in list(self._by_job[job_id]):
            self._forget(self._runs[run_id])
        self._parked.pop(job_id, None)

    def pending(self, job_id: str) -> int:
        """Runs of the job not yet finished."""
        return len(self._by_job.get(job_id, ()))

    def next_due(self, job_id: str) -> datetime | None:
        """The earliest due time among the job's runs."""
        return min((self._runs[i].due for i in self._by_job.get(job_id, ())), default=None)

    def add_dead_letter(self, letter: DeadLetter) -> None:
        """Append to the dead letters."""
        self._letters.append(letter)

    def dead_letters(self) -> list[DeadLetter]:
        """A copy of the dead letters."""
        return list(self._letters)

    def broken(self) -> list[BrokenJob]:
        """Nothing is ever broken in memory."""
        return []

    def _push(self, run: PendingRun) -> None:
        heapq.heappush(self._heap, (run.due, -run.priority, run.job_seq, run.id))

    def _forget(self, run: PendingRun) -> None:
        self._runs.pop(run.id, None)
        self._by_job[run.job_id].discard(run.id)
