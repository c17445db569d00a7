"""``Cron`` against croniter in its cron-compatible day mode: fire times, and what is refused.

Cases are valid expressions (fields of stars, values, names, ranges and steps, and the
macros), invalid ones (an item out of its field, bad syntax, a name in the wrong field,
too few fields, a date that never comes), and a start moment, naive or in a time zone.
Both sides give the next 20 fire times or refuse; a refusal must be a ``ValueError`` whose
message names the field (or says ``five fields`` or ``never``), as the spec asks.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING

import attrs
from croniter import (  # type: ignore[import-untyped]  # croniter ships no type hints
    CroniterBadDateError,
    CroniterError,
    croniter,
)
from job_scheduler import Cron

from dojo.verify.check import Check
from dojo.verify.oracles.job_scheduler.expressions import Expression, random_expression

if TYPE_CHECKING:
    import random
    from collections.abc import Iterator

FIRE_TIMES = 20
REFUSED = "refused"
ZONES: dict[str, tzinfo | None] = {
    "": None,
    "UTC": UTC,
    "+05:30": timezone(timedelta(hours=5, minutes=30)),
}
ZONE_CODE = {
    "": "",
    "UTC": ", tzinfo=UTC",
    "+05:30": ", tzinfo=timezone(timedelta(hours=5, minutes=30))",
}
NAMES_THE_FIELD = re.compile(r"field|fire|fields")
EARLIEST, LATEST = datetime(1971, 1, 1), datetime(2090, 12, 31)  # noqa: DTZ001 - naive bounds
EPOCH = datetime(2000, 1, 1)  # noqa: DTZ001 - the start shrinking moves towards


@attrs.frozen
class CronCase:
    """An expression and a naive start moment in one of ``ZONES``."""

    expression: Expression
    start: datetime
    zone: str

    @property
    def moment(self) -> datetime:
        """The start with its time zone."""
        return self.start.replace(tzinfo=ZONES[self.zone])


def random_start(rng: random.Random) -> datetime:
    """Any minute from 1971 to 2090, often at the edge of an hour, a day, a month or a year."""
    span = int((LATEST - EARLIEST).total_seconds())
    start = EARLIEST + timedelta(seconds=rng.randrange(span), microseconds=rng.randrange(10**6))
    if rng.random() < 0.4:
        start = start.replace(minute=rng.choice((0, 59)), second=rng.choice((0, 59)))
    if rng.random() < 0.3:
        start = start.replace(hour=rng.choice((0, 23)))
    if rng.random() < 0.3:
        month = rng.choice((1, 2, 12, start.month))
        last = 29 if month == 2 and start.year % 4 == 0 else 28 if month == 2 else 30
        start = start.replace(month=month, day=rng.choice((1, min(last, 28), last)))
    return start


def fire_times(expression: str, moment: datetime) -> list[str] | None:
    """Croniter's next fire times, or None when it refuses the expression."""
    try:
        series = croniter(expression, moment, implement_cron_bug=True)
        return [series.get_next(datetime).isoformat() for _ in range(FIRE_TIMES)]
    except (CroniterError, CroniterBadDateError):
        return None


class CronCheck(Check[CronCase]):
    """The first 20 fire times, or the refusal."""

    def generate(self, rng: random.Random, index: int) -> CronCase:
        """A valid or invalid expression, a start, a zone."""
        del index
        expression = random_expression(rng)
        return CronCase(expression, random_start(rng), rng.choice(tuple(ZONES)))

    def real(self, case: CronCase) -> object:
        """Croniter's answer."""
        return fire_times(case.expression.text, case.moment)

    def theirs(self, case: CronCase) -> object:
        """``Cron(expression).next_after``, 20 times; a ValueError that names its field."""
        try:
            cron = Cron(case.expression.text)
        except ValueError as error:
            if NAMES_THE_FIELD.search(str(error)):
                return None
            return f"refused with a message that names no field: {str(error)!r}"
        moment, times = case.moment, []
        for _ in range(FIRE_TIMES):
            moment = cron.next_after(moment)
            times.append(moment.isoformat())
        return times

    def show(self, case: CronCase) -> str:
        """The call, and how the answers go on."""
        start = case.start
        parts = [start.year, start.month, start.day, start.hour, start.minute]
        parts += [start.second, start.microsecond] if start.microsecond else []
        parts += [start.second] if start.second and not start.microsecond else []
        when = f"datetime({', '.join(map(str, parts))}{ZONE_CODE[case.zone]})"
        return (
            f"Cron({case.expression.text!r}).next_after({when})\n"
            f"then next_after of each answer, {FIRE_TIMES} fire times in all"
        )

    def show_answers(self, real: object, theirs: object) -> tuple[str, str]:
        """The first fire time that differs, or the refusal."""
        if isinstance(real, list) and isinstance(theirs, list):
            index = next(i for i, (a, b) in enumerate(zip(real, theirs, strict=True)) if a != b)
            agreed = f" ({index} before it agree)" if index else ""
            return (
                f"fire time {index + 1}: {real[index]}{agreed}",
                f"fire time {index + 1}: {theirs[index]}",
            )
        return _answer(real), _answer(theirs)

    def kind(self, case: CronCase, real: object, theirs: object) -> str:
        """Refused by one side only, a refusal badly worded, or other fire times."""
        del case
        if isinstance(theirs, str):
            return "your code raises" if theirs.startswith("raised") else "a refusal's message"
        if real is None:
            return "croniter refuses an expression you accept"
        if theirs is None:
            return "croniter accepts an expression you refuse"
        return "different fire times"

    def shrink(self, case: CronCase) -> Iterator[CronCase]:
        """A simpler expression, then a plainer start, then no time zone."""
        for expression in case.expression.simpler():
            yield attrs.evolve(case, expression=expression)
        for start in _plainer(case.start):
            yield attrs.evolve(case, start=start)
        if case.zone:
            yield attrs.evolve(case, zone="")

    def size(self, case: CronCase) -> tuple[int, ...]:
        """A short expression, then a start near 2000-01-01 00:00, then naive."""
        start = case.start
        return (
            *case.expression.size(),
            abs(start.year - EPOCH.year),
            start.month,
            start.day,
            start.hour,
            start.minute,
            start.second,
            start.microsecond,
            bool(case.zone),
        )


def _plainer(start: datetime) -> Iterator[datetime]:
    """The start with one part moved towards 2000-01-01 00:00:00."""
    candidates = [
        start.replace(microsecond=0),
        start.replace(second=0),
        start.replace(minute=0),
        start.replace(hour=0),
        start.replace(day=1),
        start.replace(month=1),
    ]
    nearer = EPOCH.year if abs(start.year - EPOCH.year) > 1 else start.year
    nearer = nearer if nearer != start.year else EPOCH.year
    for year in {EPOCH.year, nearer}:
        try:
            candidates.append(start.replace(year=year))
        except ValueError:  # the 29th of February in another year
            candidates.append(start.replace(year=year, day=28))
    yield from (candidate for candidate in candidates if candidate != start)


def _answer(answer: object) -> str:
    if answer is None:
        return REFUSED
    if isinstance(answer, list):
        return f"fires at {answer[0]}, then {answer[1]}, ..."
    return str(answer)


CHECK = CronCheck()
