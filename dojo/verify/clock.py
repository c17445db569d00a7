"""The clock ``dojo verify`` gives an implementation and its real thing, and a replay imports."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class ManualClock:
    """A clock that stands still until it is advanced: ``clock.advance(seconds=2)``.

    It is what ``dojo verify`` gives both caches, and what a replayed case imports.
    """

    def __init__(self) -> None:
        """At 2000-01-01 00:00 UTC."""
        self.start = self.now = datetime(2000, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        """The current time."""
        return self.now

    def advance(self, *, seconds: int) -> None:
        """Move the time on."""
        self.now += timedelta(seconds=seconds)

    def seconds(self) -> float:
        """Seconds since the start: the timer cachetools reads."""
        return (self.now - self.start).total_seconds()
