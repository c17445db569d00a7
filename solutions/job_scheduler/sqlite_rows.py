"""The SQLite store's tables, its claim query, and rows turned back into records."""

from __future__ import annotations

import json

from job_scheduler import codec
from job_scheduler.errors import CorruptJobError
from job_scheduler.jobs import JobRecord, JobStatus, PendingRun

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY, seq INTEGER NOT NULL, name TEXT NOT NULL, task TEXT NOT NULL,
    trigger TEXT NOT NULL, options TEXT NOT NULL, status TEXT NOT NULL,
    runs INTEGER NOT NULL, last_error TEXT, problem TEXT);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, job_id TEXT NOT NULL, occurrence INTEGER NOT NULL,
    attempt INTEGER NOT NULL, due INTEGER NOT NULL, priority INTEGER NOT NULL,
    job_seq INTEGER NOT NULL, planned INTEGER NOT NULL DEFAULT 0, owner TEXT,
    lease_until INTEGER);
CREATE INDEX IF NOT EXISTS runs_queue ON runs (due, priority DESC, job_seq, id);
CREATE INDEX IF NOT EXISTS runs_of_job ON runs (job_id);
CREATE UNIQUE INDEX IF NOT EXISTS jobs_in_order ON jobs (seq);
CREATE TABLE IF NOT EXISTS dead_letters (
    id INTEGER PRIMARY KEY AUTOINCREMENT, job_id TEXT NOT NULL, occurrence INTEGER NOT NULL,
    attempts INTEGER NOT NULL, error TEXT NOT NULL);
"""
RUN_COLUMNS = "id, job_id, occurrence, attempt, due, priority, job_seq, planned"
CLAIMABLE = f"""
SELECT {", ".join("r." + column for column in RUN_COLUMNS.split(", "))} FROM runs r
JOIN jobs j ON j.id = r.job_id
WHERE r.due <= :now AND (r.lease_until IS NULL OR r.lease_until <= :now)
  AND j.status = 'scheduled'
ORDER BY r.due, r.priority DESC, r.job_seq, r.id LIMIT 1
"""  # noqa: S608 - the interpolated text is the constant column list, not input


def job(row: tuple[object, ...]) -> JobRecord:
    """The job in a ``jobs`` row; CorruptJobError naming the job if it cannot be decoded."""
    job_id, seq, name, task, trigger, options, status, runs, last_error, _ = row
    try:
        return JobRecord(
            id=str(job_id),
            name=str(name),
            task=str(task),
            trigger=codec.decode_trigger(str(trigger)),
            options=codec.decode_options(str(options)),
            seq=int(str(seq)),
            status=JobStatus(status),
            runs=int(str(runs)),
            last_error=None if last_error is None else str(last_error),
        )
    except (KeyError, TypeError, ValueError, json.JSONDecodeError) as error:
        raise CorruptJobError(f"job {job_id!r} cannot be read: {error!r}") from error


def run(row: tuple[int, str, int, int, int, int, int, int]) -> PendingRun:
    """The run in a ``runs`` row, selected as RUN_COLUMNS."""
    run_id, job_id, occurrence, attempt, due, priority, job_seq, planned = row
    occurrence_at, due_at = codec.moment(occurrence), codec.moment(due)
    return PendingRun(
        job_id, occurrence_at, attempt, due_at, priority, job_seq, run_id, bool(planned)
    )
