"""Running due runs: claim each from the store, let `lifecycle` decide, apply it, publish it."""

from __future__ import annotations

import contextvars
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

# The run a task is executing, set on the executor's thread around the call.
_running: contextvars.ContextVar[Run | None] = contextvars.ContextVar("running", default=None)


def current_run() -> Run | None:
    """Inside a task, the run it is executing; anywhere else None."""
    return _running.get()


@attrs.define(eq=False)
class InFlight:
    """The runs this scheduler has started: per job, until their events are out, and whose."""

    _per_job: dict[str, int] = attrs.field(factory=dict, init=False)
    _runs: dict[int, PendingRun] = attrs.field(factory=dict, init=False)
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

    def hold(self, run: PendingRun) -> None:
        """The run started: its lease is this scheduler's to renew until it is freed."""
        with self._lock:
            self._runs[run.id] = run

    def held(self) -> list[PendingRun]:
        """The runs started and not yet freed."""
        with self._lock:
            return list(self._runs.values())

    def free(self, job_id: str, run_id: int | None) -> None:
        """A claim is over: the job may start another in its place.

        `run_id` is the run whose outcome is recorded, or None for a claim that began no run
        (an occurrence skipped as missed), which takes no run off the heartbeat's list.
        """
        with self._lock:
            running = self._per_job.pop(job_id) - 1
            if running:  # a job with nothing in flight has no entry, so the map stays small
                self._per_job[job_id] = running
            if run_id is not None:
                self._runs.pop(run_id, None)

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
    and publishes the events once it has committed. It claims up to `batch` runs in one
    transaction; the composition root sets 1 for the inline executor, whose runs must
    end before the next one begins.

    Whether a run is due and how long a lease lasts are decided on the store's clock
    (`store.time`); the store refuses the outcome of a run whose claim was taken over
    (its lease ran out meanwhile), and the dispatcher then reports the lease lost.

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
    batch: int
    _in_flight: InFlight = attrs.field(factory=InFlight, init=False)
    # Per thread: the attempts that ended while that thread was in run_pending.
    _claiming: threading.local = attrs.field(factory=threading.local, init=False)

    def run_pending(self) -> list[Run]:
        """Heartbeat, then start every due run, in order; runs over their job's limit wait."""
        self.heartbeat()
        now = self.clock()
        started: list[Run] = []
        held: list[PendingRun] = []
        outer = getattr(self._claiming, "ended", None)  # a task may call run_pending
        ended: list[Attempt] = []
        self._claiming.ended = ended
        try:
            while begun := self._begin_next(now, ended, held):
                for each in begun:
                    run = each.run
                    if run is None:
                        continue
                    public = Run(run.job_id, each.job.name, run.occurrence, run.attempt, run.token)
                    started.append(public)
                    self.executor.submit(functools.partial(self._execute, run, each.job, public))
        finally:
            self._claiming.ended = outer
        return started

    def heartbeat(self) -> int:
        """Renew the lease of every run in flight, to the store's now plus the lease."""
        runs = self._in_flight.held()
        if not runs:
            return 0
        fallback = self.clock()
        with self.store.transaction():
            now = self.store.time(fallback)
            return self.store.renew(runs, now + self.lease)

    def wait_idle(self, timeout: timedelta) -> bool:
        """Wait (at most `timeout`) until no run is in flight; False if time ran out."""
        return self._in_flight.wait_idle(timeout)

    def _begin_next(
        self, now: datetime, ended: list[Attempt], held: list[PendingRun]
    ) -> list[lifecycle.Begin]:
        """Record `ended`, then claim and begin the next due runs; none when none is left.

        Runs over their job's concurrency limit go to `held`, and back to the queue once
        nothing else is due.
        """
        with self.store.transaction():
            outcomes = [self._record(attempt) for attempt in ended]
            at, now = now, self.store.time(now)
            begun: list[lifecycle.Begin] = []
            latest: dict[str, JobRecord] = {}  # a batch may hold two runs of one job
            while not begun:
                claims = self.store.claim_due(now, self.owner, now + self.lease, self.batch)
                if not claims:
                    for claimed in held:
                        self.store.release(claimed)
                    break
                for claimed, stored in claims:
                    job = latest.get(stored.id, stored)
                    if not self._in_flight.take(job.id, job.options.max_concurrent):
                        held.append(claimed)
                        continue
                    others = self.store.pending(job.id) - 1
                    step = lifecycle.begin(job, claimed, now, others=others, at=at)
                    self._apply_begin(claimed, step)
                    latest[job.id] = step.job
                    begun.append(step)
        ended.clear()
        for events in outcomes:
            self._announce(events)
        for step in begun:
            self._publish(step.events)
            if step.run is None:
                self._in_flight.free(step.job.id, None)
                self._in_flight.done()
            else:
                self._in_flight.hold(step.run)
        return begun

    def _apply_begin(self, claimed: PendingRun, begun: lifecycle.Begin) -> None:
        if begun.successor is not None:
            self.store.enqueue(begun.successor)
        if begun.run is None:
            self.store.finish(claimed)
        else:
            self.store.save_run(begun.run)
        self.store.update(begun.job)

    def _execute(self, run: PendingRun, job: JobRecord, public: Run) -> None:
        started = self.clock()
        error: Exception | None = None
        running = _running.set(public)
        try:
            task = self.registry.get(job.task) if isinstance(job.task, str) else job.task
            task()
        except Exception as exc:  # noqa: BLE001 - a failing job is recorded, never propagated
            error = exc
        finally:
            _running.reset(running)
        attempt = Attempt(run, started, self.clock(), error)
        ended = getattr(self._claiming, "ended", None)
        if ended is not None:
            ended.append(attempt)
            return
        with self.store.transaction():
            events = self._record(attempt)
        self._announce(events)

    def _record(self, attempt: Attempt) -> tuple[Event, ...]:
        """Apply what follows an ended run to the store (inside a transaction).

        The job is read first: every change of a job starts there, so two schedulers
        never wait on each other's rows in opposite orders.
        """
        run = attempt.run
        job = self.store.get(run.job_id)
        self._in_flight.free(job.id, run.id)
        if not self.store.finish(run):
            return (lifecycle.lose(attempt),)
        outcome = lifecycle.finish(
            job, attempt, others=self.store.pending(job.id), random=self.random
        )
        if outcome.retry is not None:
            self.store.enqueue(outcome.retry)
        if outcome.dead_letter is not None:
            self.store.add_dead_letter(outcome.dead_letter)
        self.store.update(outcome.job)
        return outcome.events

    def _announce(self, events: tuple[Event, ...]) -> None:
        self._publish(events)
        self._in_flight.done()

    def _publish(self, events: tuple[Event, ...]) -> None:
        for event in events:
            self.bus.publish(event)
