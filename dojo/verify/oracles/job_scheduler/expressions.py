"""Cron expressions as lists of items per field: generated valid or invalid, and made simpler.

Kept as parts, not text, so that shrinking can drop an item, a step or a range's end and
still write an expression of the same shape.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    import random
    from collections.abc import Iterator

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
MACROS = ("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly")
# minute, hour, day of month, month, day of week: (low, high, names, the first name's value)
FIELDS: tuple[tuple[int, int, tuple[str, ...], int], ...] = (
    (0, 59, (), 0),
    (0, 23, (), 0),
    (1, 31, (), 0),
    (1, 12, MONTHS, 1),
    (0, 7, DAYS, 0),
)
BAD_SYNTAX = ("*/0", "1,,2", "1-2-3", "*/5/2", "1-", "-", "1.5", "abc", "*-5", "2/", "/2")
NAMES_ELSEWHERE = (("jan", (0, 1, 2, 4)), ("mon", (0, 1, 2, 3)))
NEVER = (("30", "2"), ("31", "2"), ("30,31", "feb"), ("31", "4,jun,9,11"))
_NUMBER = re.compile(r"\d+")


@attrs.frozen
class Expression:
    """A macro, or fields (five, or fewer for an invalid one), each a tuple of items."""

    fields: tuple[tuple[str, ...], ...] = ()
    macro: str = ""

    @property
    def text(self) -> str:
        """The expression as cron reads it."""
        return self.macro or " ".join(",".join(items) for items in self.fields)

    def simpler(self) -> Iterator[Expression]:
        """One item fewer, or one item plainer: no step, a range's start alone, its field's low."""
        for position, items in enumerate(self.fields):
            for index, item in enumerate(items):
                shorter = items[:index] + items[index + 1 :]
                if shorter:
                    yield self._with(position, shorter)
                for plainer in _plainer_items(item, position, first=index == 0):
                    yield self._with(position, (*items[:index], plainer, *items[index + 1 :]))

    def _with(self, position: int, items: tuple[str, ...]) -> Expression:
        return attrs.evolve(
            self, fields=(*self.fields[:position], items, *self.fields[position + 1 :])
        )

    def size(self) -> tuple[int, int, int]:
        """Few items, then short text, then small numbers."""
        items = sum(len(items) for items in self.fields)
        return items, len(self.text), sum(int(number) for number in _NUMBER.findall(self.text))


def _plainer_items(item: str, position: int, *, first: bool) -> Iterator[str]:
    # '*' only as a field's first item: croniter and Debian read a later '*' differently.
    base, slash, _ = item.partition("/")
    if slash and base and (first or base != "*"):
        yield base
    start, dash, _ = base.partition("-")
    if dash and start and not slash:
        yield start
    low = str(FIELDS[position][0]) if position < len(FIELDS) else "0"
    if item not in {low, "*"}:
        if first:
            yield "*"
        if start.isdigit() and int(start) > int(low):
            yield low


def _case(rng: random.Random, text: str) -> str:
    return rng.choice([text.lower(), text.upper(), text.capitalize()])


def _value(rng: random.Random, low: int, high: int, position: int) -> str:
    value = rng.randint(low, high)
    _, _, names, base = FIELDS[position]
    index = value - base
    if names and 0 <= index < len(names) and rng.random() < 0.5:
        return _case(rng, names[index])
    return str(value)


def _item(rng: random.Random, position: int, *, first: bool) -> str:
    # Debian looks only at a field's first character to call it unrestricted; croniter looks
    # for '*' anywhere, so '*' appears only as the first item of a list.
    low, high, _, _ = FIELDS[position]
    kinds = ("star", "star-step", "value", "range", "range-step")
    kind = rng.choice(kinds if first else kinds[2:])
    step = rng.randint(1, high - low + 2)
    if kind == "star":
        return "*"
    if kind == "star-step":
        return f"*/{step}"
    if kind == "value":
        return _value(rng, low, high, position)
    # croniter reads a one-value range such as 0-0 in the day-of-week field as '*'
    start = rng.randint(low, high - 1)
    end = rng.randint(start + 1, high)
    span = f"{_value(rng, start, start, position)}-{_value(rng, end, end, position)}"
    return span if kind == "range" else f"{span}/{step}"


def _field(rng: random.Random, position: int) -> tuple[str, ...]:
    tail = [_item(rng, position, first=False) for _ in range(rng.choice((0, 0, 1, 2)))]
    return (_item(rng, position, first=True), *tail)


def _invalid_item(rng: random.Random, position: int) -> str:
    """An item that is invalid in the field at ``position``."""
    low, high, _, _ = FIELDS[position]
    kind = rng.choice(("above", "below", "range-above", "syntax", "name"))
    if kind == "above":
        return str(rng.randint(high + 1, high + 300))
    if kind == "below" and low > 0:
        return str(rng.randint(0, low - 1))
    if kind in {"below", "range-above"}:
        return f"{rng.randint(low, high)}-{rng.randint(high + 1, high + 99)}"
    if kind == "syntax":
        return rng.choice(BAD_SYNTAX)
    name, positions = rng.choice(NAMES_ELSEWHERE)
    return name if position in positions else str(high + 1)


def _invalid(rng: random.Random) -> Expression:
    """Valid fields with one invalid item, too few fields, or a date that never comes."""
    fields = [_field(rng, position) for position in range(5)]
    # croniter only finds out that a date never comes after a long search: keep those few.
    shape = rng.choice(("item",) * 6 + ("too-few", "never"))
    if shape == "too-few":
        return Expression(tuple(fields[: rng.randint(1, 4)]))
    if shape == "never":
        day, months = rng.choice(NEVER)
        return Expression((fields[0], fields[1], (day,), tuple(months.split(",")), ("*",)))
    position = rng.randrange(5)
    bad = _invalid_item(rng, position)
    fields[position] = rng.choice(((bad,), (*fields[position], bad), (bad, "1")))
    return Expression(tuple(fields))


def random_expression(rng: random.Random) -> Expression:
    """A macro in any case, five valid fields, or an invalid expression."""
    pick = rng.random()
    if pick < 0.1:
        macro = rng.choice(MACROS)
        return Expression(macro=macro.upper() if rng.random() < 0.5 else macro)
    if pick < 0.75:
        return Expression(tuple(_field(rng, position) for position in range(5)))
    return _invalid(rng)
