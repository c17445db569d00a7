"""The clock is a plain callable, injected, so tests can control time."""

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The real time, timezone-aware; the default only at the composition root."""
    return datetime.now(UTC)
