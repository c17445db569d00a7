"""The clock the cache reads time through; see docs/patterns/strategy.md, "The clock"."""

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The machine's time, timezone-aware: the default of ``Cache``; no test relies on it."""
    return datetime.now(UTC)
