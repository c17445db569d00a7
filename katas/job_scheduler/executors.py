"""Where runs execute (step 3) and the worker pool (step 8)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable


class Executor(Protocol):
    """Runs the work the scheduler hands over, now or on another thread."""

    def submit(self, work: Callable[[], None]) -> None:
        """Run `work` now or later."""
        ...


class WorkerPool:
    """An Executor that runs work on a fixed pool of worker threads (step 8)."""

    def __init__(self, workers: int) -> None:
        raise NotImplementedError

    def submit(self, work: Callable[[], None]) -> None:
        """Queue `work` for the next free worker."""
        raise NotImplementedError

    def shutdown(self) -> None:
        """Finish the queued work, then stop the threads."""
        raise NotImplementedError
