"""A job as the SQL stores keep it: a row of text and numbers, and back (SQLite, PostgreSQL)."""

from __future__ import annotations

import functools
import json
from typing import Any

from job_scheduler.errors import CorruptJobError, UnstorableJobError
from job_scheduler.jobs import JobOptions, JobStatus
from job_scheduler.lifecycle import JobRecord
from job_scheduler.stores import codec

_CACHED = 4096  # decoded triggers and options a store keeps: a few hundred kilobytes


class JobRows:
    """Writes a job's row and reads it back; the columns are those of `SELECTED`, in order.

    Decoding is pure and a job's trigger and options never change, so what was decoded is
    kept: each claim and each end of a run reads them again.
    """

    SELECTED = ("id", "name", "task", "trigger", "options", "status", "runs", "last_error")

    def __init__(self) -> None:
        self._decode_trigger = functools.lru_cache(maxsize=_CACHED)(codec.decode_trigger)
        self._decode_options = functools.lru_cache(maxsize=_CACHED)(codec.decode_options)
        # Jobs scheduled without options share one JobOptions: encode it once. Keyed by
        # identity, so any options, hashable or not, may come.
        self._encoded_options: tuple[JobOptions, str] | None = None

    def new(self, job: JobRecord) -> dict[str, Any]:
        """The values of a new job's row; UnstorableJobError for what cannot be written."""
        if not isinstance(job.task, str):
            raise UnstorableJobError(f"cannot store task {job.task!r}: register it by name")
        return {
            "id": job.id,
            "name": job.name,
            "task": job.task,
            "trigger": codec.encode_trigger(job.trigger),
            "options": self._encode_options(job.options),
            "status": job.status.value,
            "runs": job.runs,
            "last_error": job.last_error,
        }

    @staticmethod
    def changed(job: JobRecord) -> dict[str, Any]:
        """The values of the columns that change in a job's life."""
        return {
            "id": job.id,
            "status": job.status.value,
            "runs": job.runs,
            "last_error": job.last_error,
        }

    def job(self, row: tuple[Any, ...]) -> JobRecord:
        """The job in a row of the `SELECTED` columns; CorruptJobError if it cannot be read."""
        job_id, name, task, trigger, options, status, runs, last_error = row
        try:
            return JobRecord(
                id=job_id,
                name=name,
                task=task,
                trigger=self._decode_trigger(trigger),
                options=self._decode_options(options),
                status=JobStatus(status),
                runs=runs,
                last_error=last_error,
            )
        except (KeyError, TypeError, ValueError, json.JSONDecodeError) as error:
            raise CorruptJobError(f"job {job_id!r} cannot be read: {error!r}") from error

    def _encode_options(self, options: JobOptions) -> str:
        if self._encoded_options is None or self._encoded_options[0] is not options:
            self._encoded_options = (options, codec.encode_options(options))
        return self._encoded_options[1]
