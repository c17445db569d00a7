from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest
from job_scheduler import (
    Event,
    EventKind,
    FixedDelay,
    InMemoryJobStore,
    Interval,
    JobStatus,
    NoRetry,
    PostgresJobStore,
    Run,
    Scheduler,
    SqliteJobStore,
    TaskRegistry,
    UnstorableJobError,
    WorkerPool,
    current_run,
)

from tests.job_scheduler.postgres import corrupt_job
from tests.job_scheduler.support import BOUND, MINUTE, LineProcess, ManualExecutor, noop
from tests.support import START, FakeClock

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from job_scheduler import JobStore, RetryPolicy

pytestmark = [
    pytest.mark.step(9),
    pytest.mark.spec(
        "Schedulers on many machines share one PostgreSQL database, and a worker that stalls past "
        "its lease can no longer record a second outcome."
    ),
]

MACHINE = Path(__file__).with_name("machine_process.py")
SECOND = timedelta(seconds=1)
CORRUPT = "{not json"


def query(dsn: str, sql: str, *parameters: object) -> list[tuple[object, ...]]:
    """The rows of one statement, run on a connection of the test's own."""
    with psycopg.connect(dsn, autocommit=True) as connection:
        return connection.execute(sql, parameters).fetchall()


def queued(dsn: str, job_id: str) -> int:
    """How many rows of ``runs`` the job has (its queued or claimed runs)."""
    ((count,),) = query(dsn, "SELECT count(*) FROM runs WHERE job_id = %s", job_id)
    assert isinstance(count, int)
    return count


def connections_left(dsn: str) -> int:
    """How many other connections the database has once their backends have gone.

    A backend leaves ``pg_stat_activity`` a moment after its client closes the connection,
    so this asks again until none is left, for at most BOUND seconds (a bound, not a delay).
    """
    sql = (
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    deadline = time.monotonic() + BOUND
    with psycopg.connect(dsn, autocommit=True) as connection:
        while True:
            ((count,),) = connection.execute(sql).fetchall()
            assert isinstance(count, int)
            if count == 0 or time.monotonic() > deadline:
                return count


def failing() -> None:
    """A task that always fails."""
    raise ConnectionError("upstream down")


def registry(tasks: dict[str, Callable[[], None]]) -> TaskRegistry:
    named = TaskRegistry()
    for name, task in tasks.items():
        named.register(name, task)
    return named


class Machines:
    """Two schedulers in this process, each on its own PostgresJobStore of one database.

    Both stores and both schedulers run on the test's clock. ``slow`` holds its runs in a
    ManualExecutor until the test finishes them; ``other`` runs at once.
    """

    def __init__(
        self,
        dsn: str,
        clock: FakeClock,
        slow: dict[str, Callable[[], None]],
        other: dict[str, Callable[[], None]],
    ) -> None:
        self.stores = [PostgresJobStore(dsn, clock=clock), PostgresJobStore(dsn, clock=clock)]
        self.held = ManualExecutor()
        self.slow = Scheduler(
            clock, store=self.stores[0], registry=registry(slow), executor=self.held, lease=MINUTE
        )
        self.other = Scheduler(clock, store=self.stores[1], registry=registry(other), lease=MINUTE)
        self.slow_events: list[Event] = []
        self.other_events: list[Event] = []
        self.slow.subscribe(self.slow_events.append)
        self.other.subscribe(self.other_events.append)

    def close(self) -> None:
        """Close both stores."""
        for store in self.stores:
            store.close()


@pytest.fixture
def opened() -> Iterator[list[JobStore]]:
    """Stores a test opens; each is closed at the end."""
    stores: list[JobStore] = []
    yield stores
    for store in stores:
        close = getattr(store, "close", None)
        if close is not None:
            close()


@pytest.mark.spec(
    "PostgresJobStore(dsn, *, clock=None) keeps jobs, queued runs and dead letters in the "
    "PostgreSQL database that dsn (a libpq connection string or URI) names, and creates its "
    "tables there when they are missing; close() closes its connections.",
    "It behaves like the other two stores in every earlier step",
)
def test_the_store_creates_its_tables_and_a_second_store_finds_everything(
    postgres_dsn: str, clock: FakeClock
) -> None:
    tasks = registry({"every": noop, "boom": failing, "later": noop})
    first = PostgresJobStore(postgres_dsn, clock=clock)
    before = Scheduler(clock, store=first, registry=tasks)
    every = before.schedule("every", Interval(MINUTE))
    boom = before.schedule_at(START, "boom")
    later = before.schedule_at(START + 10 * MINUTE, "later")
    before.pause(later.id)
    clock.advance(MINUTE)
    before.run_pending()
    first.close()
    others = connections_left(postgres_dsn)

    second = PostgresJobStore(postgres_dsn, clock=clock)
    after = Scheduler(clock, store=second, registry=tasks)
    found = {info.id: (info.status, info.runs, info.next_run) for info in after.jobs()}
    letters = after.dead_letters()
    clock.advance(MINUTE)
    ran = after.run_pending()
    second.close()

    assert others == 0
    assert found == {
        every.id: (JobStatus.SCHEDULED, 1, START + 2 * MINUTE),
        boom.id: (JobStatus.FAILED, 1, None),
        later.id: (JobStatus.PAUSED, 0, START + 10 * MINUTE),
    }
    assert [(letter.job_id, letter.error) for letter in letters] == [
        (boom.id, "ConnectionError: upstream down")
    ]
    assert ran == [Run(every.id, "every", START + 2 * MINUTE, 1)]


@pytest.mark.spec(
    "It behaves like the other two stores in every earlier step: it refuses what it cannot "
    "write down with UnstorableJobError",
)
def test_the_store_refuses_what_it_cannot_write_down_and_stores_nothing(
    postgres_dsn: str, clock: FakeClock, opened: list[JobStore]
) -> None:
    class Every:
        def first_fire(self, now: datetime) -> datetime | None:
            return now

        def next_fire(self, previous: datetime) -> datetime | None:
            return previous + MINUTE

    class Never:
        def delay(self, failed_attempts: int, random: object) -> None:  # noqa: ARG002 - gives up
            return None

    store = PostgresJobStore(postgres_dsn, clock=clock)
    opened.append(store)
    scheduler = Scheduler(clock, store=store, registry=registry({"named": noop}))
    refusals = []
    attempts: list[Callable[[], object]] = [
        lambda: scheduler.schedule_at(START, noop),
        lambda: scheduler.schedule("named", Every()),
        lambda: scheduler.schedule_at(START, "named", retry=Never()),
    ]

    for attempt in attempts:
        with pytest.raises(UnstorableJobError) as refused:
            attempt()
        refusals.append(isinstance(refused.value, TypeError))

    assert refusals == [True, True, True]
    assert scheduler.jobs() == []
    assert query(postgres_dsn, "SELECT count(*) FROM jobs") == [(0,)]


def corrupt(dsn: str, job_id: str) -> None:
    """Overwrite every text value of the job's row in ``jobs``, except its id, as the spec says."""
    columns = query(
        dsn,
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'jobs' "
        "AND column_name <> 'id' AND data_type IN ('text', 'character varying')",
    )
    with psycopg.connect(dsn, autocommit=True) as connection:
        for (column,) in columns:
            assert isinstance(column, str)
            connection.execute(
                psycopg.sql.SQL("UPDATE jobs SET {} = %s WHERE id = %s").format(
                    psycopg.sql.Identifier(column)
                ),
                (CORRUPT, job_id),
            )


@pytest.mark.spec(
    "and sets a job whose row cannot be read back aside as BROKEN.",
    "a table jobs with one row per job, whose column id holds the job's id (a test corrupts a job "
    "as in step 7, by overwriting every other text value of its row with {not json)",
)
def test_a_corrupt_row_is_set_aside_as_broken_and_the_others_carry_on(
    postgres_dsn: str, clock: FakeClock, opened: list[JobStore]
) -> None:
    ran: list[str] = []
    tasks = registry({"broken": lambda: ran.append("broken"), "kept": lambda: ran.append("kept")})
    store = PostgresJobStore(postgres_dsn, clock=clock)
    opened.append(store)
    scheduler = Scheduler(clock, store=store, registry=tasks)
    broken = scheduler.schedule("broken", Interval(MINUTE))
    scheduler.schedule("kept", Interval(MINUTE))
    corrupt(postgres_dsn, broken.id)

    clock.advance(MINUTE)
    scheduler.run_pending()

    assert ran == ["kept"]
    assert [job.job_id for job in scheduler.broken_jobs()] == [broken.id]
    assert broken.status is JobStatus.BROKEN
    assert [info.name for info in scheduler.jobs()] == ["kept"]


@pytest.mark.spec(
    "and sets a job whose row cannot be read back aside as BROKEN.",
    "a table jobs with one row per job, whose column id holds the job's id (a test corrupts a job "
    "as in step 7, by overwriting every other text value of its row with {not json)",
)
def test_a_corrupt_job_ahead_in_a_claim_holds_up_none_of_the_runs_behind_it(
    postgres_dsn: str, clock: FakeClock, opened: list[JobStore]
) -> None:
    held = ManualExecutor()  # it claims many runs at once: the corrupt one comes first
    store = PostgresJobStore(postgres_dsn, clock=clock)
    opened.append(store)
    tasks = registry({"broken": noop, "kept": noop})
    scheduler = Scheduler(clock, store=store, registry=tasks, executor=held)
    broken = scheduler.schedule_at(START + MINUTE, "broken")
    kept = [scheduler.schedule_at(START + MINUTE, "kept") for _ in range(2)]
    corrupt_job(postgres_dsn, broken.id, CORRUPT)  # as step 7 does: NULLs stay NULL

    clock.advance(MINUTE)
    started = scheduler.run_pending()

    assert [run.job_id for run in started] == [job.id for job in kept]
    assert [job.job_id for job in scheduler.broken_jobs()] == [broken.id]


@pytest.mark.spec(
    "with a PostgresJobStore, whether a run is due, whether a lease has expired and when a new or "
    "renewed lease ends are decided on the store's clock, store.now(): the database server's "
    "now(), or the clock passed to the store.",
    "The scheduler's own clock still dates what it schedules (schedule_after, a trigger's first "
    "fire) and the at of its events.",
)
def test_a_run_is_due_on_the_stores_clock_and_dated_on_the_schedulers(
    postgres_dsn: str, clock: FakeClock, opened: list[JobStore]
) -> None:
    hours = 2 * timedelta(hours=1)

    def ahead() -> datetime:
        return clock() + hours

    store = PostgresJobStore(postgres_dsn, clock=clock)
    opened.append(store)
    events: list[Event] = []
    scheduler = Scheduler(ahead, store=store, registry=registry({"work": noop}))
    scheduler.subscribe(events.append, kinds={EventKind.STARTED})
    fixed = scheduler.schedule_at(START + 30 * MINUTE, "work")
    later = scheduler.schedule_after(10 * MINUTE, "work")

    early = scheduler.run_pending()
    clock.advance(30 * MINUTE)
    due = scheduler.run_pending()

    assert early == []
    assert [run.job_id for run in due] == [fixed.id]
    assert later.info.next_run == START + hours + 10 * MINUTE
    assert [event.at for event in events] == [START + hours + 30 * MINUTE]


@pytest.mark.spec(
    "store.now(): the database server's now(), or the clock passed to the store.",
)
def test_the_stores_clock_is_the_servers_unless_one_is_passed(
    postgres_dsn: str, clock: FakeClock, opened: list[JobStore]
) -> None:
    server = PostgresJobStore(postgres_dsn)
    faked = PostgresJobStore(postgres_dsn, clock=clock)
    opened.extend([server, faked])

    ((before,),) = query(postgres_dsn, "SELECT clock_timestamp()")
    now = server.now()
    ((after,),) = query(postgres_dsn, "SELECT clock_timestamp()")
    clock.advance(MINUTE)

    assert isinstance(before, datetime)
    assert isinstance(after, datetime)
    assert now.tzinfo is not None
    assert before <= now <= after
    assert faked.now() == START + MINUTE


@pytest.mark.spec(
    "So a worker whose clock is minutes ahead of the others runs nothing early and takes over no "
    "lease that is still live.",
    "with a PostgresJobStore, whether a run is due, whether a lease has expired and when a new or "
    "renewed lease ends are decided on the store's clock, store.now(): the database server's "
    "now(), or the clock passed to the store.",
)
def test_workers_whose_clocks_disagree_by_hours_run_nothing_early_and_take_no_live_lease(
    postgres_dsn: str, opened: list[JobStore]
) -> None:
    hour = timedelta(hours=1)
    ran: list[str] = []
    tasks = registry({"soon": lambda: ran.append("soon"), "due": lambda: ran.append("due")})
    stores = [PostgresJobStore(postgres_dsn) for _ in range(3)]
    opened.extend(stores)
    now = stores[0].now()
    planner = Scheduler(lambda: now, store=stores[0], registry=tasks)
    soon = planner.schedule_at(now + hour, "soon")
    due = planner.schedule_at(now - MINUTE, "due")
    held = ManualExecutor()
    behind = Scheduler(
        lambda: now - 3 * hour, store=stores[1], registry=tasks, executor=held, lease=hour
    )
    ahead = Scheduler(lambda: now + 3 * hour, store=stores[2], registry=tasks, lease=hour)

    claimed = behind.run_pending()
    renewed = behind.heartbeat()
    taken_over = ahead.run_pending()
    held.finish_all()

    assert [run.job_id for run in claimed] == [due.id]
    assert renewed == 1
    assert taken_over == []
    assert ran == ["due"]
    assert planner.info(due.id).status is JobStatus.COMPLETED
    assert planner.info(soon.id).next_run == now + hour
    assert planner.info(soon.id).runs == 0


@pytest.mark.spec(
    "a claim passes over a queued run whose row another connection has locked, and claims the "
    "next due run instead, so workers never wait on one another's rows (PostgreSQL's SELECT ... "
    "FOR UPDATE SKIP LOCKED).",
    "The run passed over is claimed by a later run_pending(), once its row is free.",
    "and a table runs with one row per queued or claimed run, whose column job_id holds its job's "
    "id (a test locks a job's runs with SELECT ... FROM runs WHERE job_id = ... FOR UPDATE from a "
    "connection of its own, and counts them with SELECT count(*)).",
)
def test_a_claim_passes_over_a_locked_run_and_starts_the_next_at_once(
    postgres_dsn: str, clock: FakeClock, opened: list[JobStore]
) -> None:
    store = PostgresJobStore(postgres_dsn, clock=clock)
    opened.append(store)
    scheduler = Scheduler(clock, store=store, registry=registry({"work": noop}))
    locked = scheduler.schedule_at(START, "work", name="locked")
    free = scheduler.schedule_at(START + MINUTE, "work", name="free")
    clock.advance(2 * MINUTE)
    claims: list[list[Run]] = []
    claimer = threading.Thread(target=lambda: claims.append(scheduler.run_pending()))

    with psycopg.connect(postgres_dsn) as connection:
        connection.execute("SELECT * FROM runs WHERE job_id = %s FOR UPDATE", (locked.id,))
        claimer.start()
        claimer.join(BOUND)
        waited = claimer.is_alive()
        connection.rollback()
    claimer.join(BOUND)
    later = scheduler.run_pending()

    assert not waited
    assert [[run.job_id for run in claim] for claim in claims] == [[free.id]]
    assert [run.job_id for run in later] == [locked.id]


@pytest.fixture
def machines(postgres_dsn: str, clock: FakeClock) -> Iterator[Machines]:
    pair = Machines(postgres_dsn, clock, {"work": noop}, {"work": noop})
    yield pair
    pair.close()


@pytest.mark.spec(
    "heartbeat() renews the lease of every run this scheduler has in flight, to the store's now "
    "plus the scheduler's lease, and returns how many leases it renewed.",
    "A lease that another scheduler has taken over is not renewed.",
)
def test_a_heartbeat_renews_a_long_runs_lease_until_it_stops(
    machines: Machines, clock: FakeClock
) -> None:
    machines.slow.schedule_at(START, "work")
    machines.slow.schedule_at(START, "work")
    claimed = machines.slow.run_pending()

    clock.advance(50 * SECOND)
    renewed = machines.slow.heartbeat()
    clock.advance(60 * SECOND - timedelta(microseconds=1))
    while_renewed = machines.other.run_pending()
    clock.advance(timedelta(microseconds=1))
    after_the_lease = machines.other.run_pending()
    after_the_take_over = machines.slow.heartbeat()

    assert len(claimed) == 2
    assert renewed == 2
    assert while_renewed == []
    assert sorted(run.job_id for run in after_the_lease) == sorted(run.job_id for run in claimed)
    assert after_the_take_over == 0


@pytest.mark.spec("run_pending() heartbeats first.")
def test_run_pending_heartbeats_the_runs_in_flight_first(
    machines: Machines, clock: FakeClock
) -> None:
    machines.slow.schedule_at(START, "work")
    machines.slow.schedule_at(START + 10 * MINUTE, "work")
    machines.slow.run_pending()

    clock.advance(50 * SECOND)
    nothing_new = machines.slow.run_pending()
    clock.advance(50 * SECOND)
    while_renewed = machines.other.run_pending()
    clock.advance(10 * SECOND)
    after_the_lease = machines.other.run_pending()

    assert nothing_new == []
    assert while_renewed == []
    assert [run.occurrence for run in after_the_lease] == [START]


@pytest.mark.spec(
    "Whatever the server's time zone, the times a PostgresJobStore gives back are in UTC, as "
    "everywhere else: a run's occurrence, its key and store.now().",
)
def test_times_come_back_in_utc_from_a_server_in_another_time_zone(
    postgres_dsn: str, clock: FakeClock, opened: list[JobStore]
) -> None:
    with psycopg.connect(postgres_dsn, autocommit=True) as connection:
        ((database,),) = connection.execute("SELECT current_database()").fetchall()
        assert isinstance(database, str)
        connection.execute(
            psycopg.sql.SQL("ALTER DATABASE {} SET timezone = 'Europe/Paris'").format(
                psycopg.sql.Identifier(database)
            )
        )
    assert query(postgres_dsn, "SHOW timezone") == [("Europe/Paris",)]
    store = PostgresJobStore(postgres_dsn, clock=clock)
    servers = PostgresJobStore(postgres_dsn)
    opened.extend([store, servers])
    scheduler = Scheduler(clock, store=store, registry=registry({"work": noop}))
    job = scheduler.schedule_at(START + MINUTE, "work")

    clock.advance(MINUTE)
    (run,) = scheduler.run_pending()

    assert run.key == f"{job.id}@{START + MINUTE:%Y-%m-%dT%H:%M:%S}+00:00"
    assert run.occurrence.utcoffset() == timedelta(0)
    assert servers.now().utcoffset() == timedelta(0)


@pytest.mark.spec(
    "heartbeat() renews the lease of every run this scheduler has in flight, to the store's now "
    "plus the scheduler's lease, and returns how many leases it renewed.",
)
def test_a_heartbeat_counts_only_the_runs_in_flight(clock: FakeClock) -> None:
    held = ManualExecutor()
    scheduler = Scheduler(clock, store=InMemoryJobStore(), executor=held)
    before_any_run = scheduler.heartbeat()
    scheduler.schedule_at(START, noop)
    scheduler.schedule_at(START, noop)
    scheduler.run_pending()
    while_running = scheduler.heartbeat()
    held.finish_one()
    with_one_left = scheduler.heartbeat()
    held.finish_all()
    after_the_runs = scheduler.heartbeat()

    assert (before_any_run, while_running, with_one_left, after_the_runs) == (0, 2, 1, 0)


def two_stores(
    kind: str, request: pytest.FixtureRequest, clock: FakeClock, opened: list[JobStore]
) -> list[JobStore]:
    """Two stores on one SQLite file or PostgreSQL database (``kind``), closed after the test."""
    stores: list[JobStore]
    if kind == "sqlite":
        database = request.getfixturevalue("tmp_path") / "jobs.sqlite"
        stores = [SqliteJobStore(database), SqliteJobStore(database)]
    else:
        dsn = request.getfixturevalue("postgres_dsn")
        stores = [PostgresJobStore(dsn, clock=clock), PostgresJobStore(dsn, clock=clock)]
    opened.extend(stores)
    return stores


@pytest.mark.spec(
    "every claim of a run carries a token, an integer larger than every token the store issued "
    "before, and Run.token shows it (in every store).",
)
@pytest.mark.parametrize("kind", ["memory", "sqlite", "postgres"])
def test_every_claim_carries_a_larger_token_in_every_store(
    kind: str, request: pytest.FixtureRequest, clock: FakeClock, opened: list[JobStore]
) -> None:
    store: JobStore
    if kind == "memory":
        store = InMemoryJobStore()
    elif kind == "sqlite":
        store = SqliteJobStore(request.getfixturevalue("tmp_path") / "jobs.sqlite")
    else:
        store = PostgresJobStore(request.getfixturevalue("postgres_dsn"), clock=clock)
    opened.append(store)
    scheduler = Scheduler(clock, store=store, registry=registry({"ok": noop, "boom": failing}))
    scheduler.schedule("ok", Interval(MINUTE))
    scheduler.schedule("boom", Interval(MINUTE), retry=FixedDelay(MINUTE, attempts=2))

    tokens = []
    for _ in range(4):
        clock.advance(MINUTE)
        tokens += [run.token for run in scheduler.run_pending()]

    assert len(tokens) == 11
    assert all(isinstance(token, int) for token in tokens)
    assert tokens == sorted(set(tokens))


@pytest.mark.spec(
    "every claim of a run carries a token, an integer larger than every token the store issued "
    "before, and Run.token shows it (in every store).",
    "The token is not part of a Run's equality.",
)
@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_run_claimed_again_has_a_larger_token_and_equals_the_first_claim(
    kind: str, request: pytest.FixtureRequest, clock: FakeClock, opened: list[JobStore]
) -> None:
    stores = two_stores(kind, request, clock, opened)
    tasks = registry({"work": noop})
    slow = Scheduler(clock, store=stores[0], registry=tasks, executor=ManualExecutor())
    other = Scheduler(clock, store=stores[1], registry=tasks, lease=MINUTE)
    slow.schedule_at(START, "work")

    (first,) = slow.run_pending()
    clock.advance(10 * MINUTE)
    (again,) = other.run_pending()

    assert again.token > first.token
    assert again == first


@pytest.mark.spec(
    "The store refuses to record an outcome of a run (its success or failure, a retry, the next "
    "occurrence of a recurring job, a dead letter) from a holder whose token is no longer the "
    "run's current one.",
    "The scheduler then publishes EventKind.LEASE_LOST instead of SUCCEEDED or FAILED, with the "
    "run's occurrence and attempt, and as error the exception the run raised (or None), and "
    "changes nothing else.",
)
def test_a_stale_holders_success_is_refused_and_its_lease_reported_lost(
    machines: Machines, clock: FakeClock, postgres_dsn: str
) -> None:
    job = machines.slow.schedule("work", Interval(10 * MINUTE))
    clock.advance(10 * MINUTE)
    machines.slow.run_pending()
    clock.advance(MINUTE)
    taken_over = machines.other.run_pending()
    before = machines.other.info(job.id)
    machines.slow_events.clear()

    machines.held.finish_all()

    assert [run.occurrence for run in taken_over] == [START + 10 * MINUTE]
    assert machines.slow_events == [
        Event(EventKind.LEASE_LOST, job.id, START + 11 * MINUTE, START + 10 * MINUTE, 1)
    ]
    assert machines.other.info(job.id) == before
    assert before.next_run == START + 20 * MINUTE
    assert queued(postgres_dsn, job.id) == 1


@pytest.mark.spec(
    "The store refuses to record an outcome of a run (its success or failure, a retry, the next "
    "occurrence of a recurring job, a dead letter) from a holder whose token is no longer the "
    "run's current one.",
    "The scheduler then publishes EventKind.LEASE_LOST instead of SUCCEEDED or FAILED, with the "
    "run's occurrence and attempt, and as error the exception the run raised (or None), and "
    "changes nothing else.",
)
@pytest.mark.parametrize("retrying", [False, True], ids=["a dead letter", "a retry"])
def test_a_stale_holders_failure_is_refused_with_no_retry_and_no_dead_letter(
    postgres_dsn: str, clock: FakeClock, *, retrying: bool
) -> None:
    retry: RetryPolicy = FixedDelay(MINUTE, attempts=3) if retrying else NoRetry()
    pair = Machines(postgres_dsn, clock, {"flaky": failing}, {"flaky": noop})
    job = pair.slow.schedule_at(START, "flaky", retry=retry)
    pair.slow.run_pending()
    clock.advance(MINUTE)
    pair.other.run_pending()
    before = pair.other.info(job.id)
    pair.slow_events.clear()

    pair.held.finish_all()
    after = pair.other.info(job.id)
    letters = pair.other.dead_letters()
    pair.close()

    assert [(event.kind, event.occurrence, event.attempt) for event in pair.slow_events] == [
        (EventKind.LEASE_LOST, START, 1)
    ]
    assert isinstance(pair.slow_events[0].error, ConnectionError)
    assert after == before
    assert after.status is JobStatus.COMPLETED
    assert letters == []
    assert queued(postgres_dsn, job.id) == 0


@pytest.mark.spec(
    "The store refuses to record an outcome of a run (its success or failure, a retry, the next "
    "occurrence of a recurring job, a dead letter) from a holder whose token is no longer the "
    "run's current one.",
    "every claim of a run carries a token, an integer larger than every token the store issued "
    "before, and Run.token shows it (in every store).",
    "A lease that another scheduler has taken over is not renewed.",
)
@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_the_current_holder_records_the_outcome_though_the_stale_one_ends_first(
    kind: str, request: pytest.FixtureRequest, clock: FakeClock, opened: list[JobStore]
) -> None:
    stores = two_stores(kind, request, clock, opened)
    tasks = registry({"work": noop})
    executors = [ManualExecutor(), ManualExecutor()]
    stale, current = (
        Scheduler(clock, store=store, registry=tasks, executor=executor, lease=MINUTE)
        for store, executor in zip(stores, executors, strict=True)
    )
    events: tuple[list[Event], list[Event]] = ([], [])
    stale.subscribe(events[0].append)
    current.subscribe(events[1].append)
    job = stale.schedule_at(START, "work")
    stale.run_pending()
    clock.advance(MINUTE)
    current.run_pending()

    renewed = stale.heartbeat()
    executors[0].finish_all()
    while_current_runs = current.info(job.id)
    executors[1].finish_all()

    assert [[event.kind for event in each] for each in events] == [
        [EventKind.SCHEDULED, EventKind.STARTED, EventKind.LEASE_LOST],
        [EventKind.STARTED, EventKind.SUCCEEDED],
    ]
    assert renewed == 0
    assert while_current_runs.status is JobStatus.SCHEDULED
    assert current.info(job.id).status is JobStatus.COMPLETED


@pytest.mark.spec(
    'Run.key is f"{job_id}@{occurrence.isoformat()}": the same for every attempt and every '
    "claim of one occurrence.",
)
def test_the_key_names_the_job_and_occurrence_for_every_attempt_and_claim(
    postgres_dsn: str, clock: FakeClock
) -> None:
    pair = Machines(postgres_dsn, clock, {"flaky": failing}, {"flaky": failing})
    job = pair.slow.schedule_at(START, "flaky", retry=FixedDelay(MINUTE, attempts=3))
    keys = [run.key for run in pair.slow.run_pending()]
    clock.advance(MINUTE)
    again = pair.other.run_pending()
    clock.advance(MINUTE)
    retried = pair.other.run_pending()
    pair.held.finish_all()
    pair.close()

    keys += [run.key for run in again + retried]

    assert [run.attempt for run in again + retried] == [1, 2]
    assert keys == [f"{job.id}@{START.isoformat()}"] * 3


@pytest.mark.spec(
    "current_run(), called inside a task, returns the Run the task is executing, on any "
    "executor's thread; anywhere else it returns None.",
)
def test_current_run_is_the_run_the_task_executes_on_any_thread(clock: FakeClock) -> None:
    seen: list[Run | None] = []
    outside = [current_run()]
    pool = WorkerPool(2)
    inline = Scheduler(clock)
    pooled = Scheduler(clock, executor=pool)
    inline.schedule_at(START, lambda: seen.append(current_run()), name="inline")
    pooled.schedule_at(START, lambda: seen.append(current_run()), name="pooled")

    started = inline.run_pending() + pooled.run_pending()
    idle = pooled.wait_idle(timedelta(seconds=BOUND))
    pool.shutdown()
    outside.append(current_run())

    assert idle
    assert seen == started
    assert [run.job_name for run in started] == ["inline", "pooled"]
    assert outside == [None, None]


@pytest.mark.spec(
    "Delivery is at least once: a worker can stall past its lease, so no scheduler can promise "
    "that a task runs exactly once.",
    "A task that makes its side effect conditional on the key (an upsert, a unique constraint) "
    "gets exactly-once effects.",
)
def test_a_task_keyed_on_its_run_has_one_effect_though_it_runs_twice(
    postgres_dsn: str, clock: FakeClock
) -> None:
    effects: dict[str, str] = {}
    executions: list[str] = []

    def charge(machine: str) -> Callable[[], None]:
        def task() -> None:
            run = current_run()
            assert run is not None
            executions.append(machine)
            effects.setdefault(run.key, machine)

        return task

    pair = Machines(postgres_dsn, clock, {"charge": charge("slow")}, {"charge": charge("other")})
    job = pair.slow.schedule_at(START, "charge")
    pair.slow.run_pending()
    clock.advance(MINUTE)
    pair.other.run_pending()
    pair.held.finish_all()
    pair.close()

    assert sorted(executions) == ["other", "slow"]
    assert effects == {f"{job.id}@{START.isoformat()}": "other"}


class Cluster:
    """Worker processes on one database, and the test's own scheduler that plans their jobs."""

    def __init__(self, dsn: str, impl: Path) -> None:
        self.dsn = dsn
        self.impl = impl
        self.workers: list[LineProcess] = []
        self.store = PostgresJobStore(dsn, clock=lambda: START)
        names = [*(f"once-{n}" for n in range(60)), "every", "stall"]
        self.planner = Scheduler(
            lambda: START, store=self.store, registry=registry(dict.fromkeys(names, noop))
        )

    def worker(self, name: str, *, stall: bool = False) -> LineProcess:
        """Start a worker process; it has created the ``log`` table once this returns."""
        arguments = [self.dsn, name, *(["--stall"] if stall else [])]
        self.workers.append(LineProcess(MACHINE, arguments, self.impl))
        return self.workers[-1]

    def log(self) -> Counter[tuple[str, str, str]]:
        """Every row of ``log``: (entry, key, process), counted."""
        rows = query(self.dsn, "SELECT entry, key, process FROM log")
        return Counter((str(entry), str(key), str(process)) for entry, key, process in rows)

    def close(self) -> None:
        """Stop every worker and close the planner's store."""
        for worker in self.workers:
            worker.close()
        self.store.close()


@pytest.fixture
def impl() -> Path:
    """The folder the tests import job_scheduler from, for the worker processes."""
    import job_scheduler  # noqa: PLC0415 - resolved after --impl has set sys.path

    return Path(job_scheduler.__file__).resolve().parent.parent


@pytest.fixture
def cluster(postgres_dsn: str, impl: Path) -> Iterator[Cluster]:
    machines = Cluster(postgres_dsn, impl)
    yield machines
    machines.close()


def at(moment: timedelta) -> str:
    return (START + moment).isoformat()


def key(job_id: str, moment: timedelta) -> str:
    return f"{job_id}@{(START + moment).isoformat()}"


@pytest.mark.spec(
    "Many schedulers on many machines may share one database.",
    "The tests' worker processes log each run and each outcome to a table log that they create in "
    "the same database; your store leaves tables it did not create alone (so none of its own may "
    "be named log).",
)
def test_worker_processes_sharing_a_database_run_and_record_each_occurrence_once(
    cluster: Cluster,
) -> None:
    once = [
        cluster.planner.schedule_at(START + (1 + n % 8) * MINUTE, f"once-{n}") for n in range(60)
    ]
    every = cluster.planner.schedule("every", Interval(MINUTE))
    workers = [cluster.worker(f"w{n}") for n in range(3)]

    for minute in range(1, 9):
        for worker in workers:
            worker.send(f"tick {at(minute * MINUTE)}")
        answers = [worker.expect() for worker in workers]
        assert all(answer.startswith("done") for answer in answers)
    for worker in workers:
        worker.stop()
    log = cluster.log()

    keys = [key(job.id, (1 + n % 8) * MINUTE) for n, job in enumerate(once)]
    keys += [key(every.id, minute * MINUTE) for minute in range(1, 9)]
    for entry in ("ran", "SUCCEEDED"):
        per_key = Counter(k for kind, k, _ in log.elements() if kind == entry)
        assert per_key == Counter(dict.fromkeys(keys, 1))
    assert {kind for kind, _, _ in log} == {"ran", "SUCCEEDED"}
    assert queued(cluster.dsn, every.id) == 1


@pytest.mark.spec(
    "A worker that stops heartbeating loses its leases when they expire, and its runs are claimed "
    "again elsewhere.",
    "heartbeat() renews the lease of every run this scheduler has in flight, to the store's now "
    "plus the scheduler's lease, and returns how many leases it renewed.",
)
def test_a_killed_worker_stops_heartbeating_and_its_run_is_claimed_elsewhere(
    cluster: Cluster,
) -> None:
    job = cluster.planner.schedule("stall", Interval(10 * MINUTE, start=START + MINUTE))
    doomed = cluster.worker("doomed", stall=True)
    survivor = cluster.worker("survivor")

    doomed.send(f"start {at(MINUTE)}")
    assert sorted([doomed.expect(), doomed.expect()]) == [
        "stalled " + key(job.id, MINUTE),
        "started 1",
    ]
    renewed = doomed.ask(f"heartbeat {at(110 * SECOND)}")
    while_renewed = survivor.ask(f"tick {at(150 * SECOND)}")
    os.kill(doomed.process.pid, signal.SIGKILL)
    doomed.process.wait(timeout=BOUND)
    before_expiry = survivor.ask(f"tick {at(170 * SECOND - timedelta(milliseconds=1))}")
    at_expiry = survivor.ask(f"tick {at(170 * SECOND)}")
    survivor.stop()

    assert doomed.process.returncode == -signal.SIGKILL
    assert [renewed, while_renewed, before_expiry, at_expiry] == [
        "renewed 1",
        "done 0",
        "done 0",
        "done 1",
    ]
    assert cluster.log() == Counter(
        {
            ("ran", key(job.id, MINUTE), "doomed"): 1,
            ("ran", key(job.id, MINUTE), "survivor"): 1,
            ("SUCCEEDED", key(job.id, MINUTE), "survivor"): 1,
        }
    )
    assert queued(cluster.dsn, job.id) == 1
    assert cluster.planner.info(job.id).next_run == START + 11 * MINUTE


@pytest.mark.spec(
    "So a slow worker whose lease was taken over never records a second outcome for one run, nor "
    "queues a second next occurrence.",
    "Delivery is at least once: a worker can stall past its lease, so no scheduler can promise "
    "that a task runs exactly once.",
)
def test_a_stalled_worker_taken_over_records_no_outcome_and_queues_nothing(
    cluster: Cluster,
) -> None:
    job = cluster.planner.schedule("stall", Interval(10 * MINUTE, start=START + MINUTE))
    staller = cluster.worker("staller", stall=True)
    survivor = cluster.worker("survivor")

    staller.send(f"start {at(MINUTE)}")
    assert sorted([staller.expect(), staller.expect()]) == [
        "stalled " + key(job.id, MINUTE),
        "started 1",
    ]
    taken_over = survivor.ask(f"tick {at(2 * MINUTE)}")
    renewed = staller.ask(f"heartbeat {at(2 * MINUTE + 10 * SECOND)}")
    released = staller.ask("release")
    next_run = cluster.planner.info(job.id).next_run
    in_queue = queued(cluster.dsn, job.id)
    next_one = survivor.ask(f"tick {at(11 * MINUTE)}")
    for worker in (staller, survivor):
        worker.stop()

    assert [taken_over, renewed, released] == ["done 1", "renewed 0", "idle True"]
    assert (next_run, in_queue) == (START + 11 * MINUTE, 1)
    assert next_one == "done 1"
    first, second = key(job.id, MINUTE), key(job.id, 11 * MINUTE)
    assert cluster.log() == Counter(
        {
            ("ran", first, "staller"): 1,
            ("ran", first, "survivor"): 1,
            ("SUCCEEDED", first, "survivor"): 1,
            ("LEASE_LOST", first, "staller"): 1,
            ("ran", second, "survivor"): 1,
            ("SUCCEEDED", second, "survivor"): 1,
        }
    )
