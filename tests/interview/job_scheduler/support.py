"""What the job scheduler's interview suite shares: tasks, times, and scenarios two stages check."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from job_scheduler.driver import new_scheduler, run_due, schedule

from tests.interview.support import raises_named
from tests.support import START, FakeClock

MINUTE = timedelta(minutes=1)
SECOND = timedelta(seconds=1)
RunRecord = tuple[str, datetime, str]
OK = "ok"
DISK_FULL = "failed: ValueError: disk full"


def at(minutes: float) -> datetime:
    """The moment `minutes` after the start of every test's clock (08:00 UTC)."""
    return START + timedelta(minutes=minutes)


class Tasks(dict[str, Callable[[], object]]):
    """Named tasks for `new_scheduler`, each recording its name in `ran` when it runs.

    `report`, `backup` and `cleanup` succeed; `boom` raises `ValueError("disk full")`.
    """

    def __init__(self) -> None:
        super().__init__()
        self.ran: list[str] = []
        for name in ("report", "backup", "cleanup"):
            self.add(name)
        self.add("boom", ValueError("disk full"))

    def add(self, name: str, error: Exception | None = None) -> None:
        """A task called `name` that records its run, then raises `error` if there is one."""

        def task() -> None:
            self.ran.append(name)
            if error is not None:
                raise error

        self[name] = task

    def flaky(self, name: str, failures: int) -> None:
        """A task called `name` that fails with ConnectionError for its first `failures` runs."""
        left = [failures]

        def task() -> None:
            self.ran.append(name)
            if left[0] > 0:
                left[0] -= 1
                raise ConnectionError("timed out")

        self[name] = task


def run_every(
    clock: FakeClock, run_due: Callable[[], list[RunRecord]], until: datetime, step: timedelta
) -> list[tuple[datetime, RunRecord]]:
    """Move the clock by `step` up to `until`, running what is due at each stop.

    Returns each run with the time the clock showed when it ran, so a test can tell when
    a run happened as well as which scheduled time it was for.
    """
    seen: list[tuple[datetime, RunRecord]] = []
    while clock() < until:
        now = clock.advance(step)
        seen.extend((now, run) for run in run_due())
    return seen


AT_08_10 = "at 2026-03-02T08:10Z"
Scheduling = Callable[[Any], object]


def names_in_run_order(schedule_backup: Scheduling) -> list[str]:
    """The tasks in the order they run when all are due at 08:10, by name.

    `report` has priority -1, `cleanup` priority 1, and `schedule_backup(scheduler)`
    schedules `backup` for 08:10 by whichever driver function the test is about.
    """
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "report", AT_08_10, priority=-1)
    schedule_backup(scheduler)
    schedule(scheduler, "cleanup", AT_08_10, priority=1)
    clock.set(at(10))
    return [name for name, _, _ in run_due(scheduler)]


def runs_a_day_after_a_refusal(
    schedule_job: Scheduling, error: str, naming: str
) -> list[RunRecord]:
    """What runs in the day after `schedule_job(scheduler)` is refused as `raises_named` checks."""
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    with raises_named(error, naming=naming):
        schedule_job(scheduler)
    clock.advance(timedelta(days=1))
    return run_due(scheduler)
