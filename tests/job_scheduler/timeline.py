"""What several steps' tests share: the start of the fake timeline, a no-op task, a driver."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from job_scheduler import Scheduler

    from tests.job_scheduler.conftest import FakeClock

START = datetime(2030, 1, 1, tzinfo=UTC)  # a Tuesday
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
