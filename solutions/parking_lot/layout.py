"""The shape of a lot: levels of rows of spot sizes, and the text format that describes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from parking_lot.errors import LayoutError
from parking_lot.vehicles import SpotSize

if TYPE_CHECKING:
    from collections.abc import Iterable

LETTERS = {"S": SpotSize.SMALL, "C": SpotSize.COMPACT, "L": SpotSize.LARGE}
_LETTER_HELP = "S (small), C (compact) or L (large)"

Row = tuple[SpotSize, ...]
Level = tuple[Row, ...]


@attrs.frozen
class Layout:
    """Levels, each a tuple of rows, each a tuple of spot sizes; never empty anywhere."""

    levels: tuple[Level, ...]

    def __attrs_post_init__(self) -> None:
        if not self.levels:
            raise LayoutError("a layout needs at least one level")
        for number, level in enumerate(self.levels):
            if not level:
                raise LayoutError(f"level {number} has no rows")
            for row_number, row in enumerate(level):
                if not row:
                    raise LayoutError(f"level {number}, row {row_number} has no spots")

    @property
    def capacity(self) -> int:
        """How many spots the layout has."""
        return sum(len(row) for level in self.levels for row in level)

    @classmethod
    def single_row(cls, count: int, size: SpotSize = SpotSize.COMPACT) -> Layout:
        """One level with one row of ``count`` spots of one size."""
        if count < 1:
            raise LayoutError(f"a row needs at least one spot, got {count!r}")
        return cls(((tuple([size] * count),),))

    @classmethod
    def of(cls, levels: Iterable[Iterable[Iterable[SpotSize]]]) -> Layout:
        """From nested iterables: levels, then rows, then sizes."""
        return cls(tuple(tuple(tuple(row) for row in level) for level in levels))

    @classmethod
    def parse(cls, text: str) -> Layout:
        """Read the text format (see the kata's README); errors name the line and the problem.

        A ``level`` line starts a level; each following line is a row, one letter a spot
        (spaces between letters are ignored); ``#`` starts a comment.
        """
        levels: list[list[Row]] = []
        level_lines: list[int] = []
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.partition("#")[0].strip()
            if not line:
                continue
            words = line.split()
            if words[0].lower() == "level" and len(words) > 1:
                raise LayoutError(f"'level' stands alone on its line, got {line!r}", number)
            if line.lower() == "level":
                if levels and not levels[-1]:
                    raise LayoutError(f"level {len(levels) - 1} has no rows", level_lines[-1])
                levels.append([])
                level_lines.append(number)
                continue
            if not levels:
                raise LayoutError(f"a row must come after a 'level' line, got {line!r}", number)
            levels[-1].append(_row(line, number))
        if not levels:
            raise LayoutError("the layout has no 'level' line")
        if not levels[-1]:
            raise LayoutError(f"level {len(levels) - 1} has no rows", level_lines[-1])
        return cls.of(levels)


def _row(line: str, number: int) -> Row:
    sizes = []
    for letter in "".join(line.split()):
        size = LETTERS.get(letter.upper())
        if size is None:
            raise LayoutError(f"unknown spot size {letter!r}; use {_LETTER_HELP}", number)
        sizes.append(size)
    return tuple(sizes)
