"""When a job fires: the Trigger protocol, one-off and fixed-rate triggers (steps 1-2)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import datetime, timedelta


class Trigger(Protocol):
    """Decides a job's fire times. Any object with these two methods will do."""

    def first_fire(self, now: datetime) -> datetime | None:
        """The first fire time of a job scheduled at `now`; None if it never fires."""
        ...

    def next_fire(self, previous: datetime) -> datetime | None:
        """The fire time after the `previous` fire time; None when the schedule is over."""
        ...


class At:
    """Fires once, at `when`. A frozen value: equal to another `At` of the same time."""

    def __init__(self, when: datetime) -> None:
        raise NotImplementedError

    def first_fire(self, now: datetime) -> datetime | None:
        """See Trigger."""
        raise NotImplementedError

    def next_fire(self, previous: datetime) -> datetime | None:
        """See Trigger."""
        raise NotImplementedError


class Interval:
    """Fires every `every` at a fixed rate from `start` (default: scheduling time + `every`).

    A frozen value: equal to another `Interval` of the same `every` and `start`.
    """

    def __init__(self, every: timedelta, start: datetime | None = None) -> None:
        """ValueError if `every` is not positive."""
        raise NotImplementedError

    def first_fire(self, now: datetime) -> datetime | None:
        """See Trigger."""
        raise NotImplementedError

    def next_fire(self, previous: datetime) -> datetime | None:
        """See Trigger."""
        raise NotImplementedError
