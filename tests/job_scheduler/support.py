"""What several steps' tests share: tasks, a tick driver and an executor the test drives.

The clock is the one of every suite (`tests.support.FakeClock`), and so is its `START`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from job_scheduler import Scheduler

    from tests.support import FakeClock

MINUTE = timedelta(minutes=1)


def noop() -> None:
    """A task that does nothing."""


def occurrences(scheduler: Scheduler, clock: FakeClock, steps: list[timedelta]) -> list[datetime]:
    """Advance the clock by each step, run what is due, and return the occurrences run."""
    seen: list[datetime] = []
    for step in steps:
        clock.advance(step)
        seen.extend(run.occurrence for run in scheduler.run_pending())
    return seen


def failing(times: int) -> Callable[[], None]:
    """A task that raises ConnectionError("upstream down") on its first `times` calls."""
    calls = iter(range(times + 1000))

    def task() -> None:
        if next(calls) < times:
            raise ConnectionError("upstream down")

    return task


class ManualExecutor:
    """Holds submitted work until the test finishes it, so runs can overlap in one thread."""

    def __init__(self) -> None:
        self.waiting: list[Callable[[], None]] = []

    def submit(self, work: Callable[[], None]) -> None:
        """Hold `work` until `finish_all`."""
        self.waiting.append(work)

    def finish_one(self) -> None:
        """Run the oldest held work."""
        self.waiting.pop(0)()

    def finish_all(self) -> None:
        """Run the held work, in submission order."""
        work, self.waiting = self.waiting, []
        for item in work:
            item()
