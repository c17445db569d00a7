"""Where runs execute: the Executor role, inline execution and a pool of worker threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Protocol

import attrs

from job_scheduler.validators import at_least_one

if TYPE_CHECKING:
    from collections.abc import Callable


class Executor(Protocol):
    """Runs the work the scheduler hands over, now or on another thread."""

    def submit(self, work: Callable[[], None]) -> None:
        """Run `work` (which never raises) now or later."""
        ...


@attrs.frozen
class InlineExecutor:
    """Runs each piece of work at once, on the caller's thread."""

    def submit(self, work: Callable[[], None]) -> None:
        """Call `work` now."""
        work()


@attrs.define(eq=False)
class WorkerPool:
    """Runs work on a fixed pool of worker threads."""

    workers: int = attrs.field(validator=at_least_one)
    _pool: ThreadPoolExecutor = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="job-worker")

    def submit(self, work: Callable[[], None]) -> None:
        """Queue `work` for the next free worker."""
        self._pool.submit(work)

    def shutdown(self) -> None:
        """Finish the queued work, then stop the threads."""
        self._pool.shutdown(wait=True)
