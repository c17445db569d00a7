"""Shared arrangements: a fake clock, a scheduler on it, and an executor the test drives."""

from __future__ import annotations

import importlib
import threading
from typing import TYPE_CHECKING

import pytest

from tests.job_scheduler.timeline import START

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime, timedelta

    from job_scheduler import Scheduler


class FakeClock:
    """A clock that moves only when told; safe to read from worker threads."""

    def __init__(self, now: datetime = START) -> None:
        self._now = now
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        """The current fake time."""
        with self._lock:
            return self._now

    def advance(self, delta: timedelta) -> datetime:
        """Move forward by `delta` and return the new time."""
        with self._lock:
            self._now += delta
            return self._now

    def set(self, moment: datetime) -> None:
        """Jump to `moment`."""
        with self._lock:
            self._now = moment


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


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def manual_executor() -> ManualExecutor:
    return ManualExecutor()


@pytest.fixture(scope="session")
def new_clock() -> type[FakeClock]:
    """The FakeClock class, for Hypothesis tests that need a fresh clock per example."""
    return FakeClock


@pytest.fixture
def scheduler(clock: FakeClock) -> Scheduler:
    # Imported here: pytest loads this file before ``--impl`` puts the package on sys.path.
    scheduler: Scheduler = importlib.import_module("job_scheduler").Scheduler(clock)
    return scheduler
