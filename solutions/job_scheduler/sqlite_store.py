"""A JobStore in one SQLite file (WAL mode), shared safely by threads and processes."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from job_scheduler import codec, sqlite_rows
from job_scheduler.errors import CorruptJobError, UnknownJobError, UnstorableJobError
from job_scheduler.jobs import BrokenJob, DeadLetter, JobRecord, PendingRun

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import datetime


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
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # durable against process crashes
        self._db.executescript(sqlite_rows.SCHEMA)
        self._lock = threading.Lock()

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

    def add(self, job: JobRecord) -> JobRecord:
        """Insert the job; UnstorableJobError for a callable task or a custom trigger."""
        if not isinstance(job.task, str):
            raise UnstorableJobError(f"cannot store task {job.task!r}: register it by name")
        trigger, options = codec.encode_trigger(job.trigger), codec.encode_options(job.options)
        (seq,) = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs").fetchone()
        self._db.execute(
            "INSERT INTO jobs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            (job.id, seq, job.name, job.task, trigger, options, job.status.value, job.runs, None),
        )
        return job.numbered(seq)

    def get(self, job_id: str) -> JobRecord:
        """Read the job back; CorruptJobError if its row cannot be decoded."""
        row = self._db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise UnknownJobError(f"no job with id {job_id!r}")
        return sqlite_rows.job(row)

    def update(self, job: JobRecord) -> None:
        """Write the job's changing fields."""
        self._db.execute(
            "UPDATE jobs SET status = ?, runs = ?, last_error = ? WHERE id = ?",
            (job.status.value, job.runs, job.last_error, job.id),
        )

    def jobs(self) -> list[JobRecord]:
        """Every readable job, in scheduling order."""
        rows = self._db.execute("SELECT * FROM jobs WHERE problem IS NULL ORDER BY seq")
        return [sqlite_rows.job(row) for row in rows.fetchall()]

    def enqueue(self, run: PendingRun) -> None:
        """Insert a run."""
        self._db.execute(
            "INSERT INTO runs (job_id, occurrence, attempt, due, priority, job_seq)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                run.job_id,
                codec.instant(run.occurrence),
                run.attempt,
                codec.instant(run.due),
                run.priority,
                run.job_seq,
            ),
        )

    def claim_due(
        self, now: datetime, owner: str, lease_until: datetime
    ) -> tuple[PendingRun, JobRecord] | None:
        """Lease the first claimable run; a job that cannot be read is marked broken."""
        while True:
            row = self._db.execute(sqlite_rows.CLAIMABLE, {"now": codec.instant(now)}).fetchone()
            if row is None:
                return None
            run = sqlite_rows.run(row)
            try:
                job = self.get(run.job_id)
            except CorruptJobError as error:
                self._db.execute(
                    "UPDATE jobs SET status = 'broken', problem = ? WHERE id = ?",
                    (str(error), run.job_id),
                )
                continue
            self._db.execute(
                "UPDATE runs SET owner = ?, lease_until = ? WHERE id = ?",
                (owner, codec.instant(lease_until), run.id),
            )
            return run, job

    def save_run(self, run: PendingRun) -> None:
        """Write the run's occurrence and planned flag."""
        self._db.execute(
            "UPDATE runs SET occurrence = ?, planned = ? WHERE id = ?",
            (codec.instant(run.occurrence), run.planned, run.id),
        )

    def release(self, run: PendingRun) -> None:
        """Drop the lease."""
        self._db.execute("UPDATE runs SET owner = NULL, lease_until = NULL WHERE id = ?", (run.id,))

    def finish(self, run: PendingRun) -> None:
        """Delete the run."""
        self._db.execute("DELETE FROM runs WHERE id = ?", (run.id,))

    def discard_runs(self, job_id: str) -> None:
        """Delete the job's runs."""
        self._db.execute("DELETE FROM runs WHERE job_id = ?", (job_id,))

    def pending(self, job_id: str) -> int:
        """How many runs of the job are in the table."""
        query = "SELECT COUNT(*) FROM runs WHERE job_id = ?"
        return int(self._db.execute(query, (job_id,)).fetchone()[0])

    def next_due(self, job_id: str) -> datetime | None:
        """The earliest due time among the job's runs."""
        (due,) = self._db.execute(
            "SELECT MIN(due) FROM runs WHERE job_id = ?", (job_id,)
        ).fetchone()
        return None if due is None else codec.moment(due)

    def add_dead_letter(self, letter: DeadLetter) -> None:
        """Insert a dead letter."""
        self._db.execute(
            "INSERT INTO dead_letters (job_id, occurrence, attempts, error) VALUES (?, ?, ?, ?)",
            (letter.job_id, codec.instant(letter.occurrence), letter.attempts, letter.error),
        )

    def dead_letters(self) -> list[DeadLetter]:
        """Every dead letter, oldest first."""
        rows = self._db.execute(
            "SELECT job_id, occurrence, attempts, error FROM dead_letters ORDER BY id"
        ).fetchall()
        return [
            DeadLetter(job, codec.moment(at), attempts, error) for job, at, attempts, error in rows
        ]

    def broken(self) -> list[BrokenJob]:
        """Jobs whose rows could not be read, with the reason."""
        rows = self._db.execute(
            "SELECT id, problem FROM jobs WHERE problem IS NOT NULL ORDER BY seq"
        )
        return [BrokenJob(job_id, problem) for job_id, problem in rows.fetchall()]
