from typing import Any

import pytest
from parking_lot.driver import add_board, board_text, build, leave, park, unplug_board

from tests.interview.parking_lot.support import RATE
from tests.interview.support import raises_named
from tests.support import FakeClock

pytestmark = [
    pytest.mark.interview("display-boards"),
    pytest.mark.spec(
        '"Put a display board at the ramp of every level, showing how many spots of each size are '
        "free there, and one at the entrance for the whole lot.",
        "A level may have several boards, and every board must stay in step with every park and "
        'leave."',
        "Each change request adds the functions it needs, given in its own section.",
        "The handles (a lot, a ticket, and later a board) are whatever your design returns",
    ),
]

LAYOUT = "S C L L\nC C"


def new_lot(layout: str = LAYOUT) -> Any:
    return build(layout, RATE, FakeClock())


def texts(*boards: Any) -> list[str]:
    return [board_text(board) for board in boards]


@pytest.mark.spec(
    "add_board(lot, level: int | None) -> board puts up a board for level",
    'board_text(board) -> str is what the board shows, such as "Level 0: small 1, compact 0, '
    'large 2": the free spots of each size in that order, every size named even when the level '
    "has no spot of it.",
    "The suite only asks about levels the layout has, here and in every later function that "
    "takes a level.",
)
def test_a_board_shows_the_free_spots_of_its_level_by_size() -> None:
    lot = new_lot()

    boards = [add_board(lot, 0), add_board(lot, 1)]

    assert texts(*boards) == [
        "Level 0: small 1, compact 1, large 2",
        "Level 1: small 0, compact 2, large 0",
    ]


@pytest.mark.spec(
    "or for the whole lot when level is None, and returns it",
    'A board for the whole lot starts with "All levels: " and counts every level.',
)
def test_a_board_for_the_whole_lot_counts_every_level() -> None:
    lot = new_lot()

    board = add_board(lot, None)

    assert board_text(board) == "All levels: small 1, compact 3, large 2"


@pytest.mark.spec("A new board shows the lot as it is when it is put up.")
def test_a_new_board_shows_the_lot_as_it_is_now() -> None:
    lot = new_lot()
    leave(lot, park(lot, "V-1", "van"))
    park(lot, "KA-1", "car")
    park(lot, "KA-2", "car")

    boards = [add_board(lot, 0), add_board(lot, 1), add_board(lot, None)]

    assert texts(*boards) == [
        "Level 0: small 1, compact 0, large 2",
        "Level 1: small 0, compact 1, large 0",
        "All levels: small 1, compact 1, large 2",
    ]


@pytest.mark.spec(
    "After every park and every leave, every board shows the new counts.",
    "A level may have several boards",
)
def test_every_board_follows_every_park_and_leave() -> None:
    lot = new_lot()
    ramp, second, upstairs, entrance = (add_board(lot, level) for level in (0, 0, 1, None))

    seen = []
    motorcycle = park(lot, "M-1", "motorcycle")
    seen.append(texts(ramp, second, upstairs, entrance))
    van = park(lot, "V-1", "van")
    seen.append(texts(ramp, second, upstairs, entrance))
    leave(lot, motorcycle)
    seen.append(texts(ramp, second, upstairs, entrance))
    leave(lot, van)
    seen.append(texts(ramp, second, upstairs, entrance))

    assert seen == [
        [
            "Level 0: small 0, compact 1, large 2",
            "Level 0: small 0, compact 1, large 2",
            "Level 1: small 0, compact 2, large 0",
            "All levels: small 0, compact 3, large 2",
        ],
        [
            "Level 0: small 0, compact 1, large 1",
            "Level 0: small 0, compact 1, large 1",
            "Level 1: small 0, compact 2, large 0",
            "All levels: small 0, compact 3, large 1",
        ],
        [
            "Level 0: small 1, compact 1, large 1",
            "Level 0: small 1, compact 1, large 1",
            "Level 1: small 0, compact 2, large 0",
            "All levels: small 1, compact 3, large 1",
        ],
        [
            "Level 0: small 1, compact 1, large 2",
            "Level 0: small 1, compact 1, large 2",
            "Level 1: small 0, compact 2, large 0",
            "All levels: small 1, compact 3, large 2",
        ],
    ]


@pytest.mark.spec(
    'When no spot of any size is free where a board looks, it shows "Level 1: FULL" (or '
    '"All levels: FULL").'
)
def test_a_board_shows_full_when_no_spot_of_any_size_is_free_where_it_looks() -> None:
    lot = new_lot("S\nC C")
    downstairs, upstairs, entrance = add_board(lot, 0), add_board(lot, 1), add_board(lot, None)

    park(lot, "KA-1", "car")
    park(lot, "KA-2", "car")
    after_cars = texts(downstairs, upstairs, entrance)
    park(lot, "M-1", "motorcycle")

    assert after_cars == [
        "Level 0: small 1, compact 0, large 0",
        "Level 1: FULL",
        "All levels: small 1, compact 0, large 0",
    ]
    assert texts(downstairs, upstairs, entrance) == [
        "Level 0: FULL",
        "Level 1: FULL",
        "All levels: FULL",
    ]


@pytest.mark.spec("A refused park or leave changes no board.")
def test_a_refused_park_or_leave_changes_no_board() -> None:
    lot = new_lot("C L")
    ramp, entrance = add_board(lot, 0), add_board(lot, None)
    ticket = park(lot, "KA-1", "car")
    leave(lot, ticket)
    park(lot, "KA-2", "car")
    before = texts(ramp, entrance)

    with raises_named("AlreadyParkedError"):
        park(lot, "KA-2", "van")
    with raises_named("TicketAlreadyUsedError"):
        leave(lot, ticket)
    with raises_named("UnknownVehicleKindError"):
        park(lot, "H-1", "hovercraft")
    park(lot, "V-1", "van")
    full = texts(ramp, entrance)
    with raises_named("LotFullError"):
        park(lot, "KA-3", "car")

    assert before == [
        "Level 0: small 0, compact 0, large 1",
        "All levels: small 0, compact 0, large 1",
    ]
    assert full == texts(ramp, entrance) == ["Level 0: FULL", "All levels: FULL"]


@pytest.mark.spec(
    "The boards are e-paper: unplug_board(board) takes a board down for repair, and from then "
    "on it keeps showing its last text whatever happens in the lot, while the other boards keep "
    "up."
)
def test_an_unplugged_board_keeps_its_last_text_while_the_others_keep_up() -> None:
    lot = new_lot()
    broken, working = add_board(lot, 0), add_board(lot, 0)
    entrance = add_board(lot, None)
    van = park(lot, "V-1", "van")

    unplug_board(broken)
    park(lot, "M-1", "motorcycle")
    leave(lot, van)

    assert texts(broken, working, entrance) == [
        "Level 0: small 1, compact 1, large 1",
        "Level 0: small 0, compact 1, large 2",
        "All levels: small 0, compact 3, large 2",
    ]


@pytest.mark.spec("Unplugging a board twice is harmless.")
def test_unplugging_a_board_twice_is_harmless() -> None:
    lot = new_lot()
    broken, working = add_board(lot, 1), add_board(lot, 1)
    unplug_board(broken)

    unplug_board(broken)
    park(lot, "KA-1", "car")
    park(lot, "KA-2", "car")

    assert texts(broken, working) == [
        "Level 1: small 0, compact 2, large 0",
        "Level 1: small 0, compact 1, large 0",
    ]
