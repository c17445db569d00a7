"""What the reference SQLite store reports about a row it cannot read, column by column.

Unit tests of the reference solution's own schema (run with ``--impl solutions``). The
acceptance tests corrupt a row only as the spec says (every text value but the id); these
write one column of this schema at a time, so the reason can name the unknown type or the
missing field.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import pytest
from job_scheduler import CorruptJobError, Interval, Scheduler, SqliteJobStore, TaskRegistry

from tests.job_scheduler.support import MINUTE
from tests.support import FakeClock

if TYPE_CHECKING:
    from pathlib import Path

OPTIONS_WITH_AN_UNKNOWN_RETRY = (
    '{"priority": 0, "max_concurrent": 1, "retry": {"type": "psychic"}, "timeout": null,'
    ' "misfire": "run_each", "grace": 0, "until": null, "max_runs": null}'
)


@pytest.mark.parametrize(
    ("column", "value", "detail"),
    [
        ("trigger", "{not json", "JSONDecodeError"),
        ("trigger", '{"type": "sundial"}', "sundial"),
        ("options", '{"priority": 0}', "max_concurrent"),
        ("options", "null", "TypeError"),
        ("options", OPTIONS_WITH_AN_UNKNOWN_RETRY, "psychic"),
        ("status", "asleep", "asleep"),
    ],
    ids=[
        "trigger not JSON",
        "unknown trigger type",
        "options missing fields",
        "options null",
        "unknown retry policy",
        "unknown status",
    ],
)
def test_the_reason_names_the_job_and_what_could_not_be_read(
    tmp_path: Path, column: str, value: str, detail: str
) -> None:
    database = tmp_path / "jobs.sqlite"
    clock = FakeClock()
    registry = TaskRegistry()
    registry.register("task", lambda: None)
    store = SqliteJobStore(database)
    scheduler = Scheduler(clock, store=store, registry=registry)
    job = scheduler.schedule("task", Interval(MINUTE))
    with sqlite3.connect(database) as connection:
        connection.execute(f"UPDATE jobs SET {column} = ? WHERE id = ?", (value, job.id))  # noqa: S608 - fixed column names

    clock.advance(MINUTE)
    ran = scheduler.run_pending()

    assert ran == []
    (broken,) = scheduler.broken_jobs()
    assert job.id in broken.reason
    assert detail in broken.reason
    with pytest.raises(CorruptJobError, match=detail):
        scheduler.info(job.id)
    store.close()
