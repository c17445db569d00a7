"""Schedule and run 100,000 one-off jobs on a fake clock, in memory and in SQLite.

Run with ``make bench``. Prints the seconds and the microseconds per job for scheduling
and for running (``run_pending`` claims each due run, runs it and records the outcome).
Jobs are spread over 1,000 distinct due times so the queue holds many entries at once;
finding the next due run is a heap pop in memory and an index seek in SQLite.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "solutions"))

from job_scheduler import InMemoryJobStore, JobStore, Scheduler, SqliteJobStore, TaskRegistry

JOBS = 100_000
DUE_TIMES = 1_000
START = datetime(2030, 1, 1, tzinfo=UTC)


class Clock:
    """A fake clock the benchmark moves."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        """The benchmark's current time."""
        return self.now


def measure(label: str, store: JobStore) -> None:
    """Schedule JOBS one-off jobs, run them all, and print the cost of each phase."""
    clock = Clock()
    registry = TaskRegistry()
    registry.register("noop", lambda: None)
    scheduler = Scheduler(clock, store=store, registry=registry)
    started = time.perf_counter()
    for number in range(JOBS):
        offset = timedelta(seconds=(number * 7919) % DUE_TIMES)
        scheduler.schedule_at(START + offset, "noop")
    scheduled = time.perf_counter()
    clock.now = START + timedelta(seconds=DUE_TIMES)
    ran = len(scheduler.run_pending())
    finished = time.perf_counter()
    assert ran == JOBS, f"{label}: ran {ran} of {JOBS}"
    for phase, seconds in (("schedule", scheduled - started), ("run", finished - scheduled)):
        print(f"{label:>7} {phase:>8}: {seconds:7.2f} s  {seconds / JOBS * 1e6:7.1f} us/job")


def main() -> None:
    """Both stores, one after the other."""
    print(f"{JOBS:,} one-off jobs over {DUE_TIMES:,} due times, fake clock")
    measure("memory", InMemoryJobStore())
    with tempfile.TemporaryDirectory() as folder:
        store = SqliteJobStore(Path(folder) / "bench.sqlite")
        try:
            measure("sqlite", store)
        finally:
            store.close()


if __name__ == "__main__":
    main()
