"""Schedule and run one-off jobs in the reference scheduler and in two schedulers from PyPI.

Run with ``make bench``. Each shape is N one-off jobs due at 1,000 distinct times, all
overdue when one call runs them; N is 1,000, 10,000 and 100,000, so a cost per job that
grows with N shows. Side by side, in one run:

- the reference, in memory and in SQLite, on a fake clock, running jobs on the calling
  thread (the inline executor);
- APScheduler 3 (MemoryJobStore, and SQLAlchemyJobStore on SQLite), with its
  DebugExecutor, which runs jobs on the scheduler's own thread; scheduled paused, then
  resumed and timed until the last job has run;
- ``schedule``, which keeps jobs in a list and has no store, no priorities and no
  one-off jobs: each job fires every second and cancels itself after its first run.

Each figure is given twice: wall-clock time, and CPU time of the whole process (every
thread), which on a shared machine is the steadier of the two.

The peers are installed from PyPI, at the versions pinned in
``requirements-job-scheduler.txt``, into ``build/bench-venv``; the script creates that
environment on first use and runs itself there. It prints microseconds per job and, per
size, how many times longer each peer takes than the reference.
"""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
import tempfile
import threading
import time
import venv
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

ROOT = Path(__file__).resolve().parent.parent
BENCH_VENV = ROOT / "build" / "bench-venv"
REQUIREMENTS = Path(__file__).with_name("requirements-job-scheduler.txt")
DUE_TIMES = 1_000
SIZES = (1_000, 10_000, 100_000)
# APScheduler's SQLite store pickles and commits every job through SQLAlchemy, and its cost
# per job grows with the store (about 2 ms a job at 1,000 jobs, 16 ms at 10,000 on this
# machine): 10,000 jobs take minutes, so it is measured at 1,000 jobs only.
SLOW_PEER_LIMIT = 1_000
START = datetime(2030, 1, 1, tzinfo=UTC)
# The reference's targets, in seconds per phase (to schedule, to run) at TARGET_JOBS jobs.
TARGET_JOBS = 100_000
TARGETS = {"reference, memory": timedelta(seconds=1.5), "reference, SQLite": timedelta(seconds=10)}


class Lap(NamedTuple):
    """Seconds on the wall clock, and of CPU (every thread of this process)."""

    wall: float
    cpu: float


class Stopwatch:
    """Laps of wall-clock and CPU time.

    On a shared machine the wall clock also counts the time other processes had the
    cores; CPU time does not, so both are printed.
    """

    def __init__(self) -> None:
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def lap(self) -> Lap:
        """The time since the previous lap (or the start)."""
        wall, cpu = time.perf_counter(), time.process_time()
        lap = Lap(wall - self._wall, cpu - self._cpu)
        self._wall, self._cpu = wall, cpu
        return lap


Phases = tuple[Lap, Lap]
"""The time to schedule the jobs, and to run them."""


def in_bench_venv() -> None:
    """Re-run this script in its own environment, creating it first if it is missing."""
    python = BENCH_VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == BENCH_VENV.resolve():
        return
    if not python.exists():
        print(f"creating {BENCH_VENV.relative_to(ROOT)} for the peers ...", flush=True)
        venv.create(BENCH_VENV, with_pip=True)
        install = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*install, "-r", str(REQUIREMENTS)], check=True)  # noqa: S603 - pinned file
    os.execv(python, [str(python), __file__, *sys.argv[1:]])  # noqa: S606 - this very script


class Clock:
    """A fake clock the benchmark moves."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        """The benchmark's current time."""
        return self.now


def due(number: int) -> timedelta:
    """The offset of job `number`'s due time: spread over DUE_TIMES seconds, interleaved."""
    return timedelta(seconds=(number * 7919) % DUE_TIMES)


def reference(jobs: int, *, sqlite: bool) -> Phases:
    """The reference scheduler: `jobs` one-off jobs by task name, then one run_pending."""
    package = importlib.import_module("job_scheduler")
    clock = Clock()
    registry = package.TaskRegistry()
    registry.register("noop", lambda: None)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        store = package.SqliteJobStore(path) if sqlite else package.InMemoryJobStore()
        scheduler = package.Scheduler(clock, store=store, registry=registry)
        watch = Stopwatch()
        for number in range(jobs):
            scheduler.schedule_at(START + due(number), "noop")
        scheduled = watch.lap()
        clock.now = START + timedelta(seconds=DUE_TIMES)
        ran = len(scheduler.run_pending())
        finished = watch.lap()
        if sqlite:
            store.close()
    assert ran == jobs, f"the reference ran {ran} of {jobs} jobs"
    return scheduled, finished


_ran = 0
_all_ran = threading.Event()
_expected = 0


def counted() -> None:
    """APScheduler's task: count the run; the last one wakes the benchmark."""
    global _ran  # noqa: PLW0603 - APScheduler's SQL store needs a module-level callable
    _ran += 1
    if _ran == _expected:
        _all_ran.set()


def apscheduler(jobs: int, *, sqlite: bool) -> Phases:
    """APScheduler 3: add `jobs` date jobs to a paused scheduler, then resume until all ran."""
    global _ran, _expected
    background = importlib.import_module("apscheduler.schedulers.background")
    debug = importlib.import_module("apscheduler.executors.debug")
    _ran, _expected = 0, jobs
    _all_ran.clear()
    with tempfile.TemporaryDirectory() as folder:
        store: Any
        if sqlite:
            sqlalchemy_store = importlib.import_module("apscheduler.jobstores.sqlalchemy")
            store = sqlalchemy_store.SQLAlchemyJobStore(url=f"sqlite:///{folder}/aps.sqlite")
        else:
            store = importlib.import_module("apscheduler.jobstores.memory").MemoryJobStore()
        scheduler = background.BackgroundScheduler(
            jobstores={"default": store},
            executors={"default": debug.DebugExecutor()},
            job_defaults={"misfire_grace_time": None},  # overdue jobs run, as in the reference
            timezone=UTC,
        )
        scheduler.start(paused=True)
        overdue = datetime.now(UTC) - timedelta(seconds=2 * DUE_TIMES)
        watch = Stopwatch()
        for number in range(jobs):
            scheduler.add_job(f"{__name__}:counted", "date", run_date=overdue + due(number))
        scheduled = watch.lap()
        scheduler.resume()
        finished_in_time = _all_ran.wait(timeout=3600)
        finished = watch.lap()
        scheduler.shutdown()
    assert finished_in_time, f"APScheduler ran {_ran} of {jobs} jobs"
    return scheduled, finished


def schedule_library(jobs: int) -> Phases:
    """``schedule``: `jobs` jobs that cancel themselves after one run, then one run_pending."""
    library = importlib.import_module("schedule")
    scheduler = library.Scheduler()

    def once() -> object:
        return library.CancelJob

    watch = Stopwatch()
    created = [scheduler.every(1).seconds.do(once) for _ in range(jobs)]
    scheduled = watch.lap()
    # Due now without waiting a real second: next_run is the job's public attribute.
    overdue = datetime.now() - timedelta(seconds=1)  # noqa: DTZ005 - schedule works in local time
    for job in created:
        job.next_run = overdue
    watch.lap()
    scheduler.run_pending()
    finished = watch.lap()
    assert not scheduler.jobs, f"schedule left {len(scheduler.jobs)} of {jobs} jobs"
    return scheduled, finished


def per_job(phases: Phases | None, jobs: int, clock: str) -> str:
    """Microseconds per job of both phases on `clock`, or dashes for a shape not measured."""
    if phases is None:
        return f"{'-':>9} {'-':>9}"
    schedule, run = (getattr(lap, clock) / jobs * 1e6 for lap in phases)
    return f"{schedule:9.1f} {run:9.1f}"


def ratio(peer: Phases | None, ours: Phases) -> str:
    """How many times longer the peer takes than the reference, per phase and clock."""
    if peer is None:
        return "not measured"
    wall = [mine.wall and theirs.wall / mine.wall for mine, theirs in zip(ours, peer, strict=True)]
    cpu = [mine.cpu and theirs.cpu / mine.cpu for mine, theirs in zip(ours, peer, strict=True)]
    return f"{wall[0]:.1f}x to schedule, {wall[1]:.1f}x to run (CPU: {cpu[0]:.1f}x, {cpu[1]:.1f}x)"


def against(phases: Phases | None, target: timedelta) -> str:
    """Seconds of each phase, wall clock and CPU, beside the target for each phase."""
    if phases is None:
        return "not measured"
    schedule, run = phases
    return (
        f"{schedule.wall:.2f} s to schedule, {run.wall:.2f} s to run "
        f"(CPU: {schedule.cpu:.2f} s, {run.cpu:.2f} s); target {target.total_seconds():g} s each"
    )


def table(results: dict[str, list[Phases | None]], sizes: Sequence[int], clock: str) -> None:
    """One table of microseconds per job on `clock`: a row per shape, two columns per size."""
    print(f"{'':24}" + "".join(f"{f'{n:,} jobs':>19}  " for n in sizes))
    print(f"{'':24}" + f"{'schedule':>9} {'run':>9}  " * len(sizes))
    for label, measured in results.items():
        cells = "  ".join(
            per_job(phases, jobs, clock) for phases, jobs in zip(measured, sizes, strict=True)
        )
        print(f"{label:<24}{cells}")


def measure(sizes: Sequence[int]) -> None:
    """Every shape at every size; the tables of microseconds per job, then the ratios."""
    runners: list[tuple[str, Callable[[int], Phases | None]]] = [
        ("reference, memory", lambda n: reference(n, sqlite=False)),
        ("APScheduler 3, memory", lambda n: apscheduler(n, sqlite=False)),
        ("schedule", schedule_library),
        ("reference, SQLite", lambda n: reference(n, sqlite=True)),
        (
            "APScheduler 3, SQLite",
            lambda n: apscheduler(n, sqlite=True) if n <= SLOW_PEER_LIMIT else None,
        ),
    ]
    # The figures are wall-clock times: on a shared machine they mean little without the load.
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the start")
    results: dict[str, list[Phases | None]] = {}
    for label, run in runners:
        print(f"measuring {label} ...", flush=True)
        results[label] = [run(jobs) for jobs in sizes]
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    print(f"\none-off jobs due at {DUE_TIMES:,} times, all run by one call; us per job, wall clock")
    table(results, sizes, "wall")
    print("\nthe same, CPU time")
    table(results, sizes, "cpu")
    for index, jobs in enumerate(sizes):
        print(f"\nat {jobs:,} jobs, each peer against the reference on the same store:")
        for peer, ours in (
            ("APScheduler 3, memory", "reference, memory"),
            ("schedule", "reference, memory"),
            ("APScheduler 3, SQLite", "reference, SQLite"),
        ):
            reference_phases = results[ours][index]
            assert reference_phases is not None
            print(f"  {peer:<22} {ratio(results[peer][index], reference_phases)}")
    if TARGET_JOBS in sizes:
        print(f"\nthe reference at {TARGET_JOBS:,} jobs against its targets:")
        for label, target in TARGETS.items():
            print(f"  {label:<22} {against(results[label][sizes.index(TARGET_JOBS)], target)}")


def main() -> None:
    """Parse the options, enter the benchmark's environment, measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--impl", default=str(ROOT / "solutions"), help="folder that holds job_scheduler/"
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args()
    in_bench_venv()
    sys.path.insert(0, str(Path(args.impl).resolve()))
    measure(args.sizes)


if __name__ == "__main__":
    main()
