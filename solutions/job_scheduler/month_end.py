"""A trigger for the last day of every month, added beside the others (Strategy, OCP)."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time

import attrs


@attrs.frozen
class LastDayOfMonth:
    """Fires at `at` (UTC) on the last day of every month: the 31st, the 30th, February's end.

    It implements the `Trigger` role and nothing else: the scheduler runs it unchanged,
    which is the point of the role (no scheduler code knows this trigger exists).
    """

    at: time  # a time of day, read in UTC

    def first_fire(self, now: datetime) -> datetime:
        """The first month end at `at` strictly after `now`."""
        return self._after(now)

    def next_fire(self, previous: datetime) -> datetime:
        """The month end at `at` after the `previous` one."""
        return self._after(previous)

    def _after(self, moment: datetime) -> datetime:
        moment = moment.astimezone(UTC)
        this_month = self._in(moment.year, moment.month)
        if this_month > moment:
            return this_month
        if moment.month == 12:
            return self._in(moment.year + 1, 1)
        return self._in(moment.year, moment.month + 1)

    def _in(self, year: int, month: int) -> datetime:
        last = calendar.monthrange(year, month)[1]
        return datetime.combine(date(year, month, last), self.at, tzinfo=UTC)
