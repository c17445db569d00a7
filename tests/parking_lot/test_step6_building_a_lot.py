import re

import pytest
from parking_lot import (
    BUS,
    MOTORCYCLE,
    Layout,
    LayoutError,
    LotFullError,
    ParkingError,
    ParkingLot,
    SpotSize,
    Vehicle,
    VehicleKind,
)

pytestmark = [
    pytest.mark.step(6),
    pytest.mark.spec(
        "Layout.parse(text) builds a layout from a small text format; "
        "ParkingLot(Layout.parse(text)) then builds the lot:"
    ),
]

S, C, L = SpotSize.SMALL, SpotSize.COMPACT, SpotSize.LARGE

SPEC_EXAMPLE = """\
# Ground floor: the entrance row, then the bus bay
level
S S C C C C
L L L L L L

# First floor
level
CCCCCCCC
"""


def shape(layout: Layout) -> list[list[list[SpotSize]]]:
    """Levels of rows of sizes, read back from a lot filled with vehicles that fit anywhere."""
    probe = VehicleKind("probe", SpotSize.SMALL)
    lot = ParkingLot(layout)
    spots = [lot.park(Vehicle(f"P-{n}", probe)).spots[0] for n in range(lot.capacity)]
    with pytest.raises(LotFullError):
        lot.park(Vehicle("ONE-TOO-MANY", probe))
    levels: list[list[list[SpotSize]]] = []
    for spot in sorted(spots, key=lambda spot: (spot.level, spot.row, spot.position)):
        if spot.level == len(levels):
            levels.append([])
        if spot.row == len(levels[-1]):
            levels[-1].append([])
        assert (spot.level, spot.row, spot.position) == (
            len(levels) - 1,
            len(levels[-1]) - 1,
            len(levels[-1][-1]),
        )
        levels[-1][-1].append(spot.size)
    return levels


@pytest.mark.spec(
    "A line level (alone, any case) starts the next level; levels are numbered from 0 in order.",
    "Every other non-blank line is a row of the current level",
)
def test_spec_example_builds_two_levels_of_rows() -> None:
    layout = Layout.parse(SPEC_EXAMPLE)

    assert shape(layout) == [[[S, S, C, C, C, C], [L] * 6], [[C] * 8]]


@pytest.mark.spec("ParkingLot(Layout.parse(text)) then builds the lot")
def test_spec_example_builds_a_lot_with_a_bus_bay_on_the_ground_floor() -> None:
    lot = ParkingLot(Layout.parse(SPEC_EXAMPLE))

    bus = lot.park(Vehicle("B-1", BUS))
    motorcycle = lot.park(Vehicle("M-1", MOTORCYCLE))

    assert lot.capacity == 20
    assert [(s.level, s.row, s.position) for s in bus.spots] == [(0, 1, p) for p in range(5)]
    assert (motorcycle.spots[0].level, motorcycle.spots[0].row) == (0, 0)


@pytest.mark.spec("A line level (alone, any case)", "S small, C compact, L large (any case)")
def test_level_keyword_and_letters_are_read_in_any_case() -> None:
    layout = Layout.parse("LEVEL\nsCl\nLevel\nc")

    assert shape(layout) == [[[S, C, L]], [[C]]]


@pytest.mark.spec("spaces and tabs between letters are ignored.")
def test_spaces_between_letters_and_around_lines_are_ignored() -> None:
    layout = Layout.parse("  level  \n  S  C   L \n")

    assert shape(layout) == [[[S, C, L]]]


@pytest.mark.spec(
    "The first # on a line starts a comment, to the end of the line; blank lines are ignored."
)
def test_comments_and_blank_lines_are_ignored() -> None:
    text = "# a lot\n\nlevel # ground\nSC # two spots\n   \n# nothing here\nL\n"

    layout = Layout.parse(text)

    assert shape(layout) == [[[S, C], [L]]]


def error_of(text: str) -> LayoutError:
    with pytest.raises(LayoutError) as raised:
        Layout.parse(text)
    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, ParkingError)
    return raised.value


@pytest.mark.spec(
    "Errors are LayoutError with .line set and the message starting line N: : an unknown letter "
    "(the message names it and lists S, C and L)",
    ".line is the 1-based line of the text",
)
@pytest.mark.parametrize(
    ("text", "line", "letter"),
    [
        ("level\nSCX\n", 2, "X"),
        ("level\nSC\nL L\n\nlevel\nC 7\n", 6, "7"),
        ("# first\nlevel\nC\nCC-\n", 4, "-"),
    ],
    ids=["X on line 2", "7 on line 6", "- on line 4"],
)
def test_an_unknown_letter_is_reported_with_its_line_and_the_letters_known(
    text: str, line: int, letter: str
) -> None:
    error = error_of(text)

    assert error.line == line
    assert str(error).startswith(f"line {line}: ")
    assert letter in str(error).removeprefix(f"line {line}: ")
    for known in ("S", "C", "L"):
        assert re.search(rf"\b{known}\b", str(error))


@pytest.mark.spec("a row before the first level (the message says a row needs a level line first)")
@pytest.mark.parametrize(
    ("text", "line"),
    [("SCL\nlevel\nC\n", 1), ("# ground\n\nCC\nlevel\nC\n", 3)],
    ids=["first line", "after a comment and a blank line"],
)
def test_a_row_before_the_first_level_is_refused(text: str, line: int) -> None:
    error = error_of(text)

    assert error.line == line
    assert str(error).startswith(f"line {line}: ")
    assert re.search("level", str(error), re.IGNORECASE)


@pytest.mark.spec("anything after level on its line (the message quotes the line)")
@pytest.mark.parametrize(
    ("text", "line", "extra"),
    [("level 1\nC\n", 1, "1"), ("level\nC\nlevel two\nC\n", 3, "two"), ("level S\nC", 1, "S")],
    ids=["a number", "a word", "a letter"],
)
def test_anything_after_level_on_its_line_is_refused(text: str, line: int, extra: str) -> None:
    error = error_of(text)

    assert error.line == line
    assert str(error).startswith(f"line {line}: ")
    assert extra in str(error).removeprefix(f"line {line}: ")


@pytest.mark.spec(
    'a level without rows (reported at its level line, naming the level: "line 4: level 1 has no '
    'rows").'
)
@pytest.mark.parametrize(
    ("text", "line", "level"),
    [
        ("level\nC\nlevel\n\n# nothing\nlevel\nC\n", 3, 1),
        ("level\nC\n\nlevel\n", 4, 1),
        ("level\n", 1, 0),
        ("# top\nlevel # empty\nlevel\nC\n", 2, 0),
    ],
    ids=["in the middle", "at the end", "only level", "followed by a level"],
)
def test_a_level_without_rows_is_reported_at_its_level_line(
    text: str, line: int, level: int
) -> None:
    error = error_of(text)

    assert error.line == line
    assert str(error) == f"line {line}: level {level} has no rows"


@pytest.mark.spec(
    "A text without any level line raises LayoutError with .line None and a message saying it "
    "has no level line."
)
@pytest.mark.parametrize(
    "text", ["", "\n\n", "# just a comment\n"], ids=["empty", "blank lines", "a comment"]
)
def test_a_text_without_any_level_is_refused_without_a_line(text: str) -> None:
    error = error_of(text)

    assert error.line is None
    assert not str(error).startswith("line ")
    assert re.search(r"\blevel\b", str(error))


@pytest.mark.spec(".line is the 1-based line of the text (or None)")
def test_a_layout_built_in_code_has_no_line_in_its_error() -> None:
    with pytest.raises(LayoutError) as raised:
        Layout.of([[[C], []]])

    assert raised.value.line is None


@pytest.mark.spec(
    "The first # on a line starts a comment", "spaces and tabs between letters are ignored."
)
def test_only_the_first_hash_starts_a_comment_and_tabs_are_ignored() -> None:
    text = "level\nS\tC # two # spots\n\tL\n"

    layout = Layout.parse(text)

    assert shape(layout) == [[[S, C], [L]]]
