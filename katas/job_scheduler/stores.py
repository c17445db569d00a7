"""Where jobs live (step 7): the store interface is yours to design."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

Task = Callable[[], object]


class JobStore(Protocol):
    """What the scheduler needs from a store. Add the methods your design calls for."""


class InMemoryJobStore:
    """A JobStore in memory (the default)."""

    def __init__(self) -> None:
        raise NotImplementedError


class SqliteJobStore:
    """A JobStore in one SQLite file, in WAL mode.

    The schema is yours but for a table `jobs`, one row per job, whose column `id` holds the
    job's id: the tests corrupt a job by overwriting the other text values of its row.
    """

    def __init__(self, path: str | Path) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Close the file."""
        raise NotImplementedError


class PostgresJobStore:
    """A JobStore in a PostgreSQL database that schedulers on many machines share (step 9).

    Use psycopg 3, imported where you connect. The schema is yours but for a table `jobs`,
    one row per job, whose column `id` holds the job's id, and a table `runs`, one row per
    queued or claimed run, whose column `job_id` holds its job's id.
    """

    def __init__(self, dsn: str, *, clock: Callable[[], datetime] | None = None) -> None:
        raise NotImplementedError

    def now(self) -> datetime:
        """The time on the store's clock: the server's, or `clock`'s when one was given."""
        raise NotImplementedError

    def close(self) -> None:
        """Close the store's connections."""
        raise NotImplementedError


class TaskRegistry:
    """Tasks by name; an unknown name fails loudly, listing the known ones."""

    def __init__(self) -> None:
        raise NotImplementedError

    def register(self, name: str, task: Task) -> None:
        """Register `task` under `name`; ValueError if the name is taken by another task."""
        raise NotImplementedError

    def task(self, name: str) -> Callable[[Task], Task]:
        """Decorator form of `register`."""
        raise NotImplementedError

    def get(self, name: str) -> Task:
        """The task registered under `name`; UnknownTaskError otherwise."""
        raise NotImplementedError
