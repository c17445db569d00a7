"""What ``dojo interview --review`` costs beyond the tests: the design signals and the edits.

Run with ``make bench``. Prints, for each reference solution taken as a learner's design,
the median CPU time of reading every design signal (``ast``) and of the
edit figures between the skeleton and the reference. Figures go in docs/interview.md.
"""

from __future__ import annotations

import functools
import statistics
import time
from pathlib import Path
from typing import TYPE_CHECKING

from dojo.interview.edits import compare
from dojo.interview.signals import read_design
from dojo.repository import Repository

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 9


def median_ms(work: Callable[[], object]) -> float:
    """The median CPU time of ``ROUNDS`` calls of ``work``, in milliseconds."""
    times = []
    for _ in range(ROUNDS):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def main() -> None:
    """Measure and print one line per kata."""
    for kata in (item.name for item in Repository(ROOT).katas() if item.interview):
        design, skeleton = ROOT / "solutions" / kata, ROOT / "katas" / kata
        lines = read_design(design).lines
        signals = median_ms(functools.partial(read_design, design))
        edits = median_ms(functools.partial(compare, skeleton, design))
        print(f"{kata}: {lines} lines; signals {signals:.0f} ms; edits {edits:.0f} ms (CPU)")


if __name__ == "__main__":
    main()
