"""A JobStore in a PostgreSQL database, shared by schedulers on many machines (psycopg 3).

Every statement the store runs is in this module and names its columns, and each list of
selected columns is unpacked by the one function beside it, as in the SQLite store.
Claims lock their rows with ``FOR UPDATE SKIP LOCKED``, so workers never wait on one
another's claims, and every claim takes a fencing token from a sequence.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import psycopg

from job_scheduler.errors import CorruptJobError, UnknownJobError
from job_scheduler.jobs import BrokenJob, DeadLetter
from job_scheduler.lifecycle import JobRecord, PendingRun
from job_scheduler.stores.rows import JobRows

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from datetime import datetime

# Creating tables is not atomic between sessions: schedulers starting together take turns.
SCHEMA_LOCK = "SELECT pg_advisory_xact_lock(7263540911)"
SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL, task TEXT NOT NULL, trigger TEXT NOT NULL, options TEXT NOT NULL,
    status TEXT NOT NULL, runs INTEGER NOT NULL, last_error TEXT,
    held BOOLEAN NOT NULL DEFAULT FALSE, problem TEXT);
CREATE TABLE IF NOT EXISTS runs (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, job_id TEXT NOT NULL,
    occurrence TIMESTAMPTZ NOT NULL, attempt INTEGER NOT NULL, due TIMESTAMPTZ NOT NULL,
    priority INTEGER NOT NULL, job_seq BIGINT NOT NULL, planned BOOLEAN NOT NULL,
    owner TEXT, lease_until TIMESTAMPTZ, token BIGINT NOT NULL DEFAULT 0,
    discarded BOOLEAN NOT NULL DEFAULT FALSE);
CREATE INDEX IF NOT EXISTS runs_queue ON runs (due, priority DESC, job_seq, id);
CREATE INDEX IF NOT EXISTS runs_of_job ON runs (job_id);
CREATE TABLE IF NOT EXISTS dead_letters (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, job_id TEXT NOT NULL,
    occurrence TIMESTAMPTZ NOT NULL, attempts INTEGER NOT NULL, error TEXT NOT NULL);
CREATE SEQUENCE IF NOT EXISTS fencing_tokens;
"""

# Read by JobRows.job and _run, in this order.
_JOB = ", ".join(f"j.{column}" for column in JobRows.SELECTED)
_RUN = "r.id, r.job_id, r.occurrence, r.attempt, r.due, r.priority, r.planned, r.token"
_RUN_WIDTH = 8

INSERT_JOB = """
INSERT INTO jobs (id, name, task, trigger, options, status, runs, last_error)
VALUES (%(id)s, %(name)s, %(task)s, %(trigger)s, %(options)s, %(status)s, %(runs)s,
        %(last_error)s)
"""
# FOR UPDATE: a job is read to be changed, and its changes must not interleave.
SELECT_JOB = f"SELECT {_JOB} FROM jobs j WHERE j.id = %(id)s FOR UPDATE"  # noqa: S608 - constant column list
UPDATE_JOB = """
UPDATE jobs SET status = %(status)s, runs = %(runs)s, last_error = %(last_error)s
WHERE id = %(id)s
"""
READABLE_JOBS = f"SELECT {_JOB} FROM jobs j WHERE j.problem IS NULL ORDER BY j.seq"  # noqa: S608 - same
SET_ASIDE = "UPDATE jobs SET problem = %(problem)s WHERE id = %(id)s"
HOLD = "UPDATE jobs SET held = %(held)s WHERE id = %(id)s"
BROKEN = "SELECT id, problem FROM jobs WHERE problem IS NOT NULL ORDER BY seq"

INSERT_RUN = """
INSERT INTO runs (job_id, occurrence, attempt, due, priority, job_seq, planned)
VALUES (%(job_id)s, %(occurrence)s, %(attempt)s, %(due)s, %(priority)s,
        (SELECT seq FROM jobs WHERE id = %(job_id)s), %(planned)s)
"""
# The first due runs that no live lease holds, of jobs neither held nor set aside, locked
# with their jobs; a row another transaction has locked is passed over, not waited for.
# Each is leased with a new fencing token. RETURNING keeps no order: the store sorts.
CLAIM = f"""
WITH due AS (
    SELECT r.id FROM runs r JOIN jobs j ON j.id = r.job_id
    WHERE r.due <= %(now)s AND (r.lease_until IS NULL OR r.lease_until <= %(now)s)
      AND NOT r.discarded AND NOT j.held AND j.problem IS NULL
    ORDER BY r.due, r.priority DESC, r.job_seq, r.id
    LIMIT %(limit)s
    FOR UPDATE OF r, j SKIP LOCKED)
UPDATE runs r
SET owner = %(owner)s, lease_until = %(lease_until)s, token = nextval('fencing_tokens')
FROM due, jobs j
WHERE r.id = due.id AND j.id = r.job_id
RETURNING {_RUN}, {_JOB}, r.job_seq
"""  # noqa: S608 - the interpolated text is the constant column lists, not input
SAVE_RUN = "UPDATE runs SET occurrence = %(occurrence)s, planned = %(planned)s WHERE id = %(id)s"
RELEASE = "UPDATE runs SET owner = NULL, lease_until = NULL, token = 0 WHERE id = %(id)s"
DELETE_RUN = "DELETE FROM runs WHERE id = %(id)s AND token = %(token)s"
RENEW = """
UPDATE runs r SET lease_until = %(lease_until)s
FROM unnest(%(ids)s::BIGINT[], %(tokens)s::BIGINT[]) AS held (id, token)
WHERE r.id = held.id AND r.token = held.token
"""
# Claimed runs of a discarded job stay, marked, until their holders finish them.
DELETE_RUNS_OF_JOB = "DELETE FROM runs WHERE job_id = %(job_id)s AND token = 0"
DISCARD_CLAIMED_RUNS = "UPDATE runs SET discarded = TRUE WHERE job_id = %(job_id)s"
COUNT_RUNS_OF_JOB = "SELECT COUNT(*) FROM runs WHERE job_id = %(job_id)s AND NOT discarded"
NEXT_DUE = "SELECT MIN(due) FROM runs WHERE job_id = %(job_id)s AND NOT discarded"
SERVER_NOW = "SELECT now()"

INSERT_DEAD_LETTER = """
INSERT INTO dead_letters (job_id, occurrence, attempts, error)
VALUES (%(job_id)s, %(occurrence)s, %(attempts)s, %(error)s)
"""
DEAD_LETTERS = "SELECT job_id, occurrence, attempts, error FROM dead_letters ORDER BY id"


class PostgresJobStore:
    """Jobs, runs and dead letters in PostgreSQL tables, for schedulers on many machines.

    One connection per store, which the store's threads take turns on. Each
    `transaction()` is a READ COMMITTED one in which a job is locked when it is read to be
    changed; claims skip rows locked by other claims. The store's clock, `now()`, is the
    server's (the one clock every machine shares) unless a `clock` is given.
    """

    def __init__(self, dsn: str, *, clock: Callable[[], datetime] | None = None) -> None:
        self.dsn = dsn
        self._clock = clock
        self._db = psycopg.connect(dsn, autocommit=True, options="-c TimeZone=UTC")
        with self._db.transaction():
            self._db.execute(SCHEMA_LOCK)
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    self._db.execute(statement)
        # Reentrant: a scheduler may take its clock from the store (Scheduler(store.now, ...))
        # and read it inside a transaction.
        self._lock = threading.RLock()
        self._rows = JobRows()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A transaction on the store's connection; threads take turns on it."""
        with self._lock, self._db.transaction():
            yield

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def now(self) -> datetime:
        """The time on the store's clock: the server's, or the clock the store was given."""
        if self._clock is not None:
            return self._clock()
        with self._lock:
            now: datetime = self._one(SERVER_NOW, {})
        return now

    def time(self, fallback: datetime) -> datetime:  # noqa: ARG002 - the store has a clock
        """The store's clock decides (inside a transaction, the server's is its start)."""
        if self._clock is not None:
            return self._clock()
        now: datetime = self._one(SERVER_NOW, {})
        return now

    def add(self, job: JobRecord) -> None:
        """Insert the job; UnstorableJobError for a callable task or a custom trigger."""
        self._db.execute(INSERT_JOB, self._rows.new(job))

    def get(self, job_id: str) -> JobRecord:
        """Read (and lock) the job; CorruptJobError if its row cannot be decoded."""
        row = self._db.execute(SELECT_JOB, {"id": job_id}).fetchone()
        if row is None:
            raise UnknownJobError(f"no job with id {job_id!r}")
        return self._rows.job(row)

    def update(self, job: JobRecord) -> None:
        """Write the job's changing fields."""
        self._db.execute(UPDATE_JOB, self._rows.changed(job))

    def jobs(self) -> list[JobRecord]:
        """Every readable job, in scheduling order."""
        return [self._rows.job(row) for row in self._db.execute(READABLE_JOBS).fetchall()]

    def enqueue(self, run: PendingRun) -> None:
        """Insert a run, ordered after the runs of jobs scheduled before its job."""
        self._db.execute(
            INSERT_RUN,
            {
                "job_id": run.job_id,
                "occurrence": run.occurrence,
                "attempt": run.attempt,
                "due": run.due,
                "priority": run.priority,
                "planned": run.planned,
            },
        )

    def claim_due(
        self, now: datetime, owner: str, lease_until: datetime, limit: int
    ) -> list[tuple[PendingRun, JobRecord]]:
        """Lease up to `limit` claimable runs in one statement; unreadable jobs are set aside."""
        query = {"now": now, "owner": owner, "lease_until": lease_until, "limit": limit}
        claimed: list[tuple[PendingRun, JobRecord, int]] = []
        while not claimed and (rows := self._db.execute(CLAIM, query).fetchall()):
            for row in rows:  # the jobs set aside are not selected again
                run = _run(row[:_RUN_WIDTH])
                try:
                    job = self._rows.job(row[_RUN_WIDTH:-1])
                except CorruptJobError as error:
                    self._db.execute(SET_ASIDE, {"id": run.job_id, "problem": str(error)})
                    continue
                claimed.append((run, job, row[-1]))
        claimed.sort(key=lambda each: (each[0].due, -each[0].priority, each[2], each[0].id))
        return [(run, job) for run, job, _ in claimed]

    def save_run(self, run: PendingRun) -> None:
        """Write the run's occurrence and planned flag."""
        self._db.execute(
            SAVE_RUN, {"id": run.id, "occurrence": run.occurrence, "planned": run.planned}
        )

    def release(self, run: PendingRun) -> None:
        """Drop the lease."""
        self._db.execute(RELEASE, {"id": run.id})

    def finish(self, run: PendingRun) -> bool:
        """Delete the run, if `run` holds its current token."""
        return self._db.execute(DELETE_RUN, {"id": run.id, "token": run.token}).rowcount == 1

    def renew(self, runs: Iterable[PendingRun], lease_until: datetime) -> int:
        """Move the leases' ends in one statement, where the tokens still hold."""
        held = list(runs)
        ids, tokens = [run.id for run in held], [run.token for run in held]
        parameters = {"ids": ids, "tokens": tokens, "lease_until": lease_until}
        return self._db.execute(RENEW, parameters).rowcount

    def hold(self, job_id: str) -> None:
        """Mark the job held: the claim passes over its runs."""
        self._db.execute(HOLD, {"id": job_id, "held": True})

    def unhold(self, job_id: str) -> None:
        """Clear the mark."""
        self._db.execute(HOLD, {"id": job_id, "held": False})

    def discard_runs(self, job_id: str) -> None:
        """Delete the job's queued runs, and mark its claimed ones discarded."""
        self._db.execute(DELETE_RUNS_OF_JOB, {"job_id": job_id})
        self._db.execute(DISCARD_CLAIMED_RUNS, {"job_id": job_id})

    def pending(self, job_id: str) -> int:
        """How many runs of the job are in the table."""
        return int(self._one(COUNT_RUNS_OF_JOB, {"job_id": job_id}))

    def next_due(self, job_id: str) -> datetime | None:
        """The earliest due time among the job's runs."""
        due: datetime | None = self._one(NEXT_DUE, {"job_id": job_id})
        return due

    def add_dead_letter(self, letter: DeadLetter) -> None:
        """Insert a dead letter."""
        self._db.execute(
            INSERT_DEAD_LETTER,
            {
                "job_id": letter.job_id,
                "occurrence": letter.occurrence,
                "attempts": letter.attempts,
                "error": letter.error,
            },
        )

    def dead_letters(self) -> list[DeadLetter]:
        """Every dead letter, oldest first."""
        return [DeadLetter(*row) for row in self._db.execute(DEAD_LETTERS).fetchall()]

    def broken(self) -> list[BrokenJob]:
        """Jobs whose rows could not be read, with the reason."""
        return [BrokenJob(job_id, problem) for job_id, problem in self._db.execute(BROKEN)]

    def _one(self, statement: str, parameters: dict[str, Any]) -> Any:  # noqa: ANN401 - a column
        row = self._db.execute(statement, parameters).fetchone()
        return None if row is None else row[0]


def _run(row: tuple[Any, ...]) -> PendingRun:
    """The run in a row selected as `_RUN`."""
    run_id, job_id, occurrence, attempt, due, priority, planned, token = row
    return PendingRun(job_id, occurrence, attempt, due, priority, planned, run_id, token)
