"""A JobStore in one SQLite file (WAL mode), shared safely by threads and processes.

Every statement the store runs is in this module and names its columns, and each list of
selected columns is unpacked by the one function beside it, so the schema and the code
that reads it change together.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from job_scheduler.errors import CorruptJobError, UnknownJobError
from job_scheduler.jobs import BrokenJob, DeadLetter
from job_scheduler.lifecycle import JobRecord, PendingRun
from job_scheduler.stores import codec
from job_scheduler.stores.rows import JobRows

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from datetime import datetime

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, task TEXT NOT NULL,
    trigger TEXT NOT NULL, options TEXT NOT NULL, status TEXT NOT NULL,
    runs INTEGER NOT NULL, last_error TEXT, held INTEGER NOT NULL DEFAULT 0, problem TEXT);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, job_id TEXT NOT NULL, occurrence INTEGER NOT NULL,
    attempt INTEGER NOT NULL, due INTEGER NOT NULL, priority INTEGER NOT NULL,
    job_seq INTEGER NOT NULL, planned INTEGER NOT NULL, owner TEXT, lease_until INTEGER,
    token INTEGER NOT NULL DEFAULT 0, discarded INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS runs_queue ON runs (due, priority DESC, job_seq, id);
-- Covers pending() and next_due(), which then read no table row.
CREATE INDEX IF NOT EXISTS runs_of_job ON runs (job_id, discarded, due);
CREATE TABLE IF NOT EXISTS dead_letters (
    id INTEGER PRIMARY KEY AUTOINCREMENT, job_id TEXT NOT NULL, occurrence INTEGER NOT NULL,
    attempts INTEGER NOT NULL, error TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS fencing (last_token INTEGER NOT NULL);
INSERT INTO fencing (last_token) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM fencing);
"""

# Read by JobRows.job and _run, in this order.
_JOB = ", ".join(f"j.{column}" for column in JobRows.SELECTED)
_RUN = "r.id, r.job_id, r.occurrence, r.attempt, r.due, r.priority, r.planned, r.token"
_RUN_WIDTH = 8

# seq is the rowid: the next integer, so jobs are numbered in the order they were added.
INSERT_JOB = """
INSERT INTO jobs (id, name, task, trigger, options, status, runs, last_error)
VALUES (:id, :name, :task, :trigger, :options, :status, :runs, :last_error)
"""
SELECT_JOB = f"SELECT {_JOB} FROM jobs j WHERE j.id = ?"  # noqa: S608 - constant column list
UPDATE_JOB = (
    "UPDATE jobs SET status = :status, runs = :runs, last_error = :last_error WHERE id = :id"
)
READABLE_JOBS = f"SELECT {_JOB} FROM jobs j WHERE j.problem IS NULL ORDER BY j.seq"  # noqa: S608 - same
SET_ASIDE = "UPDATE jobs SET problem = :problem WHERE id = :id"
HOLD = "UPDATE jobs SET held = :held WHERE id = :id"
BROKEN = "SELECT id, problem FROM jobs WHERE problem IS NOT NULL ORDER BY seq"

INSERT_RUN = """
INSERT INTO runs (job_id, occurrence, attempt, due, priority, job_seq, planned)
VALUES (:job_id, :occurrence, :attempt, :due, :priority,
        (SELECT seq FROM jobs WHERE id = :job_id), :planned)
"""
# The first runs by due time, priority and job order that no live lease holds, of jobs
# that are neither held nor set aside; the runs_queue index yields them in that order,
# and each run's job_seq finds its job by rowid, without the id index.
CLAIMABLE = f"""
SELECT {_RUN}, {_JOB} FROM runs r JOIN jobs j ON j.seq = r.job_seq
WHERE r.due <= :now AND (r.lease_until IS NULL OR r.lease_until <= :now)
  AND r.discarded = 0 AND j.held = 0 AND j.problem IS NULL
ORDER BY r.due, r.priority DESC, r.job_seq, r.id LIMIT :limit
"""  # noqa: S608 - the interpolated text is the constant column lists, not input
NEXT_FENCING = "UPDATE fencing SET last_token = last_token + 1 RETURNING last_token"
LEASE = """
UPDATE runs SET owner = :owner, lease_until = :lease_until, token = :token WHERE id = :id
"""
SAVE_RUN = "UPDATE runs SET occurrence = :occurrence, planned = :planned WHERE id = :id"
RELEASE = "UPDATE runs SET owner = NULL, lease_until = NULL, token = 0 WHERE id = :id"
DELETE_RUN = "DELETE FROM runs WHERE id = :id AND token = :token"
RENEW = "UPDATE runs SET lease_until = :lease_until WHERE id = :id AND token = :token"
# Claimed runs of a discarded job stay, marked, until their holders finish them.
DELETE_RUNS_OF_JOB = "DELETE FROM runs WHERE job_id = :job_id AND token = 0"
DISCARD_CLAIMED_RUNS = "UPDATE runs SET discarded = 1 WHERE job_id = :job_id"
COUNT_RUNS_OF_JOB = "SELECT COUNT(*) FROM runs WHERE job_id = :job_id AND discarded = 0"
NEXT_DUE = "SELECT MIN(due) FROM runs WHERE job_id = :job_id AND discarded = 0"

INSERT_DEAD_LETTER = """
INSERT INTO dead_letters (job_id, occurrence, attempts, error)
VALUES (:job_id, :occurrence, :attempts, :error)
"""
DEAD_LETTERS = "SELECT job_id, occurrence, attempts, error FROM dead_letters ORDER BY id"


class SqliteJobStore:
    """Jobs, runs and dead letters in tables; the due queue is an index on (due, priority).

    Each `transaction()` is a ``BEGIN IMMEDIATE`` one, so schedulers in several processes
    serialise their changes; a run is claimed with a lease, and a run whose lease has
    expired (its process died) can be claimed again.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._db = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=30.0
        )
        # Every commit writes each page it changed to the log, and a run changes about
        # seven pages (its job, its run and two indexes, the next run and its job, the
        # fencing counter): 1 KiB pages write a quarter of the bytes of the default 4 KiB.
        # It applies to a new file only; an existing one keeps its page size.
        self._db.execute("PRAGMA page_size=1024")
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # durable against process crashes
        # A checkpoint (two fsyncs) every 40,000 pages of log rather than 1,000: measured, it
        # halves the average commit, and the log stays under 42 MB.
        self._db.execute("PRAGMA wal_autocheckpoint=40000")
        self._db.executescript(SCHEMA)
        self._lock = threading.Lock()
        self._rows = JobRows()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """An immediate (write-locking) transaction; threads take turns on the connection."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def time(self, fallback: datetime) -> datetime:
        """No clock of its own: the scheduler's (processes on one machine share one)."""
        return fallback

    def add(self, job: JobRecord) -> None:
        """Insert the job; UnstorableJobError for a callable task or a custom trigger."""
        self._db.execute(INSERT_JOB, self._rows.new(job))

    def get(self, job_id: str) -> JobRecord:
        """Read the job back; CorruptJobError if its row cannot be decoded."""
        row = self._db.execute(SELECT_JOB, (job_id,)).fetchone()
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
                "occurrence": codec.encode_time(run.occurrence),
                "attempt": run.attempt,
                "due": codec.encode_time(run.due),
                "priority": run.priority,
                "planned": run.planned,
            },
        )

    def claim_due(
        self, now: datetime, owner: str, lease_until: datetime, limit: int
    ) -> list[tuple[PendingRun, JobRecord]]:
        """Lease the first claimable runs; a job that cannot be read is set aside.

        The transaction holds the file's write lock, so no other claim runs meanwhile.
        """
        claimed: list[tuple[PendingRun, JobRecord]] = []
        until = codec.encode_time(lease_until)
        query = {"now": codec.encode_time(now), "limit": limit}
        while not claimed and (rows := self._db.execute(CLAIMABLE, query).fetchall()):
            for row in rows:  # the rows set aside are not selected again
                run = _run(row[:_RUN_WIDTH])
                try:
                    job = self._rows.job(row[_RUN_WIDTH:])
                except CorruptJobError as error:
                    self._db.execute(SET_ASIDE, {"id": run.job_id, "problem": str(error)})
                    continue
                (token,) = self._db.execute(NEXT_FENCING).fetchone()
                lease = {"id": run.id, "owner": owner, "lease_until": until, "token": token}
                self._db.execute(LEASE, lease)
                claimed.append((run.claimed(token), job))
        return claimed

    def save_run(self, run: PendingRun) -> None:
        """Write the run's occurrence and planned flag."""
        occurrence = codec.encode_time(run.occurrence)
        self._db.execute(SAVE_RUN, {"id": run.id, "occurrence": occurrence, "planned": run.planned})

    def release(self, run: PendingRun) -> None:
        """Drop the lease."""
        self._db.execute(RELEASE, {"id": run.id})

    def finish(self, run: PendingRun) -> bool:
        """Delete the run, if `run` holds its current token."""
        return self._db.execute(DELETE_RUN, {"id": run.id, "token": run.token}).rowcount == 1

    def renew(self, runs: Iterable[PendingRun], lease_until: datetime) -> int:
        """Move the leases' ends, where the tokens still hold."""
        until = codec.encode_time(lease_until)
        return sum(
            self._db.execute(
                RENEW, {"id": run.id, "token": run.token, "lease_until": until}
            ).rowcount
            for run in runs
        )

    def hold(self, job_id: str) -> None:
        """Mark the job held: the claim query passes over its runs."""
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
        return int(self._db.execute(COUNT_RUNS_OF_JOB, {"job_id": job_id}).fetchone()[0])

    def next_due(self, job_id: str) -> datetime | None:
        """The earliest due time among the job's runs."""
        (due,) = self._db.execute(NEXT_DUE, {"job_id": job_id}).fetchone()
        return None if due is None else codec.decode_time(due)

    def add_dead_letter(self, letter: DeadLetter) -> None:
        """Insert a dead letter."""
        self._db.execute(
            INSERT_DEAD_LETTER,
            {
                "job_id": letter.job_id,
                "occurrence": codec.encode_time(letter.occurrence),
                "attempts": letter.attempts,
                "error": letter.error,
            },
        )

    def dead_letters(self) -> list[DeadLetter]:
        """Every dead letter, oldest first."""
        return [
            DeadLetter(job_id, codec.decode_time(occurrence), attempts, error)
            for job_id, occurrence, attempts, error in self._db.execute(DEAD_LETTERS).fetchall()
        ]

    def broken(self) -> list[BrokenJob]:
        """Jobs whose rows could not be read, with the reason."""
        return [BrokenJob(job_id, problem) for job_id, problem in self._db.execute(BROKEN)]


def _run(row: tuple[Any, ...]) -> PendingRun:
    """The run in a row selected as `_RUN`."""
    run_id, job_id, occurrence, attempt, due, priority, planned, token = row
    return PendingRun(
        job_id=job_id,
        occurrence=codec.decode_time(occurrence),
        attempt=attempt,
        due=codec.decode_time(due),
        priority=priority,
        planned=bool(planned),
        id=run_id,
        token=token,
    )
