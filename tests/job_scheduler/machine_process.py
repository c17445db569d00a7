"""A worker machine for step 9's tests: a scheduler on a PostgreSQL store, driven on stdin.

    python machine_process.py DSN NAME [--stall]

The store and the scheduler share a fake clock that the parent sets with each command
(`tests.job_scheduler.support.serve`): ``tick ISO-TIME`` runs what is due and waits for it
(answers ``done N``); ``start ISO-TIME`` does the same without waiting (``started N``);
``heartbeat ISO-TIME`` renews the leases of the runs in flight (``renewed N``); ``release``
lets stalled tasks return and waits for them (``idle True``); ``quit``. Every task logs
``ran`` with its run's key (``current_run().key``) and every outcome its event's kind, as
rows (entry, key, process) of the table ``log`` that this process creates. With
``--stall`` the task ``stall`` says ``stalled KEY`` on stdout after logging, then waits for
``release``.
"""

from __future__ import annotations

import sys
import threading
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import psycopg
from job_scheduler import (
    Event,
    EventKind,
    PostgresJobStore,
    Scheduler,
    TaskRegistry,
    WorkerPool,
    current_run,
)

from tests.job_scheduler.support import BOUND, LEASE, ONE_OFF_JOBS, say, serve
from tests.support import FakeClock

if TYPE_CHECKING:
    from collections.abc import Callable

OUTCOMES = frozenset({EventKind.SUCCEEDED, EventKind.FAILED, EventKind.LEASE_LOST})


class Machine:
    """The tasks, the log and the release of stalled tasks of one worker process."""

    def __init__(self, dsn: str, name: str, *, stall: bool) -> None:
        self.dsn = dsn
        self.name = name
        self.stall = stall
        self.released = threading.Event()

    def log(self, entry: str, key: str) -> None:
        """Append one row to the ``log`` table."""
        with psycopg.connect(self.dsn, autocommit=True) as connection:
            connection.execute("INSERT INTO log VALUES (%s, %s, %s)", (entry, key, self.name))

    def registry(self) -> TaskRegistry:
        """Tasks named ``once-N``, ``every`` and ``stall``, each logging its run."""
        tasks = TaskRegistry()
        for label in [*(f"once-{n}" for n in range(ONE_OFF_JOBS)), "every", "stall"]:
            tasks.register(label, self._task(label))
        return tasks

    def _task(self, label: str) -> Callable[[], None]:
        def run() -> None:
            running = current_run()
            key = running.key if running is not None else "<no current run>"
            self.log("ran", key)
            if label == "stall" and self.stall:
                say(f"stalled {key}")
                self.released.wait()

        return run

    def record(self, event: Event) -> None:
        """Log an outcome event with the key of its run."""
        if event.kind in OUTCOMES and event.occurrence is not None:
            self.log(event.kind.name, f"{event.job_id}@{event.occurrence.isoformat()}")


def main(dsn: str, name: str, *, stall: bool) -> None:
    """Answer the parent's commands until ``quit``."""
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute("CREATE TABLE IF NOT EXISTS log (entry TEXT, key TEXT, process TEXT)")
    machine = Machine(dsn, name, stall=stall)
    clock = FakeClock()
    pool = WorkerPool(4)
    store = PostgresJobStore(dsn, clock=clock)
    scheduler = Scheduler(
        clock, store=store, registry=machine.registry(), executor=pool, lease=LEASE
    )
    unsubscribe = scheduler.subscribe(machine.record)

    def heartbeat(moment: str) -> str:
        clock.set(datetime.fromisoformat(moment))
        return f"renewed {scheduler.heartbeat()}"

    def release(_: str) -> str:
        machine.released.set()
        return f"idle {scheduler.wait_idle(timedelta(seconds=BOUND))}"

    serve(scheduler, clock, {"heartbeat": heartbeat, "release": release})
    machine.released.set()
    pool.shutdown()
    unsubscribe()
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], stall="--stall" in sys.argv[3:])
