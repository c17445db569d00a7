"""Claims per second and start latency of the reference's PostgresJobStore.

Run with ``make bench``. It starts a throwaway PostgreSQL cluster of its own (the tests'
one: ``tests/job_scheduler/postgres.py``; ``JOB_SCHEDULER_POSTGRES_DSN`` names a server of
your own instead), and measures, each on a fresh database:

- **Claims per second**: JOBS one-off jobs, all due, drained by 1, 2 and 4 worker
  processes at once, each a ``Scheduler`` on its own ``PostgresJobStore`` on the server's
  clock. Twice: with the inline executor (one claim per transaction, the run recorded in
  the next) and with a ``WorkerPool(4)`` (claims in batches of 32). The figure is the
  jobs divided by the time from the workers' common start to the last one's end.
- **Latency from due to started**: one worker polling ``run_pending()`` back to back
  while LATENCY_JOBS jobs fall due one by one, 20 ms apart; each task reads the server's
  clock when it starts, and the figure is that minus its occurrence (median, 90th and
  99th percentile, and the worst).

Without PostgreSQL it says how to get it and stops. No peer is measured beside it: the
peers installed from PyPI that ``bench_job_scheduler.py`` measures have no PostgreSQL
store with claims a benchmark could drive the same way (APScheduler 3's SQLAlchemy store
takes no leases, so two of its schedulers on one database run a job twice).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "solutions"), str(ROOT)]

import psycopg  # noqa: E402 - the path above first
from job_scheduler import (  # noqa: E402 - same
    PostgresJobStore,
    Scheduler,
    TaskRegistry,
    WorkerPool,
    current_run,
)

from tests.job_scheduler.postgres import PostgresUnavailableError, server  # noqa: E402 - same

if TYPE_CHECKING:
    from job_scheduler import Executor

JOBS = 2_000
WORKERS = (1, 2, 4)
LATENCY_JOBS = 200
LATENCY_GAP = timedelta(milliseconds=20)
WAIT = timedelta(seconds=120)


def noop() -> None:
    """The benchmark's task: nothing, so the store's work is what is measured."""


def worker(dsn: str, mode: str) -> None:
    """Drain the due runs: answer ``ready``, wait for ``go``, run, answer ``done N``."""
    store = PostgresJobStore(dsn)
    registry = TaskRegistry()
    registry.register("noop", noop)
    pool = WorkerPool(4) if mode == "pool" else None
    executor: Executor | None = pool
    scheduler = Scheduler(store.now, store=store, registry=registry, executor=executor)
    print("ready", flush=True)
    sys.stdin.readline()
    started = 0
    while True:
        runs = scheduler.run_pending()
        started += len(runs)
        if not runs:
            scheduler.wait_idle(WAIT)
            if not scheduler.run_pending():
                break
    if pool is not None:
        pool.shutdown()
    store.close()
    print(f"done {started}", flush=True)


def fill(dsn: str, jobs: int) -> None:
    """Schedule `jobs` one-off jobs, all due a minute ago on the server's clock."""
    store = PostgresJobStore(dsn)
    registry = TaskRegistry()
    registry.register("noop", noop)
    scheduler = Scheduler(store.now, store=store, registry=registry)
    due = store.now() - timedelta(minutes=1)
    for _ in range(jobs):
        scheduler.schedule_at(due, "noop")
    store.close()


def claims_per_second(dsn: str, workers: int, mode: str) -> float:
    """Drain JOBS due jobs with `workers` processes; jobs per second of the drain."""
    fill(dsn, JOBS)
    children = [
        subprocess.Popen(  # noqa: S603 - this script, with our own arguments
            [sys.executable, __file__, "--worker", dsn, mode],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(workers)
    ]
    for child in children:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
    began = time.perf_counter()
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    counts = []
    for child in children:
        assert child.stdout is not None
        counts.append(int(child.stdout.readline().split()[1]))
        child.wait()
    elapsed = time.perf_counter() - began
    assert sum(counts) == JOBS, counts
    return JOBS / elapsed


def latencies(dsn: str) -> list[float]:
    """Milliseconds from due to started, for jobs due one by one, one worker polling."""
    store = PostgresJobStore(dsn)
    seen: list[timedelta] = []

    def record() -> None:
        run = current_run()
        assert run is not None
        seen.append(store.now() - run.occurrence)

    registry = TaskRegistry()
    registry.register("record", record)
    scheduler = Scheduler(store.now, store=store, registry=registry)
    first = store.now() + timedelta(seconds=1)
    for n in range(LATENCY_JOBS):
        scheduler.schedule_at(first + n * LATENCY_GAP, "record")
    last = first + LATENCY_JOBS * LATENCY_GAP
    while len(seen) < LATENCY_JOBS and store.now() < last + timedelta(seconds=10):
        scheduler.run_pending()
    store.close()
    return [span / timedelta(milliseconds=1) for span in seen]


def fresh(admin: str, name: str) -> str:
    """A new, empty database on the server: its dsn."""
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return psycopg.conninfo.make_conninfo(admin, dbname=name)


def milliseconds(span: float) -> str:
    """A span in milliseconds, aligned."""
    return f"{span:7.2f} ms"


def main() -> None:
    """Measure, print the figures and the machine's load."""
    try:
        with server() as postgres:
            print(f"load average before: {os.getloadavg()[0]:.2f} (on {os.cpu_count()} cores)")
            with psycopg.connect(postgres.admin_dsn, autocommit=True) as admin:
                version = admin.info.server_version
            print(f"PostgreSQL {version // 10000}.{version % 10000}, psycopg {psycopg.__version__}")
            print(f"claims per second, {JOBS:,} due one-off jobs drained by N processes:")
            for mode in ("inline", "pool"):
                for workers in WORKERS:
                    dsn = fresh(postgres.admin_dsn, f"bench_{mode}_{workers}")
                    rate = claims_per_second(dsn, workers, mode)
                    label = "inline executor" if mode == "inline" else "WorkerPool(4), batches"
                    print(f"  {label:24} {workers} process(es): {rate:8,.0f} claims/s")
            seen = sorted(latencies(fresh(postgres.admin_dsn, "bench_latency")))
            cuts = statistics.quantiles(seen, n=100)
            print(f"latency from due to started, {len(seen)} runs, one worker polling:")
            print(f"  median {milliseconds(statistics.median(seen))}")
            print(f"  p90    {milliseconds(cuts[89])}")
            print(f"  p99    {milliseconds(cuts[98])}")
            print(f"  worst  {milliseconds(seen[-1])}")
            print(f"load average after: {os.getloadavg()[0]:.2f}")
    except PostgresUnavailableError as error:
        print(f"skipped: {error}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(sys.argv[2], sys.argv[3])
    else:
        main()
