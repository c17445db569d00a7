"""Claiming due runs, running them on the executor and recording how they ended."""

from __future__ import annotations

import functools
import threading
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from random import Random

import attrs

from job_scheduler import misfire
from job_scheduler.errors import JobTimeoutError
from job_scheduler.events import Event, EventBus, EventKind
from job_scheduler.executors import Executor
from job_scheduler.jobs import DeadLetter, JobRecord, JobStatus, PendingRun, Run, describe
from job_scheduler.registry import TaskRegistry
from job_scheduler.store import JobStore

Clock = Callable[[], datetime]


@attrs.define(eq=False)
class Dispatcher:
    """Moves runs from the store's queue through the executor and back to the store."""

    clock: Clock
    store: JobStore
    registry: TaskRegistry
    executor: Executor
    random: Random
    bus: EventBus
    owner: str
    lease: timedelta
    _running: Counter[str] = attrs.field(factory=Counter, init=False)
    # Runs whose outcome is not yet recorded and announced; wait_idle waits for zero.
    _unfinished: int = attrs.field(default=0, init=False)
    _idle: threading.Condition = attrs.field(factory=threading.Condition, init=False)

    def run_pending(self) -> list[Run]:
        """Start every due run, in order; runs over their job's concurrency limit wait."""
        now = self.clock()
        started: list[Run] = []
        held: list[PendingRun] = []
        while True:
            events: list[Event] = []
            with self.store.transaction():
                claim = self.store.claim_due(now, self.owner, now + self.lease)
                if claim is None:
                    break
                pending, job = claim
                if self.running(job.id) >= job.options.max_concurrent:
                    held.append(pending)
                    continue
                begun = self._begin(pending, job, now, events)
            self._publish(events)
            if begun is not None:
                started.append(Run(job.id, job.name, begun.occurrence, begun.attempt))
                self.executor.submit(functools.partial(self._execute, begun, job))
        with self.store.transaction():
            for pending in held:
                self.store.release(pending)
        return started

    def running(self, job_id: str) -> int:
        """How many runs of the job this scheduler has in flight."""
        with self._idle:
            return self._running[job_id]

    def wait_idle(self, timeout: timedelta) -> bool:
        """Wait (at most `timeout`) until no run is in flight; False if time ran out."""
        with self._idle:
            return self._idle.wait_for(
                lambda: self._unfinished == 0, timeout=timeout.total_seconds()
            )

    def _begin(
        self, pending: PendingRun, job: JobRecord, now: datetime, events: list[Event]
    ) -> PendingRun | None:
        if pending.attempt == 1 and not pending.planned:
            plan = misfire.plan(job, pending.occurrence, now)
            events.extend(Event(EventKind.MISSED, job.id, now, missed) for missed in plan.missed)
            runs = job.runs + (plan.run is not None)
            following = plan.following
            if job.options.max_runs is not None and runs >= job.options.max_runs:
                following = None
            if following is not None:
                self.store.enqueue(pending.successor(following))
            job = job.with_runs(runs)
            if plan.run is None:
                self.store.finish(pending)
                self.store.update(self._settle(job, failed=False))
                return None
            self.store.update(job)
            pending = pending.planned_for(plan.run)
            self.store.save_run(pending)
        with self._idle:
            self._running[job.id] += 1
            self._unfinished += 1
        events.append(Event(EventKind.STARTED, job.id, now, pending.occurrence, pending.attempt))
        return pending

    def _execute(self, pending: PendingRun, job: JobRecord) -> None:
        started = self.clock()
        error: Exception | None = None
        try:
            task = self.registry.get(job.task) if isinstance(job.task, str) else job.task
            task()
        except Exception as exc:  # noqa: BLE001 - a failing job is recorded, never propagated
            error = exc
        timeout = job.options.timeout
        if error is None and timeout is not None and self.clock() - started > timeout:
            error = JobTimeoutError(f"job {job.name!r} ran longer than {timeout}")
        self._finish(pending, error)

    def _finish(self, pending: PendingRun, error: Exception | None) -> None:
        now = self.clock()
        occurrence, attempt = pending.occurrence, pending.attempt
        events: list[Event] = []
        with self.store.transaction():
            self.store.finish(pending)
            with self._idle:
                self._running[pending.job_id] -= 1
            job = self.store.get(pending.job_id)
            if error is None:
                events.append(Event(EventKind.SUCCEEDED, job.id, now, occurrence, attempt))
                job = self._settle(job.with_last_error(None), failed=False)
            else:
                events.append(Event(EventKind.FAILED, job.id, now, occurrence, attempt, error))
                job = job.with_last_error(describe(error))
                delay = job.options.retry.delay(attempt, self.random) if job.status.active else None
                if delay is None:
                    letter = DeadLetter(job.id, occurrence, attempt, describe(error))
                    self.store.add_dead_letter(letter)
                    events.append(
                        Event(EventKind.DEAD_LETTERED, job.id, now, occurrence, attempt, error)
                    )
                    job = self._settle(job, failed=True)
                else:
                    retry = pending.retry(now + delay)
                    self.store.enqueue(retry)
                    events.append(
                        Event(EventKind.RETRYING, job.id, now, occurrence, attempt, error)
                    )
            self.store.update(job)
        self._publish(events)
        with self._idle:
            self._unfinished -= 1
            self._idle.notify_all()

    def _settle(self, job: JobRecord, *, failed: bool) -> JobRecord:
        """A job with no run left in the store is over: completed, or failed if its end did.

        Runs in flight count: their rows stay in the store until `finish`.
        """
        if not job.status.active or self.store.pending(job.id):
            return job
        return job.with_status(JobStatus.FAILED if failed else JobStatus.COMPLETED)

    def _publish(self, events: list[Event]) -> None:
        for event in events:
            self.bus.publish(event)
