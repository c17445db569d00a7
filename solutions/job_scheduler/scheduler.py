"""The scheduler's public face (Facade), the handle on a scheduled job, and the keyword options."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from random import Random
from typing import TYPE_CHECKING, TypedDict, Unpack

import attrs

from job_scheduler import lifecycle
from job_scheduler.dispatch import Clock, Dispatcher
from job_scheduler.errors import CorruptJobError
from job_scheduler.events import Event, EventBus, EventKind, Listener
from job_scheduler.executors import Executor, InlineExecutor
from job_scheduler.jobs import BrokenJob, DeadLetter, JobInfo, JobOptions, JobStatus, Task
from job_scheduler.lifecycle import JobRecord
from job_scheduler.registry import TaskRegistry
from job_scheduler.stores.memory import InMemoryJobStore
from job_scheduler.triggers import At, Trigger

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from job_scheduler.jobs import Misfire, Run
    from job_scheduler.retry import RetryPolicy
    from job_scheduler.stores.port import JobStore

# Options are frozen, so a job scheduled without any shares this one value.
_DEFAULT_OPTIONS = JobOptions()
# Runs claimed in one transaction when they run elsewhere than on the claiming thread.
CLAIM_BATCH = 32


class Options(TypedDict, total=False):
    """The keyword options of `Scheduler.schedule`: `JobOptions`'s fields, which say what they mean.

    A test checks that the two name the same fields with the same types.
    """

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
        """The job's current status: BROKEN when its stored record cannot be read back."""
        try:
            return self._scheduler.info(self.id).status
        except CorruptJobError:
            return JobStatus.BROKEN

    @property
    def info(self) -> JobInfo:
        """A snapshot of the job."""
        return self._scheduler.info(self.id)

    def cancel(self) -> None:
        """Cancel the job (see `Scheduler.cancel`)."""
        self._scheduler.cancel(self.id)


class Scheduler:
    """Runs jobs when their triggers say, on a clock that is passed in.

    `run_pending()` starts every due run; nothing happens between calls, so a test drives
    the scheduler with a fake clock and a loop in production calls it periodically. Each
    operation reads the job, asks `lifecycle` for its next state, and writes that back in
    one store transaction; events go out after it commits.
    """

    def __init__(  # noqa: PLR0913 - the composition root passes every collaborator by name
        self,
        clock: Clock,
        *,
        store: JobStore | None = None,
        registry: TaskRegistry | None = None,
        executor: Executor | None = None,
        random: Random | None = None,
        lease: timedelta = timedelta(minutes=5),
    ) -> None:
        self._clock = clock
        self._store: JobStore = InMemoryJobStore() if store is None else store
        self._registry = TaskRegistry() if registry is None else registry
        self._bus = EventBus()
        self._dispatcher = Dispatcher(
            clock=clock,
            store=self._store,
            registry=self._registry,
            executor=InlineExecutor() if executor is None else executor,
            random=Random() if random is None else random,  # noqa: S311 - jitter, not secrets
            bus=self._bus,
            owner=os.urandom(16).hex(),
            lease=lease,
            # Inline, a run ends before the next may begin: one claim per transaction.
            batch=1 if executor is None or isinstance(executor, InlineExecutor) else CLAIM_BATCH,
        )

    def schedule(
        self,
        task: Task | str,
        trigger: Trigger,
        *,
        name: str | None = None,
        **options: Unpack[Options],
    ) -> Job:
        """Schedule `task` (a callable, or the name of a registered task) on `trigger`."""
        if isinstance(task, str):
            self._registry.get(task)
        label = name or (task if isinstance(task, str) else str(getattr(task, "__name__", task)))
        settings = JobOptions(**options) if options else _DEFAULT_OPTIONS
        # 128 random bits, as in a UUID: ids stay unique across processes sharing a store.
        record = JobRecord(
            id=os.urandom(16).hex(), name=label, task=task, trigger=trigger, options=settings
        )
        started = lifecycle.start(record, self._clock())
        with self._store.transaction():
            self._store.add(started.job)
            if started.first is not None:
                self._store.enqueue(started.first)
        self._bus.publish(started.event)
        return Job(record.id, self)

    def schedule_at(
        self,
        when: datetime,
        task: Task | str,
        *,
        name: str | None = None,
        **options: Unpack[Options],
    ) -> Job:
        """Schedule a one-off run of `task` at `when`."""
        return self.schedule(task, At(when), name=name, **options)

    def schedule_after(
        self,
        delay: timedelta,
        task: Task | str,
        *,
        name: str | None = None,
        **options: Unpack[Options],
    ) -> Job:
        """Schedule a one-off run of `task` once `delay` has passed on the clock."""
        return self.schedule(task, At(self._clock() + delay), name=name, **options)

    def run_pending(self) -> list[Run]:
        """Start every run that is due now, in due-time order, and return them."""
        return self._dispatcher.run_pending()

    def heartbeat(self) -> int:
        """Renew the lease of every run in flight here; how many were renewed.

        A run whose lease another scheduler has taken over is not renewed.
        """
        return self._dispatcher.heartbeat()

    def info(self, job_id: str) -> JobInfo:
        """A snapshot of the job; UnknownJobError if there is none."""
        with self._store.transaction():
            return self._snapshot(self._store.get(job_id))

    def jobs(self) -> list[JobInfo]:
        """Snapshots of every job, in scheduling order."""
        with self._store.transaction():
            return [self._snapshot(job) for job in self._store.jobs()]

    def cancel(self, job_id: str) -> None:
        """Cancel the job: no further runs start; runs already started finish."""
        with self._store.transaction():
            self._store.update(lifecycle.cancel(self._store.get(job_id)))
            self._store.discard_runs(job_id)
        self._bus.publish(Event(EventKind.CANCELLED, job_id, self._clock()))

    def pause(self, job_id: str) -> None:
        """Hold the job's runs until `resume`."""
        with self._store.transaction():
            self._store.update(lifecycle.pause(self._store.get(job_id)))
            self._store.hold(job_id)

    def resume(self, job_id: str) -> None:
        """Release a paused job; runs that fell due meanwhile follow its misfire policy."""
        with self._store.transaction():
            self._store.update(lifecycle.resume(self._store.get(job_id)))
            self._store.unhold(job_id)

    def subscribe(
        self, listener: Listener, kinds: Iterable[EventKind] | None = None
    ) -> Callable[[], None]:
        """Call `listener` with every event of `kinds` (all kinds when None).

        Returns a function that unsubscribes. A listener that raises is logged on the
        ``job_scheduler`` logger; the scheduler and the other listeners carry on.
        """
        return self._bus.subscribe(listener, kinds)

    def dead_letters(self) -> list[DeadLetter]:
        """Runs that failed on their last attempt, oldest first."""
        with self._store.transaction():
            return self._store.dead_letters()

    def broken_jobs(self) -> list[BrokenJob]:
        """Stored jobs that could not be read back and were set aside."""
        with self._store.transaction():
            return self._store.broken()

    def wait_idle(self, timeout: timedelta) -> bool:
        """Wait at most `timeout` until no run is in flight; False if time ran out."""
        return self._dispatcher.wait_idle(timeout)

    def _snapshot(self, job: JobRecord) -> JobInfo:
        return JobInfo(
            job.id,
            job.name,
            job.status,
            job.runs,
            job.last_error,
            self._store.next_due(job.id),
            job.trigger,
            job.options,
        )
