"""Where runs execute (step 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable


class Executor(Protocol):
    """Runs the work the scheduler hands over, now or on another thread."""

    def submit(self, work: Callable[[], None]) -> None:
        """Run `work` now or later."""
        ...
