"""When a job fires: the Trigger role and the one-off and fixed-rate triggers (Strategy)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

import attrs

from job_scheduler.validators import positive


class Trigger(Protocol):
    """Decides a job's fire times. Any object with these two methods will do."""

    def first_fire(self, now: datetime) -> datetime | None:
        """The first fire time of a job scheduled at `now`; None if it never fires."""
        ...

    def next_fire(self, previous: datetime) -> datetime | None:
        """The fire time after the `previous` fire time; None when the schedule is over."""
        ...


@attrs.frozen
class At:
    """Fires once, at `when` (right away if `when` has passed)."""

    when: datetime

    def first_fire(self, now: datetime) -> datetime:  # noqa: ARG002 - the time is fixed
        """Return `when`."""
        return self.when

    def next_fire(self, previous: datetime) -> None:  # noqa: ARG002 - fires only once
        """A one-off job never fires again."""
        return


@attrs.frozen
class Interval:
    """Fires every `every` at a fixed rate, counted from `start` (default: the scheduling time).

    The next fire time is the previous *scheduled* time plus `every`, never "now plus
    `every`", so late runs do not make the schedule drift.
    """

    every: timedelta = attrs.field(validator=positive)
    start: datetime | None = None

    def first_fire(self, now: datetime) -> datetime:
        """The first of start, start + every, ... that is not before `now`."""
        if self.start is None:
            return now + self.every
        if self.start >= now:
            return self.start
        periods = -((self.start - now) // self.every)
        return self.start + periods * self.every

    def next_fire(self, previous: datetime) -> datetime:
        """Return `previous` plus `every`."""
        return previous + self.every
