"""Running due runs: claim each from the store, let `lifecycle` decide, apply it, publish it."""

from __future__ import annotations

import functools
import threading
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from random import Random

import attrs

from job_scheduler import lifecycle
from job_scheduler.events import Event, EventBus
from job_scheduler.executors import Executor
from job_scheduler.jobs import Run
from job_scheduler.lifecycle import Attempt, JobRecord, PendingRun
from job_scheduler.registry import TaskRegistry
from job_scheduler.stores.port import JobStore

Clock = Callable[[], datetime]


@attrs.define(eq=False)
class InFlight:
    """The runs this scheduler has started and not yet recorded, per job."""

    _runs: Counter[str] = attrs.field(factory=Counter, init=False)
    _total: int = attrs.field(default=0, init=False)
    _idle: threading.Condition = attrs.field(factory=threading.Condition, init=False)

    def take(self, job_id: str, limit: int) -> bool:
        """Count one more run of the job, unless `limit` runs of it are in flight already."""
        with self._idle:
            if self._runs[job_id] >= limit:
                return False
            self._runs[job_id] += 1
            self._total += 1
            return True

    def give_back(self, job_id: str) -> None:
        """One run of the job is over (or never started)."""
        with self._idle:
            self._runs[job_id] -= 1
            self._total -= 1
            self._idle.notify_all()

    def wait_idle(self, timeout: timedelta) -> bool:
        """Wait (at most `timeout`) until no run is in flight; False if time ran out."""
        with self._idle:
            return self._idle.wait_for(lambda: self._total == 0, timeout=timeout.total_seconds())


@attrs.define(eq=False)
class Dispatcher:
    """Moves runs from the store's queue through the executor and back to the store.

    It decides nothing itself: `lifecycle.begin` and `lifecycle.finish` say what a claim
    and an ended run lead to; the dispatcher applies that to the store in one transaction
    and publishes the events once it has committed.
    """

    clock: Clock
    store: JobStore
    registry: TaskRegistry
    executor: Executor
    random: Random
    bus: EventBus
    owner: str
    lease: timedelta
    _in_flight: InFlight = attrs.field(factory=InFlight, init=False)

    def run_pending(self) -> list[Run]:
        """Start every due run, in order; runs over their job's concurrency limit wait."""
        now = self.clock()
        started: list[Run] = []
        held: list[PendingRun] = []
        while True:
            with self.store.transaction():
                claim = self.store.claim_due(now, self.owner, now + self.lease)
                if claim is None:
                    break
                claimed, job = claim
                if not self._in_flight.take(job.id, job.options.max_concurrent):
                    held.append(claimed)
                    continue
                begun = lifecycle.begin(job, claimed, now, others=self.store.pending(job.id) - 1)
                self._apply_begin(claimed, begun)
            self._publish(begun.events)
            if begun.run is None:
                self._in_flight.give_back(job.id)
                continue
            run, job = begun.run, begun.job
            started.append(Run(job.id, job.name, run.occurrence, run.attempt))
            self.executor.submit(functools.partial(self._execute, run, job))
        with self.store.transaction():
            for claimed in held:
                self.store.release(claimed)
        return started

    def wait_idle(self, timeout: timedelta) -> bool:
        """Wait (at most `timeout`) until no run is in flight; False if time ran out."""
        return self._in_flight.wait_idle(timeout)

    def _apply_begin(self, claimed: PendingRun, begun: lifecycle.Begin) -> None:
        if begun.successor is not None:
            self.store.enqueue(begun.successor)
        if begun.run is None:
            self.store.finish(claimed)
        else:
            self.store.save_run(begun.run)
        self.store.update(begun.job)

    def _execute(self, run: PendingRun, job: JobRecord) -> None:
        started = self.clock()
        error: Exception | None = None
        try:
            task = self.registry.get(job.task) if isinstance(job.task, str) else job.task
            task()
        except Exception as exc:  # noqa: BLE001 - a failing job is recorded, never propagated
            error = exc
        self._finish(Attempt(run, started, self.clock(), error))

    def _finish(self, attempt: Attempt) -> None:
        run = attempt.run
        with self.store.transaction():
            job = self.store.get(run.job_id)
            self.store.finish(run)
            others = self.store.pending(job.id)
            outcome = lifecycle.finish(job, attempt, others=others, random=self.random)
            if outcome.retry is not None:
                self.store.enqueue(outcome.retry)
            if outcome.dead_letter is not None:
                self.store.add_dead_letter(outcome.dead_letter)
            self.store.update(outcome.job)
        self._publish(outcome.events)
        self._in_flight.give_back(run.job_id)

    def _publish(self, events: tuple[Event, ...]) -> None:
        for event in events:
            self.bus.publish(event)
