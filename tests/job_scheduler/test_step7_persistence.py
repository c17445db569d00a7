from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import attrs
import pytest
from job_scheduler import (
    At,
    CorruptJobError,
    Cron,
    DeadLetter,
    Event,
    EventKind,
    ExponentialBackoff,
    FixedDelay,
    InMemoryJobStore,
    Interval,
    InvalidValueError,
    JobOptions,
    JobStatus,
    Misfire,
    PostgresJobStore,
    Scheduler,
    SqliteJobStore,
    TaskRegistry,
    UnknownJobError,
    UnknownTaskError,
    UnstorableJobError,
)

from tests.job_scheduler.postgres import corrupt_job
from tests.job_scheduler.support import MINUTE
from tests.support import START

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from job_scheduler import JobStore

    from tests.job_scheduler.support import ManualExecutor
    from tests.support import FakeClock

pytestmark = [
    pytest.mark.step(7),
    pytest.mark.spec(
        "Jobs live in a store behind one interface, so a scheduler can stop and another carry on."
    ),
]


class Log:
    """Tasks that record (task name, clock time) for every run, in a registry."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.runs: list[tuple[str, datetime]] = []
        self.failures_left = 0

    def registry(self, *names: str) -> TaskRegistry:
        """A registry with one recording task per name."""
        registry = TaskRegistry()
        for name in names:
            registry.register(name, self._task(name))
        return registry

    def _task(self, name: str) -> Callable[[], None]:
        def run() -> None:
            self.runs.append((name, self.clock()))
            if name == "slow":
                self.clock.advance(2 * MINUTE)
            if name == "flaky" and self.failures_left > 0:
                self.failures_left -= 1
                raise ConnectionError("try again")

        return run


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "jobs.sqlite"


@pytest.fixture
def open_store(database: Path) -> Iterator[Callable[[], SqliteJobStore]]:
    """Opens stores on the test's file and closes them all at the end."""
    opened: list[SqliteJobStore] = []

    def open_one() -> SqliteJobStore:
        opened.append(SqliteJobStore(database))
        return opened[-1]

    yield open_one
    for store in opened:
        store.close()


class Backend:
    """A persistent store the test reopens: the SQLite file or the PostgreSQL database."""

    def __init__(self, kind: str, request: pytest.FixtureRequest, clock: FakeClock) -> None:
        self.kind = kind
        self.opened: list[SqliteJobStore | PostgresJobStore] = []
        self._clock = clock
        if kind == "sqlite":
            self._database: Path = request.getfixturevalue("database")
        else:
            self._dsn: str = request.getfixturevalue("postgres_dsn")

    def open(self) -> SqliteJobStore | PostgresJobStore:
        """A new store on the same file or database (PostgreSQL on the test's clock)."""
        if self.kind == "sqlite":
            self.opened.append(SqliteJobStore(self._database))
        else:
            self.opened.append(PostgresJobStore(self._dsn, clock=self._clock))
        return self.opened[-1]

    def corrupt(self, job_id: str) -> None:
        """Overwrite every text value of the job's row in `jobs`, except its id."""
        if self.kind == "sqlite":
            corrupt(self._database, job_id)
        else:
            corrupt_job(self._dsn, job_id, CORRUPT)


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, clock: FakeClock) -> Iterator[Backend]:
    """Each persistent store; each store the test opens is closed at the end."""
    opened = Backend(request.param, request, clock)
    yield opened
    for store in opened.opened:
        store.close()


def tick(scheduler: Scheduler, clock: FakeClock, step: timedelta, times: int) -> None:
    for _ in range(times):
        clock.advance(step)
        scheduler.run_pending()


@pytest.mark.spec(
    "An unknown name raises UnknownTaskError (a LookupError) naming it and listing the known "
    "names; registering a name again for a different task raises ValueError naming it.",
    "UnknownTaskError | LookupError | no task is registered under the name; lists the known ones "
    "(step 7)",
)
def test_an_unknown_task_name_fails_loudly_listing_the_known_ones() -> None:
    registry = TaskRegistry()
    registry.register("send_report", lambda: None)
    registry.register("backup", lambda: None)

    with pytest.raises(UnknownTaskError, match=r"'sned_report'.*backup, send_report") as raised:
        registry.get("sned_report")

    assert isinstance(raised.value, LookupError)


@pytest.mark.spec(
    "Callables cannot be stored, so tasks are registered by name: TaskRegistry(), "
    "registry.register(name, task) or the decorator @registry.task(name), and registry.get(name).",
    "An unknown name raises UnknownTaskError (a LookupError) naming it and listing the known "
    "names; registering a name again for a different task raises ValueError naming it.",
    "a task name already taken",
)
def test_a_name_cannot_be_registered_twice_for_different_tasks() -> None:
    registry = TaskRegistry()
    task = registry.task("backup")(lambda: None)
    found = registry.get("backup")
    registry.register("backup", task)

    with pytest.raises(ValueError, match="backup") as raised:
        registry.register("backup", lambda: None)

    assert isinstance(raised.value, InvalidValueError)
    assert found is task
    assert registry.get("backup") is task


@pytest.mark.spec(
    'schedule("name", trigger) accepts a registered name wherever a task is expected (in any '
    "store), and refuses an unknown one with UnknownTaskError; such a job is named after the task "
    "unless given a name.",
)
@pytest.mark.parametrize(
    "registry", [TaskRegistry, lambda: None], ids=["empty registry", "no registry"]
)
def test_scheduling_an_unregistered_task_name_is_refused(
    clock: FakeClock, registry: Callable[[], TaskRegistry | None]
) -> None:
    scheduler = Scheduler(clock, registry=registry())

    with pytest.raises(UnknownTaskError, match="nightly"):
        scheduler.schedule_after(MINUTE, "nightly")

    assert scheduler.jobs() == []


@pytest.mark.spec(
    'schedule("name", trigger) accepts a registered name wherever a task is expected (in any '
    "store), and refuses an unknown one with UnknownTaskError; such a job is named after the task "
    "unless given a name.",
)
def test_a_job_scheduled_by_task_name_is_named_after_the_task(clock: FakeClock) -> None:
    registry = TaskRegistry()
    registry.register("backup", lambda: None)
    scheduler = Scheduler(clock, registry=registry)

    job = scheduler.schedule_after(MINUTE, "backup")

    assert job.info.name == "backup"


@pytest.mark.spec(
    "SqliteJobStore(path) keeps jobs, queued runs and dead letters in one SQLite file (the "
    "standard library's sqlite3) in WAL mode; close() closes it.",
)
def test_the_sqlite_store_keeps_its_file_in_wal_mode(
    open_store: Callable[[], SqliteJobStore], database: Path
) -> None:
    open_store()

    with sqlite3.connect(database) as connection:
        (mode,) = connection.execute("PRAGMA journal_mode").fetchone()

    assert mode == "wal"


@pytest.mark.spec(
    "The SQLite store refuses, with UnstorableJobError (a TypeError), what it cannot write down: "
    "a bare callable, a trigger other than At, Interval and Cron, a retry policy other than the "
    "three built-in ones.",
    "Nothing is stored then.",
    "UnstorableJobError | TypeError | the store cannot write the job down (step 7)",
)
@pytest.mark.parametrize(
    ("task", "trigger_or_retry", "expected"),
    [
        (lambda: None, {}, "lambda"),
        ("known", {"trigger": object()}, "Custom"),
        ("known", {"retry": object()}, "CustomRetry"),
    ],
    ids=["callable", "custom trigger", "custom retry policy"],
)
def test_what_cannot_be_stored_is_refused_naming_it_when_scheduled(
    clock: FakeClock,
    backend: Backend,
    task: object,
    trigger_or_retry: dict[str, object],
    expected: str,
) -> None:
    registry = TaskRegistry()
    registry.register("known", lambda: None)
    scheduler = Scheduler(clock, store=backend.open(), registry=registry)

    class Custom:
        def first_fire(self, now: datetime) -> datetime:
            return now

        def next_fire(self, previous: datetime) -> None:  # noqa: ARG002 - fires once
            return None

    class CustomRetry:
        def delay(self, failed_attempts: int, random: object) -> None:  # noqa: ARG002 - gives up
            return None

    trigger = Custom() if "trigger" in trigger_or_retry else Interval(MINUTE)
    retry = CustomRetry() if "retry" in trigger_or_retry else FixedDelay(MINUTE)
    with pytest.raises(UnstorableJobError, match=expected) as raised:
        scheduler.schedule(task, trigger, retry=retry)  # type: ignore[arg-type]  # any task

    assert isinstance(raised.value, TypeError)
    assert scheduler.jobs() == []


@pytest.mark.spec(
    "Stopping a scheduler and starting a new one on the same file continues every schedule: no "
    "occurrence is lost, none runs twice.",
    "Everything the scheduler knows survives: statuses (a paused job is still paused), runs, "
    "last_error, retries waiting for their delay, dead letters.",
)
def test_a_new_scheduler_on_the_same_file_continues_every_schedule_with_nothing_lost_or_repeated(
    clock: FakeClock, backend: Backend
) -> None:
    log = Log(clock)
    names = ("every_ten", "hourly", "once", "flaky", "paused")
    first = Scheduler(clock, store=backend.open(), registry=log.registry(*names))
    first.schedule("every_ten", Interval(10 * MINUTE), priority=1)
    first.schedule("hourly", Cron("0 * * * *"), misfire=Misfire.RUN_ONCE)
    first.schedule_at(START + 95 * MINUTE, "once")
    log.failures_left = 2
    first.schedule_at(START + 55 * MINUTE, "flaky", retry=FixedDelay(20 * MINUTE, attempts=3))
    paused = first.schedule("paused", Interval(MINUTE))
    first.pause(paused.id)
    tick(first, clock, 5 * MINUTE, 12)

    second = Scheduler(clock, store=backend.open(), registry=log.registry(*names))
    tick(second, clock, 5 * MINUTE, 12)

    assert Counter(log.runs).most_common(1)[0][1] == 1
    assert [at for name, at in log.runs if name == "every_ten"] == [
        START + k * 10 * MINUTE for k in range(1, 13)
    ]
    assert [at for name, at in log.runs if name == "hourly"] == [
        START + 60 * MINUTE,
        START + 120 * MINUTE,
    ]
    assert [at for name, at in log.runs if name == "once"] == [START + 95 * MINUTE]
    assert [at for name, at in log.runs if name == "flaky"] == [
        START + 55 * MINUTE,
        START + 75 * MINUTE,
        START + 95 * MINUTE,
    ]
    assert [name for name, _ in log.runs if name == "paused"] == []
    assert second.info(paused.id).status is JobStatus.PAUSED
    assert [info.status for info in second.jobs()] == [
        JobStatus.SCHEDULED,
        JobStatus.SCHEDULED,
        JobStatus.COMPLETED,
        JobStatus.COMPLETED,
        JobStatus.PAUSED,
    ]


@pytest.mark.spec(
    "Stopping a scheduler and starting a new one on the same file continues every schedule: no "
    "occurrence is lost, none runs twice.",
    "Everything the scheduler knows survives: statuses (a paused job is still paused), runs, "
    "last_error, retries waiting for their delay, dead letters.",
)
def test_a_restart_keeps_every_jobs_trigger_and_options(clock: FakeClock, backend: Backend) -> None:
    log = Log(clock)
    names = ("every_ten", "hourly", "once", "slow")
    first = Scheduler(clock, store=backend.open(), registry=log.registry(*names))
    every_ten = Interval(10 * MINUTE, start=START + 5 * MINUTE)
    first.schedule("every_ten", every_ten, until=START + 26 * MINUTE)
    first.schedule("hourly", Cron("0 * * * *"))
    first.schedule_at(START + 3 * MINUTE, "once")
    slow = first.schedule_at(START + MINUTE, "slow", timeout=MINUTE)

    second = Scheduler(clock, store=backend.open(), registry=log.registry(*names))
    triggers = [info.trigger for info in second.jobs()]
    tick(second, clock, MINUTE, 40)

    assert triggers == [every_ten, Cron("0 * * * *"), At(START + 3 * MINUTE), At(START + MINUTE)]
    assert [at for name, at in log.runs if name == "every_ten"] == [
        START + 5 * MINUTE,
        START + 15 * MINUTE,
        START + 25 * MINUTE,
    ]
    assert (second.info(slow.id).last_error or "").startswith("JobTimeoutError")


@pytest.mark.spec(
    "Everything the scheduler knows survives: statuses (a paused job is still paused), runs, "
    "last_error, retries waiting for their delay, dead letters.",
)
@pytest.mark.parametrize(
    "make_options",
    [
        JobOptions,
        lambda: JobOptions(
            priority=3,
            max_concurrent=2,
            retry=ExponentialBackoff(
                initial=MINUTE, cap=10 * MINUTE, attempts=7, multiplier=3.0, jitter=0.25
            ),
            timeout=5 * MINUTE,
            misfire=Misfire.SKIP,
            grace=timedelta(seconds=30),
            until=START + timedelta(days=1),
            max_runs=9,
        ),
        lambda: JobOptions(
            priority=-1, retry=FixedDelay(MINUTE, attempts=4), misfire=Misfire.RUN_ONCE
        ),
    ],
    ids=["defaults", "everything", "fixed delay"],
)
def test_a_restart_keeps_every_option_of_a_job(
    clock: FakeClock,
    backend: Backend,
    make_options: Callable[[], JobOptions],
) -> None:
    options = make_options()
    registry = Log(clock).registry("task")
    first = Scheduler(clock, store=backend.open(), registry=registry)
    job = first.schedule("task", Interval(MINUTE), **attrs.asdict(options, recurse=False))

    second = Scheduler(clock, store=backend.open(), registry=registry)
    info = second.info(job.id)

    assert info.options == options
    assert (info.last_error, info.status, info.runs) == (None, JobStatus.SCHEDULED, 0)


@pytest.mark.spec(
    "Everything the scheduler knows survives: statuses (a paused job is still paused), runs, "
    "last_error, retries waiting for their delay, dead letters.",
)
def test_dead_letters_and_last_errors_survive_a_restart(clock: FakeClock, backend: Backend) -> None:
    log = Log(clock)
    first = Scheduler(clock, store=backend.open(), registry=log.registry("flaky"))
    log.failures_left = 1
    job = first.schedule_at(START, "flaky")
    first.run_pending()

    second = Scheduler(clock, store=backend.open(), registry=log.registry("flaky"))

    assert second.dead_letters() == [DeadLetter(job.id, START, 1, "ConnectionError: try again")]
    info = second.info(job.id)
    assert (info.status, info.last_error, info.runs) == (
        JobStatus.FAILED,
        "ConnectionError: try again",
        1,
    )


@pytest.mark.spec(
    "A stored job whose task is no longer registered fails each run with UnknownTaskError (so it "
    "is retried or dead-lettered like any failure).",
)
def test_a_stored_job_whose_task_is_unknown_fails_and_the_others_continue(
    clock: FakeClock, backend: Backend
) -> None:
    log = Log(clock)
    first = Scheduler(clock, store=backend.open(), registry=log.registry("retired", "kept"))
    retired = first.schedule("retired", Interval(MINUTE))
    first.schedule("kept", Interval(MINUTE))

    second = Scheduler(clock, store=backend.open(), registry=log.registry("kept"))
    tick(second, clock, MINUTE, 2)

    assert [name for name, _ in log.runs] == ["kept", "kept"]
    assert [letter.error.split(":")[0] for letter in second.dead_letters()] == [
        "UnknownTaskError",
        "UnknownTaskError",
    ]
    assert "retired" in (second.info(retired.id).last_error or "")


CORRUPT = "{not json"


def corrupt(database: Path, job_id: str) -> None:
    """Overwrite every text value of the job's row in `jobs`, except its id, as the spec says."""
    with sqlite3.connect(database) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(jobs)")]
        texts = [
            column
            for column in columns
            if column != "id"
            and connection.execute(
                f'SELECT typeof("{column}") FROM jobs WHERE id = ?',  # noqa: S608 - names from the schema
                (job_id,),
            ).fetchone()[0]
            == "text"
        ]
        for column in texts:
            connection.execute(
                f'UPDATE jobs SET "{column}" = ? WHERE id = ?',  # noqa: S608 - names from the schema
                (CORRUPT, job_id),
            )


@pytest.mark.spec(
    "A job whose row cannot be read back (corrupt JSON, a trigger type nobody knows) is set aside "
    "when its run comes up: broken_jobs() lists BrokenJob(job_id, reason) (the reason names the "
    "job's id), its status is BROKEN (job.status on its handle says so), info() on it raises "
    "CorruptJobError (a ValueError) naming the id, jobs() leaves it out, and every other job "
    "carries on.",
    "The schema of the file is yours, except for what the tests read and write: a table jobs with "
    "one row per job, whose column id holds the job's id.",
    "To corrupt a job, a test overwrites every text value in its row, except the id, with the "
    "text {not json; your store must find that row unreadable.",
    "(So keep at least one part of the job, such as its trigger, as text that your store parses "
    "when it reads the row.)",
    "CorruptJobError | ValueError | a stored job cannot be read back (step 7)",
)
def test_a_corrupt_row_is_reported_for_that_job_and_the_others_continue(
    clock: FakeClock, backend: Backend
) -> None:
    log = Log(clock)
    registry = log.registry("broken", "kept")
    first = Scheduler(clock, store=backend.open(), registry=registry)
    broken = first.schedule("broken", Interval(MINUTE))
    first.schedule("kept", Interval(MINUTE))
    backend.corrupt(broken.id)

    second = Scheduler(clock, store=backend.open(), registry=registry)
    clock.advance(MINUTE)
    first_tick = [run.job_name for run in second.run_pending()]
    tick(second, clock, MINUTE, 1)

    assert first_tick == ["kept"]
    assert [name for name, _ in log.runs] == ["kept", "kept"]
    assert [job.job_id for job in second.broken_jobs()] == [broken.id]
    assert broken.id in second.broken_jobs()[0].reason
    with pytest.raises(CorruptJobError, match=broken.id) as raised:
        second.info(broken.id)
    assert isinstance(raised.value, ValueError)
    assert [info.name for info in second.jobs()] == ["kept"]


@pytest.mark.spec(
    "A job whose row cannot be read back (corrupt JSON, a trigger type nobody knows) is set aside "
    "when its run comes up: broken_jobs() lists BrokenJob(job_id, reason) (the reason names the "
    "job's id), its status is BROKEN (job.status on its handle says so), info() on it raises "
    "CorruptJobError (a ValueError) naming the id, jobs() leaves it out, and every other job "
    "carries on.",
    "To corrupt a job, a test overwrites every text value in its row, except the id, with the "
    "text {not json; your store must find that row unreadable.",
    "SCHEDULED, PAUSED, COMPLETED, FAILED, CANCELLED, BROKEN",
)
def test_a_broken_jobs_handle_says_it_is_broken(clock: FakeClock, backend: Backend) -> None:
    log = Log(clock)
    scheduler = Scheduler(clock, store=backend.open(), registry=log.registry("broken", "kept"))
    broken = scheduler.schedule("broken", Interval(MINUTE))
    kept = scheduler.schedule("kept", Interval(MINUTE))
    backend.corrupt(broken.id)

    clock.advance(MINUTE)
    ran = scheduler.run_pending()

    assert [run.job_id for run in ran] == [kept.id]
    assert broken.status is JobStatus.BROKEN
    assert kept.status is JobStatus.SCHEDULED
    assert [job.job_id for job in scheduler.broken_jobs()] == [broken.id]


@pytest.mark.spec(
    "SqliteJobStore(path) keeps jobs, queued runs and dead letters in one SQLite file (the "
    "standard library's sqlite3) in WAL mode; close() closes it.",
)
def test_closing_the_sqlite_store_closes_its_file(clock: FakeClock, database: Path) -> None:
    store = SqliteJobStore(database)
    registry = Log(clock).registry("task")
    job = Scheduler(clock, store=store, registry=registry).schedule("task", Interval(MINUTE))
    wal = database.with_name(database.name + "-wal")
    open_while_in_use = wal.exists()

    store.close()

    assert open_while_in_use
    assert not wal.exists()
    again = SqliteJobStore(database)
    try:
        assert Scheduler(clock, store=again, registry=registry).info(job.id).runs == 0
    finally:
        again.close()


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def store(request: pytest.FixtureRequest, clock: FakeClock) -> Iterator[JobStore]:
    """Every store, for behaviour that must not depend on the store."""
    if request.param == "memory":
        yield InMemoryJobStore()
        return
    persistent = Backend(request.param, request, clock)
    yield persistent.open()
    for opened in persistent.opened:
        opened.close()


@pytest.mark.spec(
    "Scheduler(clock, , store=None, registry=None): store is a JobStore, by default an "
    "InMemoryJobStore().",
    "JobStore is the interface you design: the tests build only the stores this spec names and "
    "pass them in, and the in-memory store and the SQLite store behave the same in every step.",
    "So does step 9's PostgresJobStore: where PostgreSQL is there, the tests of every earlier "
    "step build it too.",
)
def test_both_stores_order_runs_by_due_time_then_priority_then_scheduling_order(
    clock: FakeClock, store: JobStore
) -> None:
    log = Log(clock)
    scheduler = Scheduler(clock, store=store, registry=log.registry("a", "b", "c", "d"))
    scheduler.schedule_at(START + 2 * MINUTE, "d")
    scheduler.schedule_at(START + MINUTE, "b")
    scheduler.schedule_at(START + MINUTE, "c")
    scheduler.schedule_at(START + MINUTE, "a", priority=3)

    clock.advance(5 * MINUTE)
    ran = scheduler.run_pending()

    assert [run.job_name for run in ran] == ["a", "b", "c", "d"]
    assert [info.status for info in scheduler.jobs()] == [JobStatus.COMPLETED] * 4
    assert scheduler.broken_jobs() == []
    with pytest.raises(UnknownJobError, match="missing"):
        scheduler.info("missing")


@pytest.mark.spec(
    "JobStore is the interface you design: the tests build only the stores this spec names and "
    "pass them in, and the in-memory store and the SQLite store behave the same in every step.",
    "So does step 9's PostgresJobStore: where PostgreSQL is there, the tests of every earlier "
    "step build it too.",
)
def test_every_store_orders_the_runs_of_one_claim_with_an_executor_that_holds_them(
    clock: FakeClock, store: JobStore, manual_executor: ManualExecutor
) -> None:
    """Step 3's order (due time, then priority, then scheduling order) within one claim.

    An executor that holds its runs lets a store claim many at once, so the store, not one
    claim per run, decides their order.
    """
    log = Log(clock)
    names = ("x", "b", "c", "e", "f", "g", "d", "a")
    scheduler = Scheduler(
        clock, store=store, registry=log.registry(*names), executor=manual_executor
    )
    scheduler.schedule("x", Interval(MINUTE))  # its second run is queued after the others
    for name in ("b", "c", "e", "f", "g"):
        scheduler.schedule_at(START + 2 * MINUTE, name)
    scheduler.schedule_at(START + MINUTE + MINUTE / 2, "d")  # scheduled late, due early
    scheduler.schedule_at(START + 2 * MINUTE, "a", priority=3)
    clock.advance(MINUTE)
    first = scheduler.run_pending()
    manual_executor.finish_all()

    clock.advance(MINUTE)
    ran = scheduler.run_pending()

    assert [run.job_name for run in first] == ["x"]
    assert [run.job_name for run in ran] == ["d", "a", "x", "b", "c", "e", "f", "g"]


@pytest.mark.spec(
    "JobStore is the interface you design: the tests build only the stores this spec names and "
    "pass them in, and the in-memory store and the SQLite store behave the same in every step.",
    "So does step 9's PostgresJobStore: where PostgreSQL is there, the tests of every earlier "
    "step build it too.",
)
def test_every_store_counts_a_retry_and_the_next_occurrence_due_at_one_instant(
    clock: FakeClock, store: JobStore, manual_executor: ManualExecutor
) -> None:
    """Two runs of one job due together, with an executor that lets one claim take both.

    The first run fails and its retry falls due a minute later, with the next occurrence;
    both start, and only the occurrence adds to the runs counted.
    """
    log = Log(clock)
    log.failures_left = 1
    scheduler = Scheduler(
        clock, store=store, registry=log.registry("flaky"), executor=manual_executor
    )
    job = scheduler.schedule(
        "flaky", Interval(MINUTE), retry=FixedDelay(MINUTE, attempts=2), max_concurrent=2
    )
    clock.advance(MINUTE)
    scheduler.run_pending()
    manual_executor.finish_all()

    occurrence = clock.advance(MINUTE)
    ran = scheduler.run_pending()
    manual_executor.finish_all()

    assert sorted((run.occurrence, run.attempt) for run in ran) == [
        (occurrence - MINUTE, 2),
        (occurrence, 1),
    ]
    assert (job.info.runs, job.status) == (2, JobStatus.SCHEDULED)
    assert len(log.runs) == 3


@pytest.mark.spec(
    "JobStore is the interface you design: the tests build only the stores this spec names and "
    "pass them in, and the in-memory store and the SQLite store behave the same in every step.",
    "So does step 9's PostgresJobStore: where PostgreSQL is there, the tests of every earlier "
    "step build it too.",
)
def test_every_store_starts_the_runs_claimed_behind_a_skipped_occurrence(
    clock: FakeClock, store: JobStore, manual_executor: ManualExecutor
) -> None:
    """A late occurrence skipped ahead of a due run, in one claim (the executor holds runs)."""
    log = Log(clock)
    scheduler = Scheduler(
        clock, store=store, registry=log.registry("poll", "report"), executor=manual_executor
    )
    scheduler.schedule("poll", Interval(MINUTE), misfire=Misfire.SKIP)
    scheduler.schedule_at(START + MINUTE + MINUTE / 6, "report")
    clock.advance(MINUTE + MINUTE / 2)

    ran = scheduler.run_pending()
    manual_executor.finish_all()

    assert [run.job_name for run in ran] == ["report"]
    assert log.runs == [("report", START + MINUTE + MINUTE / 2)]


@pytest.mark.spec(
    "JobStore is the interface you design: the tests build only the stores this spec names and "
    "pass them in, and the in-memory store and the SQLite store behave the same in every step.",
)
def test_both_stores_hold_back_runs_over_the_concurrency_limit(
    clock: FakeClock, store: JobStore, manual_executor: ManualExecutor
) -> None:
    log = Log(clock)
    scheduler = Scheduler(
        clock, store=store, registry=log.registry("slow"), executor=manual_executor
    )
    scheduler.schedule("slow", Interval(MINUTE), max_concurrent=1)
    clock.advance(2 * MINUTE)

    first = scheduler.run_pending()
    while_busy = scheduler.run_pending()
    manual_executor.finish_all()
    after = scheduler.run_pending()

    assert [run.occurrence for run in first] == [START + MINUTE]
    assert while_busy == []
    assert [run.occurrence for run in after] == [START + 2 * MINUTE]


@pytest.mark.spec(
    "JobStore is the interface you design: the tests build only the stores this spec names and "
    "pass them in, and the in-memory store and the SQLite store behave the same in every step.",
)
def test_both_stores_pause_resume_cancel_and_retry_alike(clock: FakeClock, store: JobStore) -> None:
    log = Log(clock)
    scheduler = Scheduler(clock, store=store, registry=log.registry("flaky", "cancelled"))
    log.failures_left = 1
    backoff = ExponentialBackoff(initial=MINUTE // 2, cap=MINUTE, attempts=3)
    flaky = scheduler.schedule("flaky", Interval(MINUTE), retry=backoff)
    cancelled = scheduler.schedule("cancelled", Interval(MINUTE))
    scheduler.pause(flaky.id)
    cancelled.cancel()

    tick(scheduler, clock, MINUTE // 2, 2)
    scheduler.resume(flaky.id)
    scheduler.run_pending()
    tick(scheduler, clock, MINUTE // 2, 3)

    assert [(name, at - START) for name, at in log.runs] == [
        ("flaky", MINUTE),
        ("flaky", MINUTE + MINUTE // 2),
        ("flaky", 2 * MINUTE),
    ]
    assert flaky.info.next_run == START + 3 * MINUTE
    assert cancelled.status is JobStatus.CANCELLED


@pytest.mark.spec(
    "JobStore is the interface you design: the tests build only the stores this spec names and "
    "pass them in, and the in-memory store and the SQLite store behave the same in every "
    "step."
)
def test_both_stores_list_dead_letters_oldest_first(clock: FakeClock, store: JobStore) -> None:
    log = Log(clock)
    log.failures_left = 4
    scheduler = Scheduler(clock, store=store, registry=log.registry("flaky"))
    later = scheduler.schedule_at(START + MINUTE, "flaky")
    retried = scheduler.schedule_at(START, "flaky", retry=FixedDelay(2 * MINUTE, attempts=2))
    first = scheduler.schedule_at(START, "flaky", priority=1)

    tick(scheduler, clock, MINUTE, 3)

    assert [letter.job_id for letter in scheduler.dead_letters()] == [
        first.id,
        later.id,
        retried.id,
    ]


SAME_IN_EVERY_STEP = (
    "JobStore is the interface you design: the tests build only the stores this spec names and "
    "pass them in, and the in-memory store and the SQLite store behave the same in every step."
)


@pytest.mark.spec(SAME_IN_EVERY_STEP)
def test_every_store_runs_cron_and_interval_jobs_at_their_fire_times(
    clock: FakeClock, store: JobStore
) -> None:
    log = Log(clock)
    scheduler = Scheduler(clock, store=store, registry=log.registry("quarterly", "every_20"))
    scheduler.schedule("quarterly", Cron("*/15 * * * *"))
    scheduler.schedule("every_20", Interval(20 * MINUTE, start=START + 5 * MINUTE))

    tick(scheduler, clock, 5 * MINUTE, 13)

    assert [at - START for name, at in log.runs if name == "quarterly"] == [
        15 * MINUTE,
        30 * MINUTE,
        45 * MINUTE,
        60 * MINUTE,
    ]
    assert [at - START for name, at in log.runs if name == "every_20"] == [
        5 * MINUTE,
        25 * MINUTE,
        45 * MINUTE,
        65 * MINUTE,
    ]


@pytest.mark.spec(SAME_IN_EVERY_STEP)
def test_every_store_backs_off_between_retries_then_dead_letters_the_last_failure(
    clock: FakeClock, store: JobStore
) -> None:
    log = Log(clock)
    log.failures_left = 3
    scheduler = Scheduler(clock, store=store, registry=log.registry("flaky"))
    backoff = ExponentialBackoff(initial=MINUTE, cap=10 * MINUTE, attempts=3)
    job = scheduler.schedule_at(START + MINUTE, "flaky", retry=backoff)

    tick(scheduler, clock, MINUTE, 10)

    assert [at - START for _, at in log.runs] == [MINUTE, 2 * MINUTE, 4 * MINUTE]
    assert scheduler.dead_letters() == [
        DeadLetter(job.id, START + MINUTE, 3, "ConnectionError: try again")
    ]
    assert job.status is JobStatus.FAILED
    assert job.info.last_error == "ConnectionError: try again"


@pytest.mark.spec(SAME_IN_EVERY_STEP)
@pytest.mark.parametrize(
    ("misfire", "ran", "missed"),
    [
        (Misfire.RUN_EACH, [1, 2, 3, 4, 5], []),
        (Misfire.SKIP, [5], [1, 2, 3, 4]),
        (Misfire.RUN_ONCE, [5], [1, 2, 3, 4]),
    ],
    ids=["run each", "skip", "run once"],
)
def test_every_store_applies_the_misfire_policy_to_missed_runs(
    clock: FakeClock, store: JobStore, misfire: Misfire, ran: list[int], missed: list[int]
) -> None:
    log = Log(clock)
    scheduler = Scheduler(clock, store=store, registry=log.registry("minutely"))
    heard: list[Event] = []
    scheduler.subscribe(heard.append, {EventKind.MISSED})
    job = scheduler.schedule("minutely", Interval(MINUTE), misfire=misfire)

    clock.advance(5 * MINUTE)
    started = scheduler.run_pending()

    assert [run.occurrence for run in started] == [START + n * MINUTE for n in ran]
    assert [event.occurrence for event in heard] == [START + n * MINUTE for n in missed]
    assert job.info.runs == len(ran)
    assert job.info.next_run == START + 6 * MINUTE


@pytest.mark.spec(SAME_IN_EVERY_STEP)
def test_every_store_publishes_the_same_events_in_the_same_order(
    clock: FakeClock, store: JobStore
) -> None:
    log = Log(clock)
    log.failures_left = 1
    scheduler = Scheduler(clock, store=store, registry=log.registry("flaky", "doomed"))
    heard: list[tuple[EventKind, str, object, int]] = []
    scheduler.subscribe(
        lambda event: heard.append((event.kind, event.job_id, event.at, event.attempt))
    )
    flaky = scheduler.schedule_at(START + MINUTE, "flaky", retry=FixedDelay(MINUTE, attempts=2))
    doomed = scheduler.schedule("doomed", Interval(10 * MINUTE))

    tick(scheduler, clock, MINUTE, 2)
    doomed.cancel()

    assert heard == [
        (EventKind.SCHEDULED, flaky.id, START, 0),
        (EventKind.SCHEDULED, doomed.id, START, 0),
        (EventKind.STARTED, flaky.id, START + MINUTE, 1),
        (EventKind.FAILED, flaky.id, START + MINUTE, 1),
        (EventKind.RETRYING, flaky.id, START + MINUTE, 1),
        (EventKind.STARTED, flaky.id, START + 2 * MINUTE, 2),
        (EventKind.SUCCEEDED, flaky.id, START + 2 * MINUTE, 2),
        (EventKind.CANCELLED, doomed.id, START + 2 * MINUTE, 0),
    ]
    assert flaky.status is JobStatus.COMPLETED
