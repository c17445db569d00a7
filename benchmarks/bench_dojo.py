"""What ``dojo`` costs a learner: the red/green loop, the watch loop, and the first install.

Run with ``make bench`` (or ``python benchmarks/bench_dojo.py [--no-install]``). Prints:

- ``dojo test parking_lot`` on the skeleton (227 failing tests) and on one green step
  (step 1 of the reference, 30 tests), beside raw pytest on the same tests as a learner
  would type it; medians of wall and CPU time (user and system, children included),
  after one run that fills the bytecode caches (written even where the machine sets
  ``PYTHONDONTWRITEBYTECODE``, as on a learner's machine);
- the floors: Python doing nothing, pytest collecting nothing, and the step-1 module
  alone in a fresh pytest with a practice run's options (what the tests themselves cost);
- the practice runner in-process: a new process per run (as before ``harness.warm``), the
  first run of a warm server (``dojo test``), and its later runs (``dojo watch``);
- ``dojo watch``: from a save in a watched copy of the kata to the summary on screen;
- the first ``make practice`` on a fresh clone (``git clone`` of this checkout): its wall
  time and the size of the ``.venv`` it creates.

Figures go in docs/dojo-cli.md.
"""

from __future__ import annotations

import argparse
import functools
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
from typing import TYPE_CHECKING

from rich.console import Console

from dojo import cli
from dojo.adapters import PYTEST_OPTIONS, ChildRunner, run_tool, watch_python_files
from dojo.app import App
from dojo.progress import ProgressStore
from dojo.repository import Repository
from harness.runner import in_child
from harness.warm import CHILD_ENV

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
KATA = "parking_lot"
ROUNDS = 5
SAVES = 10
WAIT = 60.0
DOJO = [sys.executable, "-m", "dojo.cli"]
PYTEST = [sys.executable, "-m", "pytest", f"tests/{KATA}", "-p", "no:randomly"]
STEP_1 = f"tests/{KATA}/test_step1_park_and_leave.py"
# As on a learner's machine, where nothing keeps Python from caching bytecode.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
# The summary's last line, printed once the whole report is on screen.
SHOWN = ("Full traceback", "Now compare", "Next: step")


def children_cpu() -> float:
    """CPU time (user and system) of every child process ended and waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall time and CPU time (user and system, children included) of ``action``.

    CPU time is the steadier figure on a busy machine: other processes stretch wall time.
    """
    before = children_cpu()
    started = time.perf_counter()
    action()
    return time.perf_counter() - started, children_cpu() - before


def seconds(command: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """Wall time and CPU time of one run of ``command``."""
    return timed(
        lambda: subprocess.run(  # noqa: S603 - our own commands
            command, cwd=cwd, env=ENV, check=False, capture_output=True
        )
    )


def medians(label: str, actions: dict[str, Callable[[], tuple[float, float]]]) -> None:
    """Medians of each action, alternated so that drift in the machine's load hits all."""
    for action in actions.values():
        action()  # fills the bytecode caches, as any earlier run would have
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in actions}
    for _ in range(ROUNDS):
        for name, action in actions.items():
            runs[name].append(action())
    for name, measured in runs.items():
        wall = statistics.median(run[0] for run in measured)
        cpu = statistics.median(run[1] for run in measured)
        print(f"{label}, {name}: wall {wall:.2f} s, CPU {cpu:.2f} s (median of {ROUNDS})")


def loop(label: str, commands: dict[str, list[str]]) -> None:
    """Medians of each command line."""
    medians(
        label, {name: functools.partial(seconds, command) for name, command in commands.items()}
    )


def floors() -> None:
    """What no practice run can go below: Python, pytest, and the step-1 tests themselves."""
    bare = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    alone = [sys.executable, "-m", "pytest", STEP_1, "--impl", "solutions", *PYTEST_OPTIONS]
    no_plugins = {**ENV, **CHILD_ENV}

    def run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
        return timed(
            lambda: subprocess.run(  # noqa: S603 - our own interpreter
                command, cwd=cwd, env=env, check=False, capture_output=True
            )
        )

    with tempfile.TemporaryDirectory() as scratch:
        empty = Path(scratch)
        medians(
            "floors",
            {
                "python -c pass": lambda: run([sys.executable, "-c", "pass"], empty, ENV),
                "pytest collecting nothing, no plugins": lambda: run(bare, empty, no_plugins),
                "the step-1 module alone, practice options, a new process": lambda: run(
                    alone, ROOT, no_plugins
                ),
            },
        )


def runner_costs() -> None:
    """The practice runner on step 1 of the reference, in this process."""
    reference = Repository(ROOT).reference
    kept = ChildRunner()

    def one(runner: ChildRunner) -> None:
        status, results = runner(KATA, reference, 1, ROOT)
        if status != 0:
            raise SystemExit(f"step 1 of the reference is not green: {results.first_failure(1)}")

    def first_and_close(runner: ChildRunner) -> None:
        one(runner)
        runner.launch.close()

    def fresh_server() -> tuple[float, float]:
        return timed(functools.partial(first_and_close, ChildRunner()))

    new_process = ChildRunner(launch=in_child)  # type: ignore[arg-type]
    medians(
        f"{KATA} reference, step 1, the runner",
        {
            "a new process per run": lambda: timed(functools.partial(one, new_process)),
            "a warm server's first run (dojo test)": fresh_server,
        },
    )
    one(kept)
    before = children_cpu()
    walls = [timed(functools.partial(one, kept))[0] for _ in range(ROUNDS)]
    kept.launch.close()
    cpu = (children_cpu() - before) / ROUNDS  # the server's CPU, counted once it has ended
    print(
        f"{KATA} reference, step 1, the runner, a warm server's later runs (dojo watch): "
        f"wall {statistics.median(walls):.2f} s, CPU {cpu:.2f} s (median and mean of {ROUNDS})"
    )


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
            run_suite=ChildRunner(),
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
    floors()
    runner_costs()
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
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    if not args.no_install:
        first_install()


if __name__ == "__main__":
    main()
