"""What ``dojo`` costs a learner: the red/green loop, the watch loop, and the first install.

Run with ``make bench`` (or ``python benchmarks/bench_dojo.py [--no-install]``). Prints:

- ``dojo test parking_lot`` on the skeleton (227 failing tests) and on one green step
  (step 1 of the reference, 26 tests), beside raw pytest on the same tests as a learner
  would type it; medians of wall and CPU time (user and system, children included),
  after one run that fills the bytecode caches;
- ``dojo watch``: from a save in a watched copy of the kata to the summary on screen;
- the first ``make practice`` on a fresh clone (``git clone`` of this checkout): its wall
  time and the size of the ``.venv`` it creates.

Figures go in docs/dojo-cli.md.
"""

from __future__ import annotations

import argparse
import io
import os
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
from dojo.adapters import run_in_child, run_tool, watch_python_files
from dojo.app import App
from dojo.progress import ProgressStore
from dojo.repository import Repository

ROOT = Path(__file__).resolve().parent.parent
KATA = "parking_lot"
ROUNDS = 5
SAVES = 10
WAIT = 60.0
DOJO = [sys.executable, "-m", "dojo.cli"]
PYTEST = [sys.executable, "-m", "pytest", f"tests/{KATA}", "-p", "no:randomly"]
# The summary's last line, printed once the whole report is on screen.
SHOWN = ("Full traceback", "Now compare", "Next: step")


def seconds(command: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """Wall time and CPU time (user and system, children included) of one run of ``command``.

    CPU time is the steadier figure on a busy machine: other processes stretch wall time.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=False, capture_output=True)  # noqa: S603 - ours
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def loop(label: str, commands: dict[str, list[str]]) -> None:
    """Medians of each command, alternated so that drift in the machine's load hits all."""
    for command in commands.values():
        seconds(command)  # fills the bytecode caches, as any earlier run would have
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(ROUNDS):
        for name, command in commands.items():
            runs[name].append(seconds(command))
    for name, measured in runs.items():
        wall = statistics.median(run[0] for run in measured)
        cpu = statistics.median(run[1] for run in measured)
        print(f"{label}, {name}: wall {wall:.2f} s, CPU {cpu:.2f} s (median of {ROUNDS})")


class Shown(io.StringIO):
    """Console output that notes the moment each summary is complete."""

    def __init__(self) -> None:
        super().__init__()
        self.moments: list[float] = []
        self.ready = threading.Event()

    def write(self, text: str) -> int:
        """Keep ``text``; a summary's last line marks the moment it was shown."""
        if any(mark in text for mark in SHOWN):
            self.moments.append(time.perf_counter())
            self.ready.set()
        return super().write(text)


def watch_latency() -> None:
    """Median and worst time from a save in a watched copy of the kata to its summary."""
    out = Shown()
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch)
        shutil.copytree(ROOT / "solutions" / KATA, copy / KATA)
        app = App(
            repository=Repository(ROOT),
            console=Console(file=out, width=100),
            cwd=ROOT,
            clock=lambda: datetime.now(UTC),
            progress=ProgressStore(copy / "progress.json", lambda _: None),
            run_suite=run_in_child,
            watch_changes=watch_python_files,
            run_tool=run_tool,
            confirm=lambda _: False,
            interactive=False,
        )
        stop = threading.Event()
        argv = ["watch", KATA, "--impl", str(copy), "--step", "1"]
        thread = threading.Thread(target=cli.registry().invoke, args=(app, argv, stop))
        thread.start()
        out.ready.wait(WAIT)
        time.sleep(1.0)  # let the watcher start before the first save
        latencies = []
        for save in range(SAVES):
            out.ready.clear()
            saved = time.perf_counter()
            source = copy / KATA / "__init__.py"
            source.write_text(source.read_text(encoding="utf-8") + f"# save {save}\n", "utf-8")
            if out.ready.wait(WAIT):
                latencies.append(out.moments[-1] - saved)
            time.sleep(0.5)  # past the debounce, so each save is its own batch
        stop.set()
        thread.join(WAIT)
    print(
        f"dojo watch {KATA} --step 1: save to summary shown, median "
        f"{statistics.median(latencies):.2f} s, worst {max(latencies):.2f} s "
        f"({len(latencies)} of {SAVES} saves)"
    )


def first_install() -> None:
    """The first ``make practice`` on a fresh clone: wall time, and the size of its ``.venv``."""
    with tempfile.TemporaryDirectory() as scratch:
        clone = Path(scratch) / "katas"
        subprocess.run(  # noqa: S603 - git with fixed arguments
            ["git", "clone", "--quiet", "--local", str(ROOT), str(clone)],  # noqa: S607
            check=True,
        )
        env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}
        started = time.perf_counter()
        subprocess.run(  # noqa: S603 - make with fixed arguments
            ["make", "practice", f"KATA={KATA}"],  # noqa: S607 - make as a learner types it
            cwd=clone,
            env=env,
            check=True,
            capture_output=True,
        )
        wall = time.perf_counter() - started
        size = sum(path.stat().st_size for path in (clone / ".venv").rglob("*") if path.is_file())
    print(
        f"first make practice KATA={KATA} on a fresh clone: {wall:.1f} s, .venv {size / 1e6:.0f} MB"
    )


def main() -> None:
    """Run every measure; ``--no-install`` leaves out the fresh clone's first install."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-install", action="store_true", help="skip the fresh clone")
    args = parser.parse_args()
    print(f"load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    loop(
        f"{KATA} skeleton, all steps",
        {
            "dojo test": [*DOJO, "test", KATA],
            "raw pytest": PYTEST,
            "raw pytest --tb=no -q": [*PYTEST, "--tb=no", "-q"],
        },
    )
    loop(
        f"{KATA} reference, step 1 (green)",
        {
            "dojo test": [*DOJO, "test", KATA, "--impl", "solutions", "--step", "1"],
            "raw pytest": [*PYTEST, "--impl", "solutions", "--step", "1"],
        },
    )
    watch_latency()
    if not args.no_install:
        first_install()


if __name__ == "__main__":
    main()
