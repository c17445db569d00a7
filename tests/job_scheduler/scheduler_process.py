"""A scheduler process for the multi-process tests, driven line by line on stdin.

    python scheduler_process.py DATABASE NAME [--hang]

Commands: ``tick ISO-TIME`` sets the fake clock, runs what is due and waits for it
(answers ``done N``); ``start ISO-TIME`` does the same without waiting (answers
``started N``); ``quit``. Every task appends a row (task, clock time, process) to the
``log`` table of the same file. With ``--hang`` the task ``hang`` says ``running hang`` on
stdout and then blocks forever, so the test can kill the process mid-run.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from job_scheduler import Scheduler, SqliteJobStore, TaskRegistry, WorkerPool

if TYPE_CHECKING:
    from collections.abc import Callable

ONE_OFF_JOBS = 60
LEASE = timedelta(minutes=1)
WAIT = timedelta(seconds=60)


_OUTPUT = threading.Lock()


def say(line: str) -> None:
    """Write one whole line to the parent; worker threads and the main thread share stdout."""
    with _OUTPUT:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


class Clock:
    """A clock the parent test sets."""

    def __init__(self) -> None:
        self.now = datetime.fromisoformat("2026-03-02T08:00:00+00:00")  # START of tests/support.py

    def __call__(self) -> datetime:
        """The time the parent last set."""
        return self.now


def registry(database: str, name: str, clock: Clock, *, hang: bool) -> TaskRegistry:
    """Tasks named ``once-N``, ``every`` and ``hang``, each logging its run."""

    def task(label: str) -> Callable[[], None]:
        def run() -> None:
            if label == "hang" and hang:
                say("running hang")
                threading.Event().wait()
            with sqlite3.connect(database, timeout=60) as log:
                log.execute("INSERT INTO log VALUES (?, ?, ?)", (label, clock().isoformat(), name))

        return run

    tasks = TaskRegistry()
    for label in [*(f"once-{n}" for n in range(ONE_OFF_JOBS)), "every", "hang"]:
        tasks.register(label, task(label))
    return tasks


def main(database: str, name: str, *, hang: bool) -> None:
    """Answer the parent's commands until ``quit``."""
    with sqlite3.connect(database, timeout=60) as log:
        log.execute("CREATE TABLE IF NOT EXISTS log (task TEXT, at TEXT, process TEXT)")
    clock = Clock()
    pool = WorkerPool(4)
    store = SqliteJobStore(database)
    scheduler = Scheduler(
        clock,
        store=store,
        registry=registry(database, name, clock, hang=hang),
        executor=pool,
        lease=LEASE,
    )
    say("ready")
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "quit":
            break
        clock.now = datetime.fromisoformat(argument)
        started = scheduler.run_pending()
        if command == "tick":
            scheduler.wait_idle(WAIT)
        say(f"{'done' if command == 'tick' else 'started'} {len(started)}")
    pool.shutdown()
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], hang="--hang" in sys.argv[3:])
