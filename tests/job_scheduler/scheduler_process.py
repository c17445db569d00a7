"""A scheduler process for the multi-process tests, driven line by line on stdin.

    python scheduler_process.py sqlite PATH NAME [--hang]
    python scheduler_process.py postgres DSN NAME [--hang]

Commands (`tests.job_scheduler.support.serve`): ``tick ISO-TIME`` sets the fake clock,
runs what is due and waits for it (answers ``done N``); ``start ISO-TIME`` does the same
without waiting (answers ``started N``); ``quit``. Every task appends a row (task, clock
time, process) to the ``log`` table of the same SQLite file or PostgreSQL database. With
``--hang`` the task ``hang`` says ``running hang`` on stdout and then blocks forever, so
the test can kill the process mid-run. A PostgreSQL store decides time on the same fake
clock.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from typing import TYPE_CHECKING

from job_scheduler import PostgresJobStore, Scheduler, SqliteJobStore, TaskRegistry, WorkerPool

from tests.job_scheduler.support import LEASE, ONE_OFF_JOBS, say, serve
from tests.support import FakeClock

if TYPE_CHECKING:
    from collections.abc import Callable


class Log:
    """The table ``log`` in the shared store, which the store itself never touches."""

    def __init__(self, kind: str, where: str) -> None:
        self.kind = kind
        self.where = where
        self.write(
            "CREATE TABLE IF NOT EXISTS log (task TEXT, at TEXT, process TEXT)",
            (),
        )

    def add(self, task: str, at: str, process: str) -> None:
        """Append one row."""
        if self.kind == "sqlite":
            self.write("INSERT INTO log VALUES (?, ?, ?)", (task, at, process))
        else:
            self.write("INSERT INTO log VALUES (%s, %s, %s)", (task, at, process))

    def write(self, statement: str, values: tuple[str, ...]) -> None:
        """Run one statement in its own transaction."""
        if self.kind == "sqlite":
            with sqlite3.connect(self.where, timeout=60) as log:
                log.execute(statement, values)
            return
        import psycopg  # noqa: PLC0415 - only the PostgreSQL case needs it

        with psycopg.connect(self.where) as log:
            log.execute(statement, values)


def registry(log: Log, name: str, clock: FakeClock, *, hang: bool) -> TaskRegistry:
    """Tasks named ``once-N``, ``every`` and ``hang``, each logging its run."""

    def task(label: str) -> Callable[[], None]:
        def run() -> None:
            if label == "hang" and hang:
                say("running hang")
                threading.Event().wait()
            log.add(label, clock().isoformat(), name)

        return run

    tasks = TaskRegistry()
    for label in [*(f"once-{n}" for n in range(ONE_OFF_JOBS)), "every", "hang"]:
        tasks.register(label, task(label))
    return tasks


def main(kind: str, where: str, name: str, *, hang: bool) -> None:
    """Answer the parent's commands until ``quit``."""
    log = Log(kind, where)
    clock = FakeClock()
    pool = WorkerPool(4)
    store: SqliteJobStore | PostgresJobStore
    store = SqliteJobStore(where) if kind == "sqlite" else PostgresJobStore(where, clock=clock)
    scheduler = Scheduler(
        clock,
        store=store,
        registry=registry(log, name, clock, hang=hang),
        executor=pool,
        lease=LEASE,
    )
    serve(scheduler, clock, {})
    pool.shutdown()
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], hang="--hang" in sys.argv[4:])
