"""Fixtures: a fake clock, a scheduler on it, an executor the test drives, PostgreSQL."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

import pytest

from tests.job_scheduler.postgres import postgres_dsn, postgres_server
from tests.job_scheduler.support import ManualExecutor
from tests.support import FakeClock

if TYPE_CHECKING:
    from job_scheduler import Scheduler

__all__ = ["clock", "manual_executor", "postgres_dsn", "postgres_server", "scheduler"]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def manual_executor() -> ManualExecutor:
    return ManualExecutor()


@pytest.fixture
def scheduler(clock: FakeClock) -> Scheduler:
    # Imported here: pytest loads this file before ``--impl`` puts the package on sys.path.
    scheduler: Scheduler = importlib.import_module("job_scheduler").Scheduler(clock)
    return scheduler
