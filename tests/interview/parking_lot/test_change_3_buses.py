from datetime import timedelta
from typing import Any

import pytest
from parking_lot.driver import build, free_spots, leave, park

from tests.interview.parking_lot.support import RATE, free_by_level
from tests.interview.support import raises_named
from tests.support import FakeClock

pytestmark = [
    pytest.mark.interview("buses"),
    pytest.mark.spec(
        '"Coaches want to stop here too. A bus needs five large spots side by side on one level."',
        "The handles (a lot, a ticket, and later a board) are whatever your design returns",
    ),
]


def new_lot(layout: str, clock: FakeClock | None = None) -> Any:
    return build(layout, RATE, clock or FakeClock())


@pytest.mark.spec(
    'park(lot, plate, "bus") parks a bus: the kind "bus" is new, and no new function is needed.',
    "A bus takes five free large spots that are consecutive letters of one level's line (spaces "
    "between letters still do not count)",
)
@pytest.mark.parametrize(
    ("layout", "free_after"),
    [("LLLLL", (0, 0, 0)), ("L L LL L", (0, 0, 0)), ("S LLLLL C L", (1, 1, 1))],
    ids=["five large spots", "with spaces between them", "among other spots"],
)
def test_a_bus_takes_five_large_spots_in_a_row(layout: str, free_after: tuple[int, ...]) -> None:
    lot = new_lot(layout)

    park(lot, "BUS-1", "bus")

    assert free_by_level(lot, 1) == [free_after]


@pytest.mark.spec("the leftmost such run")
@pytest.mark.parametrize(
    "layout",
    ["LLLLLLLLLL", "LLLLL C LLLLL", "LLLLLLL C LLLLL"],
    ids=["two runs end to end", "two runs apart", "a longer run first"],
)
def test_each_bus_takes_the_leftmost_run_so_two_fit(layout: str) -> None:
    lot = new_lot(layout)

    park(lot, "BUS-1", "bus")
    park(lot, "BUS-2", "bus")

    assert free_spots(lot, 0, "large") == len(layout.replace(" ", "").replace("C", "")) - 10
    with raises_named("LotFullError", naming="BUS-3"):
        park(lot, "BUS-3", "bus")


@pytest.mark.spec("on the lowest level that has one")
def test_a_bus_goes_to_the_lowest_level_with_a_run() -> None:
    lot = new_lot("LLLLCL\nLL C LLL\nLLLLL\nLLLLL")

    park(lot, "BUS-1", "bus")

    assert free_by_level(lot, 4) == [(0, 1, 5), (0, 1, 5), (0, 0, 0), (0, 0, 5)]


@pytest.mark.spec(
    "A spot of another size, or a large spot that is taken, breaks a run.",
    "When no level has such a run, parking the bus is refused with LotFullError naming the plate",
)
@pytest.mark.parametrize(
    ("layout", "levels"),
    [("LLCLL\nLLLL", 2), ("LLLL S L", 1), ("LLLL\nL", 2)],
    ids=["a compact spot in the run", "a small spot in the run", "a run across two levels"],
)
def test_a_spot_of_another_size_breaks_a_run(layout: str, levels: int) -> None:
    lot = new_lot(layout)
    before = free_by_level(lot, levels)

    with raises_named("LotFullError", naming="BUS-1"):
        park(lot, "BUS-1", "bus")

    assert free_by_level(lot, levels) == before


@pytest.mark.spec(
    "A spot of another size, or a large spot that is taken, breaks a run.",
    "even when five large spots are free apart from each other",
)
def test_a_taken_spot_breaks_a_run_even_with_five_large_spots_free() -> None:
    lot = new_lot("LLLLLLL")
    park(lot, "V-1", "van")
    middle = park(lot, "V-2", "van")
    park(lot, "V-3", "van")
    leave(lot, middle)

    with raises_named("LotFullError", naming="BUS-1"):
        park(lot, "BUS-1", "bus")

    assert free_spots(lot, 0, "large") == 5


@pytest.mark.spec("a large spot that is taken, breaks a run")
def test_a_bus_finds_the_run_after_a_taken_spot() -> None:
    lot = new_lot("LLLLLL")
    park(lot, "V-1", "van")

    park(lot, "BUS-1", "bus")

    assert free_spots(lot, 0, "large") == 0


@pytest.mark.spec(
    "Leaving frees all five spots, and a bus pays the hourly rate as any vehicle does."
)
def test_leaving_frees_all_five_spots_and_the_bus_pays_the_hourly_rate() -> None:
    clock = FakeClock()
    lot = new_lot("C LLLLL L", clock)
    bus = park(lot, "BUS-1", "bus")
    clock.advance(timedelta(minutes=90))

    amount = leave(lot, bus)

    assert amount == RATE * 2
    assert free_by_level(lot, 1) == [(0, 1, 6)]
    park(lot, "BUS-2", "bus")


@pytest.mark.spec(
    "Other vehicles park as before, even when the large spot a van takes breaks the only run."
)
def test_a_van_takes_a_large_spot_even_from_the_only_run() -> None:
    lot = new_lot("LLLLL")

    park(lot, "V-1", "van")

    assert free_spots(lot, 0, "large") == 4
    with raises_named("LotFullError", naming="BUS-1"):
        park(lot, "BUS-1", "bus")


@pytest.mark.spec("Other vehicles park as before")
def test_a_motorcycle_still_takes_the_small_spot_before_a_large_one() -> None:
    lot = new_lot("S LLLLL")

    park(lot, "M-1", "motorcycle")
    park(lot, "BUS-1", "bus")

    assert free_by_level(lot, 1) == [(0, 0, 0)]
