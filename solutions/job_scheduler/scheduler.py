"""The scheduler's public face: schedule, control and observe jobs (Facade)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from random import Random
from typing import TYPE_CHECKING, Unpack

from job_scheduler.dispatch import Clock, Dispatcher
from job_scheduler.errors import JobStateError
from job_scheduler.events import Event, EventBus, EventKind, Listener
from job_scheduler.executors import Executor, InlineExecutor
from job_scheduler.handle import Job, Options
from job_scheduler.jobs import (
    BrokenJob,
    DeadLetter,
    JobInfo,
    JobOptions,
    JobRecord,
    JobStatus,
    PendingRun,
    Run,
    Task,
)
from job_scheduler.memory_store import InMemoryJobStore
from job_scheduler.registry import TaskRegistry
from job_scheduler.triggers import At, Trigger

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from job_scheduler.store import JobStore


class Scheduler:
    """Runs jobs when their triggers say, on a clock that is passed in.

    `run_pending()` starts every due run; nothing happens between calls, so a test drives
    the scheduler with a fake clock and a loop in production calls it periodically.
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
            owner=uuid.uuid4().hex,
            lease=lease,
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
        settings = JobOptions(**options)
        now = self._clock()
        first = trigger.first_fire(now)
        if first is not None and first.tzinfo is None:
            raise ValueError(f"trigger {trigger!r} gave a naive fire time {first}; use UTC")
        if first is not None and settings.until is not None and first > settings.until:
            first = None
        label = name or (task if isinstance(task, str) else str(getattr(task, "__name__", task)))
        record = JobRecord(uuid.uuid4().hex, label, task, trigger, settings)
        with self._store.transaction():
            record = self._store.add(record)
            if first is None:
                self._store.update(record.with_status(JobStatus.COMPLETED))
            else:
                self._store.enqueue(
                    PendingRun(record.id, first, 1, first, settings.priority, record.seq)
                )
        self._bus.publish(Event(EventKind.SCHEDULED, record.id, now, first))
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
        self._change(job_id, JobStatus.CANCELLED, {JobStatus.SCHEDULED, JobStatus.PAUSED})

    def pause(self, job_id: str) -> None:
        """Hold the job's runs until `resume`."""
        self._change(job_id, JobStatus.PAUSED, {JobStatus.SCHEDULED})

    def resume(self, job_id: str) -> None:
        """Release a paused job; runs that fell due meanwhile follow its misfire policy."""
        self._change(job_id, JobStatus.SCHEDULED, {JobStatus.PAUSED})

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
        next_run = self._store.next_due(job.id)
        return JobInfo(
            job.id,
            job.name,
            job.status,
            job.runs,
            job.last_error,
            next_run,
            job.trigger,
            job.options,
        )

    def _change(self, job_id: str, status: JobStatus, allowed: set[JobStatus]) -> None:
        with self._store.transaction():
            job = self._store.get(job_id)
            if job.status not in allowed:
                raise JobStateError(f"job {job.name!r} is {job.status.value}")
            self._store.update(job.with_status(status))
            if status is JobStatus.CANCELLED:
                self._store.discard_runs(job_id)
        if status is JobStatus.CANCELLED:
            self._bus.publish(Event(EventKind.CANCELLED, job_id, self._clock()))
