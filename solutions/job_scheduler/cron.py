"""Cron expressions: parsing, validation and the next matching minute."""

from __future__ import annotations

import bisect
from datetime import datetime, timedelta

import attrs

from job_scheduler.cron_fields import (
    DAY_OF_MONTH,
    DAY_OF_WEEK,
    HOUR,
    MACROS,
    MINUTE,
    MONTH,
)

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MINUTE = timedelta(minutes=1)
_DAY = timedelta(days=1)


def _sorted(values: frozenset[int]) -> tuple[int, ...]:
    return tuple(sorted(values))


@attrs.frozen
class Cron:
    """A five-field cron schedule with Debian cron's day rule; also a Trigger.

    When both day fields are restricted (neither begins with ``*``) a day matches if either
    matches; otherwise both must match.
    """

    expression: str
    _minutes: tuple[int, ...] = attrs.field(init=False, repr=False)
    _hours: tuple[int, ...] = attrs.field(init=False, repr=False)
    _days: frozenset[int] = attrs.field(init=False, repr=False)
    _months: frozenset[int] = attrs.field(init=False, repr=False)
    _weekdays: frozenset[int] = attrs.field(init=False, repr=False)
    _either_day: bool = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        text = self.expression.strip()
        fields = MACROS.get(text.lower(), text).split()
        if len(fields) != 5:
            msg = f"cron expression {self.expression!r} needs five fields, got {len(fields)}"
            raise ValueError(msg)
        minute, hour, day, month, weekday = fields
        set_ = object.__setattr__  # frozen: derived fields are set once, here
        set_(self, "_minutes", _sorted(MINUTE.parse(minute)))
        set_(self, "_hours", _sorted(HOUR.parse(hour)))
        set_(self, "_days", DAY_OF_MONTH.parse(day))
        set_(self, "_months", MONTH.parse(month))
        set_(self, "_weekdays", frozenset(d % 7 for d in DAY_OF_WEEK.parse(weekday)))
        set_(self, "_either_day", not day.startswith("*") and not weekday.startswith("*"))
        if not self._either_day and not any(
            day_of_month <= _DAYS_IN_MONTH[month_number - 1]
            for month_number in self._months
            for day_of_month in self._days
        ):
            msg = f"cron expression {self.expression!r} can never fire: no such day-of-month"
            raise ValueError(msg)

    def next_after(self, moment: datetime) -> datetime:
        """Return the first matching minute strictly after `moment`, in the same tzinfo."""
        candidate = moment.replace(second=0, microsecond=0) + _MINUTE
        while True:
            if candidate.month not in self._months:
                candidate = _first_of_next_month(candidate)
            elif not self._day_matches(candidate):
                candidate = candidate.replace(hour=0, minute=0) + _DAY
            else:
                found = self._time_on_same_day(candidate)
                if found is not None:
                    return found
                candidate = candidate.replace(hour=0, minute=0) + _DAY

    def first_fire(self, now: datetime) -> datetime:
        """Trigger role: the first matching minute after `now`."""
        return self.next_after(now)

    def next_fire(self, previous: datetime) -> datetime:
        """Trigger role: the matching minute after the previous fire time."""
        return self.next_after(previous)

    def _day_matches(self, moment: datetime) -> bool:
        in_month = moment.day in self._days
        in_week = moment.isoweekday() % 7 in self._weekdays
        return (in_month or in_week) if self._either_day else (in_month and in_week)

    def _time_on_same_day(self, moment: datetime) -> datetime | None:
        hour_index = bisect.bisect_left(self._hours, moment.hour)
        if hour_index < len(self._hours) and self._hours[hour_index] == moment.hour:
            minute_index = bisect.bisect_left(self._minutes, moment.minute)
            if minute_index < len(self._minutes):
                return moment.replace(minute=self._minutes[minute_index])
            hour_index += 1
        if hour_index < len(self._hours):
            return moment.replace(hour=self._hours[hour_index], minute=self._minutes[0])
        return None


def _first_of_next_month(moment: datetime) -> datetime:
    if moment.month == 12:
        return moment.replace(year=moment.year + 1, month=1, day=1, hour=0, minute=0)
    return moment.replace(month=moment.month + 1, day=1, hour=0, minute=0)
