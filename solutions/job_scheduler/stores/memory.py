"""The in-memory JobStore: dictionaries and a heap."""

from __future__ import annotations

import heapq
import itertools
import threading
from collections import defaultdict
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from job_scheduler.errors import UnknownJobError
from job_scheduler.jobs import BrokenJob, DeadLetter
from job_scheduler.lifecycle import JobRecord, PendingRun

if TYPE_CHECKING:
    from collections.abc import Iterable

# (-priority, job order, run id): among runs due at one time, the claiming order.
_Entry = tuple[int, int, int]


@attrs.define(eq=False)
class InMemoryJobStore:
    """A JobStore in dictionaries and heaps: claiming the next due run is O(log n).

    The queue is a heap of the due times that have runs, and per due time a heap of its
    runs by priority and job order. Jobs often share due times (every job on the same
    minute), and two small heaps are faster to pop than one large one: each comparison
    in a large heap of 100,000 tuples is a cache miss.

    Nothing assigns to a record once it is built (the rules build new ones), so the store
    keeps the very objects it is given. Discarded runs
    are deleted lazily (skipped when they reach the top of the queue); runs of held jobs
    are parked when they reach the top and pushed back when the job is unheld. A claimed
    run is off the queue until it is released, so no lease ever needs to expire here, but
    claims carry increasing tokens as in every store.
    """

    _jobs: dict[str, JobRecord] = attrs.field(factory=dict, init=False)
    _order: dict[str, int] = attrs.field(factory=dict, init=False)
    _runs: dict[int, PendingRun] = attrs.field(factory=dict, init=False)
    # A tuple of run ids per job with runs: usually one, and a tuple of ints is not
    # tracked by the garbage collector, where a set per job would be.
    _by_job: dict[str, tuple[int, ...]] = attrs.field(factory=dict, init=False)
    _dues: list[datetime] = attrs.field(factory=list, init=False)
    _queue: dict[datetime, list[_Entry]] = attrs.field(factory=dict, init=False)
    _held: set[str] = attrs.field(factory=set, init=False)
    _parked: defaultdict[str, list[PendingRun]] = attrs.field(
        factory=lambda: defaultdict(list), init=False
    )
    _letters: list[DeadLetter] = attrs.field(factory=list, init=False)
    _ids: itertools.count[int] = attrs.field(factory=lambda: itertools.count(1), init=False)
    _tokens: itertools.count[int] = attrs.field(factory=lambda: itertools.count(1), init=False)
    _lock: threading.RLock = attrs.field(factory=threading.RLock, init=False)

    def transaction(self) -> threading.RLock:
        """One lock makes each transaction atomic between threads."""
        return self._lock

    def time(self, fallback: datetime) -> datetime:
        """No clock of its own: the scheduler's."""
        return fallback

    def add(self, job: JobRecord) -> None:
        """Store a new job; dictionaries keep insertion order, which is scheduling order."""
        self._jobs[job.id] = job
        self._order[job.id] = next(self._ids)

    def get(self, job_id: str) -> JobRecord:
        """The job, or UnknownJobError."""
        try:
            return self._jobs[job_id]
        except KeyError:
            raise UnknownJobError(f"no job with id {job_id!r}") from None

    def update(self, job: JobRecord) -> None:
        """Replace the job."""
        self._jobs[job.id] = job

    def jobs(self) -> list[JobRecord]:
        """Every job, in scheduling order."""
        return list(self._jobs.values())

    def enqueue(self, run: PendingRun) -> None:
        """Give the run an id and queue it."""
        run = run.numbered(next(self._ids))
        self._runs[run.id] = run
        self._by_job[run.job_id] = (*self._by_job.get(run.job_id, ()), run.id)
        self._push(run)

    def claim_due(
        self,
        now: datetime,
        owner: str,  # noqa: ARG002 - one process: popping the run is the claim
        lease_until: datetime,  # noqa: ARG002 - same reason
        limit: int,
    ) -> list[tuple[PendingRun, JobRecord]]:
        """Pop the first due runs of jobs that are not held, parking or dropping the others."""
        dues, queue = self._dues, self._queue
        claimed: list[tuple[PendingRun, JobRecord]] = []
        while dues and dues[0] <= now and len(claimed) < limit:
            runs = queue[dues[0]]
            run = self._runs.get(heapq.heappop(runs)[2])
            if not runs:
                del queue[heapq.heappop(dues)]
            if run is None:
                continue
            if run.job_id in self._held:
                self._parked[run.job_id].append(run)
                continue
            run = self._runs[run.id] = run.claimed(next(self._tokens))
            claimed.append((run, self._jobs[run.job_id]))
        return claimed

    def save_run(self, run: PendingRun) -> None:
        """Replace the run's record."""
        self._runs[run.id] = run

    def release(self, run: PendingRun) -> None:
        """Queue a claimed run again."""
        self._push(run)

    def finish(self, run: PendingRun) -> bool:
        """Forget a claimed run: its token always holds, as no claim here is taken over."""
        self._forget(run)
        return True

    def renew(
        self,
        runs: Iterable[PendingRun],
        lease_until: datetime,  # noqa: ARG002 - a claimed run here is never taken over
    ) -> int:
        """Count the runs: a claim here lasts until its run finishes, so each still holds."""
        return sum(1 for _ in runs)

    def hold(self, job_id: str) -> None:
        """Park the job's runs as they come up."""
        self._held.add(job_id)

    def unhold(self, job_id: str) -> None:
        """Queue the job's parked runs again."""
        self._held.discard(job_id)
        for run in self._parked.pop(job_id, []):
            self._push(run)

    def discard_runs(self, job_id: str) -> None:
        """Forget the job's runs; their queue entries are skipped when they surface."""
        for run_id in self._by_job.pop(job_id, ()):
            del self._runs[run_id]
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
        runs = self._queue.get(run.due)
        if runs is None:
            runs = self._queue[run.due] = []
            heapq.heappush(self._dues, run.due)
        heapq.heappush(runs, (-run.priority, self._order[run.job_id], run.id))

    def _forget(self, run: PendingRun) -> None:
        if self._runs.pop(run.id, None) is None:
            return
        ids = self._by_job.pop(run.job_id)
        if len(ids) > 1:
            self._by_job[run.job_id] = tuple(each for each in ids if each != run.id)
