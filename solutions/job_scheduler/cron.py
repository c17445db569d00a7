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
from job_scheduler.errors import InvalidValueError

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MINUTE = timedelta(minutes=1)
_DAY = timedelta(days=1)


@attrs.frozen
class _Schedule:
    """The minutes, hours, days, months and weekdays an expression allows, and its day rule."""

    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]
    either_day: bool

    @classmethod
    def parse(cls, expression: str) -> _Schedule:
        """Parse the five fields (or a macro); InvalidValueError naming what is wrong."""
        text = expression.strip()
        fields = MACROS.get(text.lower(), text).split()
        if len(fields) != 5:
            msg = f"cron expression {expression!r} needs five fields, got {len(fields)}"
            raise InvalidValueError(msg)
        minute, hour, day, month, weekday = fields
        schedule = cls(
            minutes=tuple(sorted(MINUTE.parse(minute))),
            hours=tuple(sorted(HOUR.parse(hour))),
            days=DAY_OF_MONTH.parse(day),
            months=MONTH.parse(month),
            weekdays=frozenset(d % 7 for d in DAY_OF_WEEK.parse(weekday)),
            either_day=not day.startswith("*") and not weekday.startswith("*"),
        )
        if not schedule.either_day and not any(
            day_of_month <= _DAYS_IN_MONTH[month_number - 1]
            for month_number in schedule.months
            for day_of_month in schedule.days
        ):
            msg = f"cron expression {expression!r} can never fire: no such day-of-month"
            raise InvalidValueError(msg)
        return schedule

    def next_after(self, moment: datetime) -> datetime:
        """The first matching minute strictly after `moment`, in the same tzinfo."""
        candidate = moment.replace(second=0, microsecond=0) + _MINUTE
        while True:
            if candidate.month not in self.months:
                candidate = _first_of_next_month(candidate)
            elif not self._day_matches(candidate):
                candidate = candidate.replace(hour=0, minute=0) + _DAY
            else:
                found = self._time_on_same_day(candidate)
                if found is not None:
                    return found
                candidate = candidate.replace(hour=0, minute=0) + _DAY

    def _day_matches(self, moment: datetime) -> bool:
        in_month = moment.day in self.days
        in_week = moment.isoweekday() % 7 in self.weekdays
        return (in_month or in_week) if self.either_day else (in_month and in_week)

    def _time_on_same_day(self, moment: datetime) -> datetime | None:
        hour_index = bisect.bisect_left(self.hours, moment.hour)
        if hour_index < len(self.hours) and self.hours[hour_index] == moment.hour:
            minute_index = bisect.bisect_left(self.minutes, moment.minute)
            if minute_index < len(self.minutes):
                return moment.replace(minute=self.minutes[minute_index])
            hour_index += 1
        if hour_index < len(self.hours):
            return moment.replace(hour=self.hours[hour_index], minute=self.minutes[0])
        return None


@attrs.frozen
class Cron:
    """A five-field cron schedule with Debian cron's day rule; also a Trigger.

    When both day fields are restricted (neither begins with ``*``) a day matches if either
    matches; otherwise both must match. Two crons are equal when their expressions are.
    """

    expression: str
    _schedule: _Schedule = attrs.field(
        init=False,
        repr=False,
        eq=False,
        default=attrs.Factory(lambda cron: _Schedule.parse(cron.expression), takes_self=True),
    )

    def next_after(self, moment: datetime) -> datetime:
        """Return the first matching minute strictly after `moment`, in the same tzinfo."""
        return self._schedule.next_after(moment)

    def first_fire(self, now: datetime) -> datetime:
        """Trigger role: the first matching minute after `now`."""
        return self.next_after(now)

    def next_fire(self, previous: datetime) -> datetime:
        """Trigger role: the matching minute after the previous fire time."""
        return self.next_after(previous)


def _first_of_next_month(moment: datetime) -> datetime:
    if moment.month == 12:
        return moment.replace(year=moment.year + 1, month=1, day=1, hour=0, minute=0)
    return moment.replace(month=moment.month + 1, day=1, hour=0, minute=0)
