"""Parsing of the five cron fields into sets of allowed values."""

from __future__ import annotations

import attrs

from job_scheduler.errors import InvalidValueError

MONTH_NAMES = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
DAY_NAMES = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")

MACROS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}


@attrs.frozen
class FieldSpec:
    """The name, bounds and value names of one cron field."""

    name: str
    low: int
    high: int
    names: tuple[str, ...] = ()
    name_base: int = 0

    def parse(self, text: str) -> frozenset[int]:
        """Return the values `text` allows; InvalidValueError naming this field if invalid."""
        values: set[int] = set()
        for item in text.split(","):
            values.update(self._parse_item(item, text))
        return frozenset(values)

    def _parse_item(self, item: str, text: str) -> range:
        base, slash, step_text = item.partition("/")
        step = self._step(step_text, text) if slash else 1
        if base == "*":
            return range(self.low, self.high + 1, step)
        first, dash, last = base.partition("-")
        if not dash and slash:
            raise self._error(text, "a step needs '*' or a range before it")
        low = self._value(first, text)
        high = self._value(last, text) if dash else low
        if low > high:
            raise self._error(text, f"range {base!r} runs backwards")
        return range(low, high + 1, step)

    def _step(self, step_text: str, text: str) -> int:
        if not step_text.isdigit() or int(step_text) == 0:
            raise self._error(text, f"step {step_text!r} is not a positive number")
        return int(step_text)

    def _value(self, token: str, text: str) -> int:
        if token.upper() in self.names:
            return self.names.index(token.upper()) + self.name_base
        if not token.isdigit():
            raise self._error(text, f"{token!r} is not a number")
        value = int(token)
        if not self.low <= value <= self.high:
            raise self._error(text, f"{value} is outside {self.low}-{self.high}")
        return value

    def _error(self, text: str, reason: str) -> InvalidValueError:
        return InvalidValueError(f"invalid {self.name} field {text!r}: {reason}")


MINUTE = FieldSpec("minute", 0, 59)
HOUR = FieldSpec("hour", 0, 23)
DAY_OF_MONTH = FieldSpec("day-of-month", 1, 31)
MONTH = FieldSpec("month", 1, 12, MONTH_NAMES, name_base=1)
DAY_OF_WEEK = FieldSpec("day-of-week", 0, 7, DAY_NAMES)
