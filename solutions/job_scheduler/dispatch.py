"""Running due runs: claim each from the store, let `lifecycle` decide, apply it, publish it."""

from __future__ import annotations

import functools
import threading
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
    """The runs this scheduler has started: per job, and until their events are out."""

    _per_job: dict[str, int] = attrs.field(factory=dict, init=False)
    _unfinished: int = attrs.field(default=0, init=False)
    _lock: threading.Lock = attrs.field(factory=threading.Lock, init=False)
    _idle: threading.Condition = attrs.field(
        default=attrs.Factory(lambda self: threading.Condition(self._lock), takes_self=True),
        init=False,
    )

    def take(self, job_id: str, limit: int) -> bool:
        """Count one more run of the job, unless `limit` runs of it are in flight already."""
        with self._lock:
            running = self._per_job.get(job_id, 0)
            if running >= limit:
                return False
            self._per_job[job_id] = running + 1
            self._unfinished += 1
            return True

    def free(self, job_id: str) -> None:
        """A run's outcome is recorded: the job may start another in its place."""
        with self._lock:
            self._per_job[job_id] -= 1

    def done(self) -> None:
        """A run's events are published: it is over."""
        with self._lock:
            self._unfinished -= 1
            if self._unfinished == 0:
                self._idle.notify_all()

    def wait_idle(self, timeout: timedelta) -> bool:
        """Wait (at most `timeout`) until no run is in flight; False if time ran out."""
        with self._idle:
            return self._idle.wait_for(
                lambda: self._unfinished == 0, timeout=timeout.total_seconds()
            )


@attrs.define(eq=False)
class Dispatcher:
    """Moves runs from the store's queue through the executor and back to the store.

    It decides nothing itself: `lifecycle.begin` and `lifecycle.finish` say what a claim
    and an ended run lead to; the dispatcher applies that to the store in one transaction
    and publishes the events once it has committed.

    A run that ends on the thread that is claiming (the inline executor runs the task
    inside `submit`) is recorded in the same transaction as the next claim: one commit
    per run instead of two. Nothing can observe the difference, because nothing else runs
    on that thread in between, and a kill before that commit leaves the run leased, as a
    kill during the task would.
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
    # Per thread: the attempts that ended while that thread was in run_pending.
    _claiming: threading.local = attrs.field(factory=threading.local, init=False)

    def run_pending(self) -> list[Run]:
        """Start every due run, in order; runs over their job's concurrency limit wait."""
        now = self.clock()
        started: list[Run] = []
        held: list[PendingRun] = []
        outer = getattr(self._claiming, "ended", None)  # a task may call run_pending
        ended: list[Attempt] = []
        self._claiming.ended = ended
        try:
            while (begun := self._begin_next(now, ended, held)) is not None:
                run = begun.run
                if run is not None:
                    started.append(Run(run.job_id, begun.job.name, run.occurrence, run.attempt))
                    self.executor.submit(functools.partial(self._execute, run, begun.job))
        finally:
            self._claiming.ended = outer
        return started

    def wait_idle(self, timeout: timedelta) -> bool:
        """Wait (at most `timeout`) until no run is in flight; False if time ran out."""
        return self._in_flight.wait_idle(timeout)

    def _begin_next(
        self, now: datetime, ended: list[Attempt], held: list[PendingRun]
    ) -> lifecycle.Begin | None:
        """Record `ended`, then claim and begin the next due run; None when none is left.

        Runs over their job's concurrency limit go to `held`, and back to the queue once
        nothing else is due.
        """
        with self.store.transaction():
            outcomes = [self._record(attempt) for attempt in ended]
            begun = None
            while begun is None:
                claim = self.store.claim_due(now, self.owner, now + self.lease)
                if claim is None:
                    for claimed in held:
                        self.store.release(claimed)
                    break
                claimed, job = claim
                if not self._in_flight.take(job.id, job.options.max_concurrent):
                    held.append(claimed)
                    continue
                begun = lifecycle.begin(job, claimed, now, others=self.store.pending(job.id) - 1)
                self._apply_begin(claimed, begun)
        ended.clear()
        for outcome in outcomes:
            self._announce(outcome.events)
        if begun is not None:
            self._publish(begun.events)
            if begun.run is None:
                self._in_flight.free(begun.job.id)
                self._in_flight.done()
        return begun

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
        attempt = Attempt(run, started, self.clock(), error)
        ended = getattr(self._claiming, "ended", None)
        if ended is not None:
            ended.append(attempt)
            return
        with self.store.transaction():
            outcome = self._record(attempt)
        self._announce(outcome.events)

    def _record(self, attempt: Attempt) -> lifecycle.Outcome:
        """Apply what follows an ended run to the store (inside a transaction)."""
        run = attempt.run
        job = self.store.get(run.job_id)
        self.store.finish(run)
        outcome = lifecycle.finish(
            job, attempt, others=self.store.pending(job.id), random=self.random
        )
        if outcome.retry is not None:
            self.store.enqueue(outcome.retry)
        if outcome.dead_letter is not None:
            self.store.add_dead_letter(outcome.dead_letter)
        self.store.update(outcome.job)
        self._in_flight.free(job.id)
        return outcome

    def _announce(self, events: tuple[Event, ...]) -> None:
        self._publish(events)
        self._in_flight.done()

    def _publish(self, events: tuple[Event, ...]) -> None:
        for event in events:
            self.bus.publish(event)
