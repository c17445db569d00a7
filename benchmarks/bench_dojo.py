"""What ``dojo`` costs: ``dojo test`` over raw pytest, and a save's way to a watch re-run.

Run with ``make bench``. Prints the medians, wall and CPU time, of raw pytest and of
``dojo test`` on the parking-lot reference (step 1 alone, then all steps), and the median
time from writing a file in a watched copy of the kata to the start of the re-run. Figures
go in docs/dojo-cli.md.
"""

from __future__ import annotations

import io
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console

from dojo import cli
from dojo.adapters import run_tool, watch_python_files
from dojo.app import App
from dojo.progress import ProgressStore
from dojo.repository import Implementation, Repository
from harness.results import RunResults

ROOT = Path(__file__).resolve().parent.parent
KATA = "parking_lot"
SAVES = 20
WAIT = 5.0


def seconds(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user and system, children included) of one run of ``command``.

    CPU time is the steadier figure on a busy machine: other processes stretch wall time.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=False, capture_output=True)  # noqa: S603 - ours
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def overhead(step: int | None, rounds: int) -> None:
    """Medians of raw pytest and of ``dojo test``, alternated so drift hits both alike."""
    selected = [] if step is None else [f"--step={step}"]
    raw = [sys.executable, "-m", "pytest", f"tests/{KATA}", "--impl=solutions", "-q"]
    raw += ["-p", "no:randomly", "-p", "no:cacheprovider", *selected]
    dojo = [sys.executable, "-m", "dojo.cli", "test", KATA, "--impl", "solutions", *selected]
    runs: dict[str, list[tuple[float, float]]] = {"raw": [], "dojo": []}
    for _ in range(rounds):
        runs["raw"].append(seconds(raw))
        runs["dojo"].append(seconds(dojo))
    label = "all steps" if step is None else f"steps 1-{step}"
    for index, kind in enumerate(("wall", "CPU")):
        pytest_s = statistics.median(run[index] for run in runs["raw"])
        dojo_s = statistics.median(run[index] for run in runs["dojo"])
        print(
            f"dojo test {KATA} ({label}), {kind} time: raw pytest {pytest_s * 1000:.0f} ms, "
            f"dojo test {dojo_s * 1000:.0f} ms, overhead {(dojo_s - pytest_s) * 1000:+.0f} ms "
            f"({(dojo_s / pytest_s - 1) * 100:+.1f}%), median of {rounds}"
        )


def watch_latency() -> None:
    """Median time from a file write in a watched copy of the kata to the re-run's start."""
    repository = Repository(ROOT)
    runs: list[float] = []
    ran = threading.Event()

    def suite(
        kata: str, impl: Implementation, last_step: int, root: Path
    ) -> tuple[int, RunResults]:
        del kata, impl, last_step, root
        runs.append(time.perf_counter())
        ran.set()
        return 0, RunResults((), ())

    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch)
        shutil.copytree(ROOT / "solutions" / KATA, copy / KATA)
        app = App(
            repository=repository,
            console=Console(file=io.StringIO()),
            cwd=ROOT,
            clock=lambda: datetime.now(UTC),
            progress=ProgressStore(Path(scratch) / "progress.json", lambda _: None),
            run_suite=suite,
            watch_changes=watch_python_files,
            run_tool=run_tool,
            confirm=lambda _: False,
            interactive=False,
        )
        stop = threading.Event()
        argv = ["watch", KATA, "--impl", str(copy)]
        thread = threading.Thread(target=cli.registry().invoke, args=(app, argv, stop))
        thread.start()
        ran.wait(WAIT)
        time.sleep(0.5)  # let the watcher start before the first save
        latencies = []
        for save in range(SAVES):
            ran.clear()
            saved = time.perf_counter()
            (copy / KATA / "__init__.py").write_text(f"# save {save}\n", encoding="utf-8")
            if ran.wait(WAIT):
                latencies.append(runs[-1] - saved)
            time.sleep(0.3)  # past the debounce, so each save is its own batch
        stop.set()
        thread.join(WAIT)
    median = statistics.median(latencies) * 1000
    worst = max(latencies) * 1000
    print(
        f"dojo watch: save to re-run start median {median:.0f} ms, worst {worst:.0f} ms "
        f"({len(latencies)} of {SAVES} saves seen)"
    )


if __name__ == "__main__":
    watch_latency()
    overhead(step=1, rounds=5)
    overhead(step=None, rounds=3)
