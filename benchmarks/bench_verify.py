"""What ``dojo verify`` costs: a default run per kata, each check alone, and the fixed part.

Run with ``make bench`` (as root, so that the kernel checks run), or ``python
benchmarks/bench_verify.py KATA ...`` for some katas only. Prints the load average
before and after, then medians of wall and CPU time (user and system, children included):
``dojo verify KATA --impl solutions`` with the default cases (and with ``--interview``
for a kata whose driver has checks), each check alone with its default cases (and its
cases per second), and one case of one check, which is the fixed cost of a run (an
interpreter, dojo's imports, the child's). Figures go in docs/dojo-cli.md.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from dojo.verify.drivers import PACKAGE as DRIVERS
from dojo.verify.oracles import PACKAGE as ORACLES
from dojo.verify.oracles import checks_of, katas_with_checks

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 3


def seconds(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user and system, children included) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, check=False, capture_output=True)  # noqa: S603 - ours
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} ended with {done.returncode}:\n{done.stdout.decode()}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def medians(command: list[str], rounds: int) -> tuple[float, float]:
    """Median wall and CPU time of ``rounds`` runs."""
    runs = [seconds(command) for _ in range(rounds)]
    return statistics.median(run[0] for run in runs), statistics.median(run[1] for run in runs)


def verify(kata: str, *options: str) -> list[str]:
    """``dojo verify KATA --impl solutions OPTIONS`` as a command."""
    return [sys.executable, "-m", "dojo.cli", "verify", kata, "--impl", "solutions", *options]


def load() -> str:
    """The load averages over 1, 5 and 15 minutes."""
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def main(katas: list[str]) -> None:
    """Print every figure, for ``katas`` only when some are named."""
    print(f"load average before: {load()}; {os.cpu_count()} cores; root: {os.geteuid() == 0}")
    wall, cpu = medians(verify("job_scheduler", "--cases", "1"), ROUNDS)
    print(f"fixed cost (one cron case): wall {wall:.2f} s, CPU {cpu:.2f} s, median of {ROUNDS}")
    runs: list[tuple[str, str, tuple[str, ...]]] = [
        (kata, ORACLES, ()) for kata in katas_with_checks() if not katas or kata in katas
    ]
    runs += [
        (kata, DRIVERS, ("--interview",))
        for kata in katas_with_checks(DRIVERS)
        if not katas or kata in katas
    ]
    for kata, package, options in runs:
        wall, cpu = medians(verify(kata, *options), ROUNDS)
        shown = " ".join((kata, *options))
        print(f"dojo verify {shown}, default cases: wall {wall:.1f} s, CPU {cpu:.1f} s,")
        print(f"  median of {ROUNDS}")
        for info in checks_of(kata, package):
            wall, cpu = medians(verify(kata, *options, "--check", info.name), 1)
            print(
                f"  {info.name:<15} {info.cases:>6} cases: wall {wall:5.1f} s, CPU {cpu:5.1f} s,"
                f" {info.cases / wall:7.0f} cases/s"
            )
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main(sys.argv[1:])
