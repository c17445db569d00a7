from __future__ import annotations

import os
import signal
import sqlite3
import threading
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from job_scheduler import (
    Interval,
    JobStatus,
    PostgresJobStore,
    Scheduler,
    SqliteJobStore,
    TaskRegistry,
    WorkerPool,
)

from tests.job_scheduler.support import BOUND, MINUTE, LineProcess, ManualExecutor
from tests.support import START

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from datetime import datetime

    from tests.support import FakeClock

pytestmark = [
    pytest.mark.step(8),
    pytest.mark.spec(
        "Jobs run concurrently on worker threads, and several scheduler processes share one file."
    ),
]

PROCESS = Path(__file__).with_name("scheduler_process.py")


@pytest.fixture
def pool() -> Iterator[WorkerPool]:
    workers = WorkerPool(4)
    yield workers
    workers.shutdown()


@pytest.mark.spec(
    "WorkerPool(workers) is an Executor that runs work on a fixed pool of threads; shutdown() "
    "finishes the queued work and stops the threads.",
    "wait_idle(timeout: timedelta) -> bool waits until no run started by this scheduler is in "
    "flight, at most timeout (real time: a bound, never a way to synchronise); False if time ran "
    "out.",
)
def test_jobs_run_concurrently_on_the_worker_pool(clock: FakeClock, pool: WorkerPool) -> None:
    all_four = threading.Barrier(4, timeout=BOUND)
    scheduler = Scheduler(clock, executor=pool)
    jobs = [scheduler.schedule_at(START, all_four.wait, name=f"job-{n}") for n in range(4)]

    started = scheduler.run_pending()
    idle = scheduler.wait_idle(timedelta(seconds=BOUND))

    assert idle
    assert len(started) == 4
    assert [job.status for job in jobs] == [JobStatus.COMPLETED] * 4


@pytest.mark.spec(
    "With it, run_pending() returns as soon as it has handed the due runs over; runs finish on "
    "the workers.",
    "wait_idle(timeout: timedelta) -> bool waits until no run started by this scheduler is in "
    "flight, at most timeout (real time: a bound, never a way to synchronise); False if time ran "
    "out.",
    "Everything from the earlier steps holds with workers: the concurrency limit counts runs in "
    "flight on any thread, outcomes, retries, events and the store stay consistent, and two "
    "threads never run the same occurrence.",
)
def test_the_concurrency_limit_holds_across_worker_threads(
    clock: FakeClock, pool: WorkerPool
) -> None:
    release = threading.Event()
    lock = threading.Lock()
    running, most = [0], [0]

    def task() -> None:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        release.wait(BOUND)
        with lock:
            running[0] -= 1

    scheduler = Scheduler(clock, executor=pool)
    scheduler.schedule(task, Interval(MINUTE), max_concurrent=2)
    clock.advance(6 * MINUTE)

    first = scheduler.run_pending()
    while_busy = scheduler.run_pending()
    stuck = scheduler.wait_idle(timedelta(milliseconds=50))
    release.set()
    total = len(first)
    for _ in range(6):
        assert scheduler.wait_idle(timedelta(seconds=BOUND))
        total += len(scheduler.run_pending())
    assert scheduler.wait_idle(timedelta(seconds=BOUND))

    assert [len(first), len(while_busy), stuck] == [2, 0, False]
    assert total == 6
    assert most[0] == 2


@pytest.mark.spec(
    "Everything from the earlier steps holds with workers: the concurrency limit counts runs in "
    "flight on any thread, outcomes, retries, events and the store stay consistent, and two "
    "threads never run the same occurrence.",
)
def test_worker_threads_share_a_sqlite_store_safely(
    clock: FakeClock, pool: WorkerPool, tmp_path: Path
) -> None:
    done: Counter[str] = Counter()
    lock = threading.Lock()
    registry = TaskRegistry()
    for n in range(40):

        def record(label: str = f"job-{n}") -> None:
            with lock:
                done[label] += 1

        registry.register(f"job-{n}", record)
    store = SqliteJobStore(tmp_path / "jobs.sqlite")
    scheduler = Scheduler(clock, store=store, registry=registry, executor=pool)
    for n in range(40):
        scheduler.schedule_at(START + (n % 5) * MINUTE, f"job-{n}")

    for _ in range(5):
        scheduler.run_pending()
        clock.advance(MINUTE)
    assert scheduler.wait_idle(timedelta(seconds=BOUND))

    assert done == Counter({f"job-{n}": 1 for n in range(40)})
    assert [info.status for info in scheduler.jobs()] == [JobStatus.COMPLETED] * 40
    store.close()


class SharedStore:
    """The store the schedulers share: a SQLite file, or a PostgreSQL database."""

    def __init__(self, kind: str, request: pytest.FixtureRequest) -> None:
        self.kind = kind
        if kind == "sqlite":
            self.where = str(request.getfixturevalue("tmp_path") / "shared.sqlite")
        else:
            self.where = request.getfixturevalue("postgres_dsn")
        self.opened: list[SqliteJobStore | PostgresJobStore] = []

    def open(self, clock: Callable[[], datetime]) -> SqliteJobStore | PostgresJobStore:
        """One more store on it (PostgreSQL deciding time on `clock`, as SQLite does)."""
        if self.kind == "sqlite":
            self.opened.append(SqliteJobStore(self.where))
        else:
            self.opened.append(PostgresJobStore(self.where, clock=clock))
        return self.opened[-1]

    def logged(self) -> list[tuple[str, str, str]]:
        """The rows of the table `log` the child processes write."""
        if self.kind == "sqlite":
            with sqlite3.connect(self.where) as connection:
                return connection.execute("SELECT task, at, process FROM log").fetchall()
        import psycopg  # noqa: PLC0415 - only the PostgreSQL case needs it

        with psycopg.connect(self.where) as connection:
            return connection.execute("SELECT task, at, process FROM log").fetchall()

    def close(self) -> None:
        """Close every store opened on it."""
        for store in self.opened:
            store.close()


@pytest.fixture(params=["sqlite", "postgres"])
def shared_store(request: pytest.FixtureRequest) -> Iterator[SharedStore]:
    """Each store that schedulers in several processes may share."""
    store = SharedStore(request.param, request)
    yield store
    store.close()


def start_child(store: SharedStore, name: str, impl: Path, *, hang: bool = False) -> LineProcess:
    """A scheduler process on the shared store (with ``hang``, its task ``hang`` blocks)."""
    arguments = [store.kind, store.where, name, *(["--hang"] if hang else [])]
    return LineProcess(PROCESS, arguments, impl)


@pytest.fixture
def impl() -> Path:
    """The folder the tests import job_scheduler from, for the child processes."""
    import job_scheduler  # noqa: PLC0415 - resolved after --impl has set sys.path

    return Path(job_scheduler.__file__).resolve().parent.parent


@pytest.fixture
def children() -> Iterator[list[LineProcess]]:
    started: list[LineProcess] = []
    yield started
    for child in started:
        child.close()


def at(minutes: int) -> str:
    return (START + minutes * MINUTE).isoformat()


@pytest.fixture
def parent(shared_store: SharedStore) -> Scheduler:
    """The test's own scheduler on the shared store: it schedules, the children run."""
    registry = TaskRegistry()
    for name in [*(f"once-{n}" for n in range(60)), "every", "hang"]:
        registry.register(name, lambda: None)
    return Scheduler(lambda: START, store=shared_store.open(lambda: START), registry=registry)


@pytest.mark.spec(
    "Several scheduler processes may share one SQLite file.",
    "A process claims a due run with a lease (Scheduler(..., lease=timedelta(minutes=5)), the "
    "default): while the lease lasts no other process takes that run, so each occurrence runs "
    "exactly once while all the processes live.",
    "The tests' scheduler processes log each run to a table log that they add to the same file; "
    "your store leaves tables it did not create alone (so none of its own may be named log).",
)
def test_processes_sharing_a_file_run_each_occurrence_exactly_once(
    shared_store: SharedStore, impl: Path, children: list[LineProcess], parent: Scheduler
) -> None:
    once = [f"once-{n}" for n in range(60)]
    for n, name in enumerate(once):
        parent.schedule_at(START + (1 + n % 8) * MINUTE, name)
    parent.schedule("every", Interval(MINUTE))
    children.extend(start_child(shared_store, f"p{n}", impl) for n in range(3))

    for minute in range(1, 9):
        for child in children:
            child.send(f"tick {at(minute)}")
        answers = [child.expect() for child in children]
        assert all(answer.startswith("done") for answer in answers)
    for child in children:
        child.stop()

    runs = shared_store.logged()
    assert Counter(task for task, _, _ in runs if task != "every") == Counter(
        dict.fromkeys(once, 1)
    )
    assert sorted(when for task, when, _ in runs if task == "every") == [at(m) for m in range(1, 9)]


@pytest.mark.spec(
    "If a process dies mid-run (even by SIGKILL), its lease expires and another process runs the "
    "occurrence again: at least once, never lost.",
    "The next occurrence of a recurring job is queued exactly once, whichever process claims the "
    "run.",
    "The tests' scheduler processes log each run to a table log that they add to the same file; "
    "your store leaves tables it did not create alone (so none of its own may be named log).",
)
def test_a_run_of_a_killed_process_is_run_by_another_once_its_lease_expires(
    shared_store: SharedStore, impl: Path, children: list[LineProcess], parent: Scheduler
) -> None:
    parent.schedule("hang", Interval(10 * MINUTE, start=START + MINUTE))
    parent.schedule("every", Interval(MINUTE, start=START + 2 * MINUTE))
    doomed = start_child(shared_store, "doomed", impl, hang=True)
    survivor = start_child(shared_store, "survivor", impl)
    children.extend([doomed, survivor])

    doomed.send(f"start {at(1)}")
    assert sorted([doomed.expect(), doomed.expect()]) == ["running hang", "started 1"]
    os.kill(doomed.process.pid, signal.SIGKILL)
    doomed.process.wait(timeout=BOUND)
    answers = []
    moments = [START + 90 * timedelta(seconds=1), *(START + m * MINUTE for m in range(2, 14))]
    for moment in moments:
        survivor.send(f"tick {moment.isoformat()}")
        answers.append(survivor.expect())
    survivor.stop()

    assert doomed.process.returncode == -signal.SIGKILL
    assert answers[:3] == ["done 0", "done 2", "done 1"]
    runs = shared_store.logged()
    assert sorted(run for run in runs if run[0] == "hang") == [
        ("hang", at(2), "survivor"),
        ("hang", at(11), "survivor"),
    ]
    assert sorted(when for task, when, _ in runs if task == "every") == [
        at(m) for m in range(2, 14)
    ]


@pytest.mark.spec(
    "WorkerPool(workers) is an Executor that runs work on a fixed pool of threads; shutdown() "
    "finishes the queued work and stops the threads.",
)
def test_shutting_the_pool_down_finishes_the_queued_work_and_stops_the_threads() -> None:
    pool = WorkerPool(2)
    lock = threading.Lock()
    threads: set[threading.Thread] = set()
    done: list[int] = []

    def work(number: int) -> Callable[[], None]:
        def run() -> None:
            with lock:
                threads.add(threading.current_thread())
                done.append(number)

        return run

    for number in range(8):
        pool.submit(work(number))
    pool.shutdown()

    assert sorted(done) == list(range(8))
    assert threading.current_thread() not in threads
    assert 1 <= len(threads) <= 2
    assert not any(thread.is_alive() for thread in threads)


class Shared:
    """Two schedulers in this process on one shared store, as two processes would be."""

    def __init__(self, store: SharedStore, clock: FakeClock) -> None:
        self.runs: list[tuple[str, object]] = []
        self.stores = [store.open(clock), store.open(clock)]
        self.held = ManualExecutor()

        def every() -> None:
            self.runs.append(("every", clock()))

        registry = TaskRegistry()
        registry.register("every", every)
        self.slow = Scheduler(
            clock, store=self.stores[0], registry=registry, executor=self.held, lease=MINUTE
        )
        self.other = Scheduler(clock, store=self.stores[1], registry=registry, lease=MINUTE)


@pytest.fixture
def shared(shared_store: SharedStore, clock: FakeClock) -> Shared:
    return Shared(shared_store, clock)


@pytest.mark.spec(
    "A process claims a due run with a lease (Scheduler(..., lease=timedelta(minutes=5)), the "
    "default): while the lease lasts no other process takes that run, so each occurrence runs "
    "exactly once while all the processes live.",
    "The lease is measured on the scheduler's clock, so it must be longer than the longest run; a "
    "process that is merely slow past its lease may see its run repeated elsewhere.",
    "The next occurrence of a recurring job is queued exactly once, whichever process claims the "
    "run.",
)
def test_a_run_past_its_lease_is_run_again_elsewhere_and_its_successor_is_queued_once(
    shared: Shared, clock: FakeClock
) -> None:
    job = shared.slow.schedule("every", Interval(10 * MINUTE))
    clock.advance(10 * MINUTE)
    claimed = shared.slow.run_pending()

    clock.advance(MINUTE // 2)
    while_leased = shared.other.run_pending()
    clock.advance(MINUTE // 2)
    after_the_lease = shared.other.run_pending()
    shared.held.finish_all()
    clock.advance(9 * MINUTE)
    next_runs = shared.other.run_pending() + shared.slow.run_pending()
    shared.held.finish_all()

    assert [run.occurrence for run in claimed] == [START + 10 * MINUTE]
    assert while_leased == []
    assert [run.occurrence for run in after_the_lease] == [START + 10 * MINUTE]
    assert [run.occurrence for run in next_runs] == [START + 20 * MINUTE]
    assert shared.other.info(job.id).next_run == START + 30 * MINUTE
    assert shared.runs == [
        ("every", START + 11 * MINUTE),
        ("every", START + 11 * MINUTE),
        ("every", START + 20 * MINUTE),
    ]


@pytest.mark.spec("The concurrency limit (max_concurrent) is per scheduler process.")
def test_the_concurrency_limit_is_per_scheduler_process(shared: Shared, clock: FakeClock) -> None:
    shared.slow.schedule("every", Interval(MINUTE), max_concurrent=1)
    clock.advance(3 * MINUTE)

    first = shared.slow.run_pending()
    elsewhere = shared.other.run_pending()
    shared.held.finish_all()

    assert [run.occurrence for run in first] == [START + MINUTE]
    assert [run.occurrence for run in elsewhere] == [START + 2 * MINUTE, START + 3 * MINUTE]


@pytest.mark.spec(
    "A process claims a due run with a lease (Scheduler(..., lease=timedelta(minutes=5)), "
    "the default): while the lease lasts no other process takes that run, so each "
    "occurrence runs exactly once while all the processes live."
)
def test_the_default_lease_lasts_five_minutes(shared_store: SharedStore, clock: FakeClock) -> None:
    registry = TaskRegistry()
    registry.register("once", lambda: None)
    stores = [shared_store.open(clock), shared_store.open(clock)]
    held = ManualExecutor()
    claimer = Scheduler(clock, store=stores[0], registry=registry, executor=held)
    other = Scheduler(clock, store=stores[1], registry=registry)
    claimer.schedule_at(START, "once")
    claimer.run_pending()

    clock.advance(5 * MINUTE - timedelta(microseconds=1))
    within = other.run_pending()
    clock.advance(timedelta(microseconds=1))
    after = other.run_pending()
    held.finish_all()

    assert within == []
    assert [run.occurrence for run in after] == [START]
