from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    MultipleResults,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    multiple,
    rule,
)
from parking_lot.driver import build, free_spots, leave, park

from tests.interview.parking_lot.support import RATE, free_by_level
from tests.interview.support import names_of, raises_named
from tests.support import FakeClock

pytestmark = [
    pytest.mark.interview("core"),
    pytest.mark.spec(
        "The suite talks to your design only through parking_lot/driver.py: the functions below, "
        "which take and return plain values and the handles your own functions return.",
        "The handles (a lot, a ticket, and later a board) are whatever your design returns: the "
        "suite never looks inside one and only passes it back to the driver.",
    ),
]

MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)


def new_lot(layout: str, clock: FakeClock | None = None, rate: Decimal = RATE) -> Any:
    return build(layout, rate, clock or FakeClock())


@pytest.mark.spec(
    "The layout is a text, one line per level.",
    "Levels are numbered from 0 in the order of their lines",
    "Each letter of a line is one spot: S small, C compact, L large, and spaces between letters "
    "are ignored.",
    "build(layout: str, hourly_rate: Decimal, clock) -> lot builds a lot from the layout text of "
    "requirement 1",
    "free_spots(lot, level: int, size: str) -> int counts the free spots of the size named "
    '"small", "compact" or "large" on level (a level with no spot of that size has 0).',
    "The suite only asks about levels the layout has",
    "Staff see the free spots per level and size. For any level and size, the lot says how many "
    "spots are free.",
)
def test_each_line_is_a_level_and_each_letter_a_spot() -> None:
    lot = new_lot("SSC\nC L L\nLLLL")

    assert free_by_level(lot, 3) == [(2, 1, 0), (0, 1, 2), (0, 0, 4)]


@pytest.mark.spec("blank lines are skipped and make no level")
def test_blank_lines_make_no_level() -> None:
    lot = new_lot("\n\nSC\n   \n\nL\n")

    assert free_by_level(lot, 2) == [(1, 1, 0), (0, 0, 1)]


@pytest.mark.spec(
    "A letter other than those three capitals is refused with LayoutError naming the letter and "
    "its line (counted from 1, blank lines included)",
    "build raises LayoutError for a bad layout",
    "Where a requirement says an error names a value, str(error) contains it.",
)
@pytest.mark.parametrize(
    ("layout", "letter", "line"),
    [
        ("SXC", "X", "line 1"),
        ("SC\n\nCB", "B", "line 3"),
        ("C\nC-C", "-", "line 2"),
        ("sC", "s", "line 1"),
    ],
    ids=["an unknown capital", "after a blank line", "a dash", "a lower-case letter"],
)
def test_an_unknown_letter_is_refused_naming_it_and_its_line(
    layout: str, letter: str, line: str
) -> None:
    with pytest.raises(Exception) as raised:  # noqa: PT011 - narrowed by name just below
        new_lot(layout)

    assert "LayoutError" in names_of(raised.value)
    assert letter in str(raised.value)
    assert line in str(raised.value)


@pytest.mark.spec(
    "and so is a text without any level, with a message that says a lot needs a level."
)
@pytest.mark.parametrize("layout", ["", "\n \n\t\n"], ids=["empty", "only blank lines"])
def test_a_text_without_any_level_is_refused(layout: str) -> None:
    with raises_named("LayoutError", naming="level"):
        new_lot(layout)


@pytest.mark.spec(
    "Three kinds of vehicle, three sizes of spot. A motorcycle needs a small spot, a car a "
    "compact one and a van a large one",
    'park(lot, plate: str, kind: str) -> ticket parks a vehicle of the kind named "motorcycle", '
    '"car" or "van" and returns its ticket.',
)
@pytest.mark.parametrize(
    ("kind", "free_after"),
    [("motorcycle", (0, 1, 1)), ("car", (1, 0, 1)), ("van", (1, 1, 0))],
    ids=["a motorcycle takes the small spot", "a car the compact", "a van the large"],
)
def test_each_kind_takes_a_spot_of_its_own_size(kind: str, free_after: tuple[int, ...]) -> None:
    lot = new_lot("L C S")

    park(lot, "KA-1", kind)

    assert free_by_level(lot, 1) == [free_after]


@pytest.mark.spec(
    "and each also fits any larger spot",
    "A vehicle takes a spot of the smallest size that fits it and is free anywhere in the lot",
)
@pytest.mark.parametrize(
    ("layout", "kind", "free_after"),
    [
        ("CL", "motorcycle", (0, 0, 1)),
        ("L", "motorcycle", (0, 0, 0)),
        ("LLC", "car", (0, 0, 2)),
        ("SL", "car", (1, 0, 0)),
    ],
    ids=[
        "a motorcycle takes a compact spot before a large one",
        "a motorcycle takes a large spot",
        "a car takes a compact spot before the large ones before it",
        "a car takes a large spot",
    ],
)
def test_a_vehicle_takes_the_smallest_free_size_that_fits(
    layout: str, kind: str, free_after: tuple[int, ...]
) -> None:
    lot = new_lot(layout)

    park(lot, "KA-1", kind)

    assert free_by_level(lot, 1) == [free_after]


@pytest.mark.spec(
    "Any other kind is refused with UnknownVehicleKindError naming it and listing the kinds there "
    "are.",
    "It raises InvalidValueError, UnknownVehicleKindError, AlreadyParkedError or LotFullError.",
    "A refusal changes nothing. After a refused park or leave, every spot, ticket and plate is "
    "as it was before.",
)
@pytest.mark.parametrize("kind", ["hovercraft", "lorry"])
def test_an_unknown_kind_is_refused_naming_it_and_the_known_kinds(kind: str) -> None:
    lot = new_lot("SCL")

    with pytest.raises(Exception) as raised:  # noqa: PT011 - narrowed by name just below
        park(lot, "KA-1", kind)

    message = str(raised.value)
    assert "UnknownVehicleKindError" in names_of(raised.value)
    assert kind in message
    assert all(known in message for known in ("motorcycle", "car", "van")), message
    assert free_by_level(lot, 1) == [(1, 1, 1)]
    park(lot, "KA-1", "car")


@pytest.mark.spec(
    "The smallest fitting size first, then the lowest level.",
    "on the lowest level that has one free",
)
def test_among_free_spots_of_that_size_the_lowest_level_wins() -> None:
    lot = new_lot("L\nC\nC\nC")

    park(lot, "KA-1", "car")
    park(lot, "KA-2", "car")

    assert free_by_level(lot, 4) == [(0, 0, 1), (0, 0, 0), (0, 0, 0), (0, 1, 0)]


@pytest.mark.spec(
    "A vehicle takes a spot of the smallest size that fits it and is free anywhere in the lot, "
    "on the lowest level that has one free.",
)
def test_the_smallest_size_wins_over_a_lower_level() -> None:
    lot = new_lot("C L\nS")

    park(lot, "M-1", "motorcycle")

    assert free_by_level(lot, 2) == [(0, 1, 1), (0, 0, 0)]


@pytest.mark.spec(
    "So a motorcycle takes a compact spot only when no small spot is free on any level, and a "
    "large one only when no small or compact spot is."
)
def test_motorcycles_move_up_a_size_only_when_every_smaller_spot_is_taken() -> None:
    lot = new_lot("L C\nC S\nS")

    after = []
    for number in range(5):
        park(lot, f"M-{number}", "motorcycle")
        after.append(free_by_level(lot, 3))

    assert after == [
        [(0, 1, 1), (0, 1, 0), (1, 0, 0)],
        [(0, 1, 1), (0, 1, 0), (0, 0, 0)],
        [(0, 0, 1), (0, 1, 0), (0, 0, 0)],
        [(0, 0, 1), (0, 0, 0), (0, 0, 0)],
        [(0, 0, 0), (0, 0, 0), (0, 0, 0)],
    ]


@pytest.mark.spec(
    "A plate is one vehicle. A plate that is empty or only whitespace is refused with "
    "InvalidValueError naming the field, plate.",
    "A refusal changes nothing.",
)
@pytest.mark.parametrize("plate", ["", "   ", "\t"], ids=["empty", "spaces", "a tab"])
def test_a_blank_plate_is_refused(plate: str) -> None:
    lot = new_lot("C")

    with raises_named("InvalidValueError", naming="plate"):
        park(lot, plate, "car")

    assert free_by_level(lot, 1) == [(0, 1, 0)]


@pytest.mark.spec(
    "While a plate is parked, parking it again is refused with AlreadyParkedError naming the "
    "plate, even as another kind.",
    "After a refused park or leave, every spot, ticket and plate is as it was before.",
)
@pytest.mark.parametrize("again_as", ["car", "van"], ids=["the same kind", "another kind"])
def test_a_parked_plate_cannot_park_again(again_as: str) -> None:
    lot = new_lot("CCL")
    ticket = park(lot, "KA-123", "car")

    with raises_named("AlreadyParkedError", naming="KA-123"):
        park(lot, "KA-123", again_as)

    assert free_by_level(lot, 1) == [(0, 1, 1)]
    leave(lot, ticket)
    assert free_by_level(lot, 1) == [(0, 2, 1)]


@pytest.mark.spec("Once its vehicle has left, the plate may park again.")
def test_a_plate_may_park_again_after_it_left() -> None:
    lot = new_lot("C")
    leave(lot, park(lot, "KA-1", "car"))

    park(lot, "KA-1", "car")

    assert free_spots(lot, 0, "compact") == 0


@pytest.mark.spec(
    "A full lot says so. When no free spot fits the vehicle, parking is refused with "
    "LotFullError naming the plate",
)
def test_a_full_lot_refuses_naming_the_plate() -> None:
    lot = new_lot("CC")
    first = park(lot, "KA-1", "car")
    park(lot, "KA-2", "car")

    with raises_named("LotFullError", naming="KA-3"):
        park(lot, "KA-3", "car")

    leave(lot, first)
    park(lot, "KA-3", "car")
    assert free_spots(lot, 0, "compact") == 0


@pytest.mark.spec("even when smaller spots are free", "A refusal changes nothing.")
@pytest.mark.parametrize(
    ("layout", "kind"),
    [("SS\nS", "car"), ("SC\nC", "van")],
    ids=["a car and small spots", "a van and compact spots"],
)
def test_spots_too_small_leave_the_lot_full_for_a_vehicle(layout: str, kind: str) -> None:
    lot = new_lot(layout)
    before = free_by_level(lot, 2)

    with raises_named("LotFullError", naming="BIG-1"):
        park(lot, "BIG-1", kind)

    assert free_by_level(lot, 2) == before
    park(lot, "BIG-1", "motorcycle")


@pytest.mark.spec(
    "The ticket lets the vehicle out. Parking hands out a ticket; leaving takes it back, frees "
    "the spot and says what is due.",
    "leave(lot, ticket) -> Decimal lets the ticket's vehicle out and returns the amount due for "
    "its stay.",
)
def test_leaving_frees_the_spot_of_that_ticket_only() -> None:
    lot = new_lot("SCL")
    park(lot, "M-1", "motorcycle")
    van = park(lot, "V-1", "van")

    leave(lot, van)

    assert free_by_level(lot, 1) == [(0, 1, 1)]
    park(lot, "V-1", "van")


@pytest.mark.spec(
    "A ticket this lot did not issue is refused with UnknownTicketError, including one that "
    "another lot issued earlier to the same plate.",
    "It raises UnknownTicketError or TicketAlreadyUsedError.",
    "An unknown ticket must not be a TicketAlreadyUsedError.",
    "Errors are matched by name: an error matches when its class, or one of its base classes, "
    "has the name given here",
)
@pytest.mark.parametrize("plate", ["KA-1", "KA-2"], ids=["the same plate", "another plate"])
def test_a_ticket_from_another_lot_is_refused(plate: str) -> None:
    clock = FakeClock()
    here, there = new_lot("CC", clock), new_lot("CC", clock)
    foreign = park(there, plate, "car")
    clock.advance(timedelta(hours=1))
    own = park(here, "KA-1", "car")

    with pytest.raises(Exception) as raised:  # noqa: PT011 - narrowed by name just below
        leave(here, foreign)

    assert "UnknownTicketError" in names_of(raised.value)
    assert "TicketAlreadyUsedError" not in names_of(raised.value)
    assert free_by_level(here, 1) == [(0, 1, 0)]
    assert leave(here, own) == Decimal(0)
    assert free_by_level(there, 1) == [(0, 1, 0)]


@pytest.mark.spec(
    "A ticket whose vehicle has left already is refused with TicketAlreadyUsedError",
    "A refusal changes nothing.",
)
def test_a_used_ticket_is_refused() -> None:
    lot = new_lot("CC")
    ticket = park(lot, "KA-1", "car")
    park(lot, "KA-2", "car")
    leave(lot, ticket)

    with raises_named("TicketAlreadyUsedError"):
        leave(lot, ticket)

    assert free_by_level(lot, 1) == [(0, 1, 0)]


@pytest.mark.spec(
    "A ticket whose vehicle has left already is refused with TicketAlreadyUsedError, even while "
    "the same plate is parked again on a new ticket."
)
def test_an_old_ticket_does_not_let_the_plate_out_again() -> None:
    lot = new_lot("C")
    old = park(lot, "KA-1", "car")
    leave(lot, old)
    new = park(lot, "KA-1", "car")

    with raises_named("TicketAlreadyUsedError"):
        leave(lot, old)

    with raises_named("AlreadyParkedError", naming="KA-1"):
        park(lot, "KA-1", "car")
    leave(lot, new)
    assert free_spots(lot, 0, "compact") == 1


@pytest.mark.spec(
    "Every started hour is paid. The lot has one hourly rate, and a stay costs the rate for "
    "every started hour from entry to exit: 60 minutes cost one hour, 61 minutes cost two, and a "
    "stay of no time at all costs nothing.",
    "charging hourly_rate as requirement 7 says",
)
@pytest.mark.parametrize(
    ("stay", "hours"),
    [
        (timedelta(0), 0),
        (timedelta(seconds=1), 1),
        (59 * MINUTE, 1),
        (60 * MINUTE, 1),
        (61 * MINUTE, 2),
        (timedelta(hours=3), 3),
        (timedelta(days=1, minutes=1), 25),
    ],
    ids=[
        "no time",
        "1 second",
        "59 minutes",
        "60 minutes",
        "61 minutes",
        "3 hours",
        "a day and a minute",
    ],
)
def test_every_started_hour_costs_the_rate(stay: timedelta, hours: int) -> None:
    clock = FakeClock()
    lot = new_lot("C", clock)
    ticket = park(lot, "KA-1", "car")
    clock.advance(stay)

    amount = leave(lot, ticket)

    assert amount == RATE * hours


@pytest.mark.spec(
    "Amounts are exact decimals: three hours at 0.10 cost exactly 0.30.",
    "a zero rate is allowed",
    'The suite compares amounts by value, so Decimal("5") and Decimal("5.00") are the same amount.',
)
@pytest.mark.parametrize(
    ("rate", "expected"),
    [(Decimal("0.10"), Decimal("0.30")), (Decimal(0), Decimal(0))],
    ids=["0.10 an hour", "a zero rate"],
)
def test_amounts_are_exact_decimals(rate: Decimal, expected: Decimal) -> None:
    clock = FakeClock()
    lot = new_lot("C", clock, rate)
    ticket = park(lot, "KA-1", "car")
    clock.advance(timedelta(hours=2, minutes=30))

    amount = leave(lot, ticket)

    assert isinstance(amount, Decimal)
    assert amount == expected


@pytest.mark.spec(
    "Entry and exit times come from the lot's clock.",
    "clock is a callable that returns the time as a timezone-aware datetime; the lot reads the "
    "time only from it.",
)
def test_each_stay_runs_from_its_own_entry_to_its_exit_on_the_lots_clock() -> None:
    clock = FakeClock()
    lot = new_lot("CC", clock)
    early = park(lot, "KA-1", "car")
    clock.advance(timedelta(hours=2))
    late = park(lot, "KA-2", "car")
    clock.advance(timedelta(minutes=30))

    amounts = (leave(lot, late), leave(lot, early))

    assert amounts == (RATE, RATE * 3)


@pytest.mark.spec(
    "A rate that is negative, not finite or a float is refused with InvalidValueError naming it",
    "build raises LayoutError for a bad layout and InvalidValueError for a bad rate.",
)
@pytest.mark.parametrize(
    ("rate", "named"),
    [
        (Decimal("-0.01"), "-0.01"),
        (Decimal("NaN"), "NaN"),
        (Decimal("Infinity"), "Infinity"),
        (2.5, "2.5"),
    ],
    ids=["negative", "not a number", "infinite", "a float"],
)
def test_a_bad_rate_is_refused_naming_it(rate: Any, named: str) -> None:
    with raises_named("InvalidValueError", naming=named):
        new_lot("C", rate=rate)


@pytest.mark.spec("Another size word raises InvalidValueError naming it.")
@pytest.mark.parametrize("size", ["huge", "Small"], ids=["huge", "capitalised"])
def test_free_spots_refuses_an_unknown_size_naming_it(size: str) -> None:
    lot = new_lot("SCL")

    with raises_named("InvalidValueError", naming=size):
        free_spots(lot, 0, size)


class LotAgainstAModel(RuleBasedStateMachine):
    """Random parks, waits and leaves through the driver, checked against a tiny model.

    The model keeps the free spots as counts per level and size, and each parked plate's
    level, size and entry time: the whole of what the core requirements promise.
    """

    tickets = Bundle("tickets")
    used = Bundle("used")
    kinds = ("motorcycle", "car", "van")  # each needs the size of the same index, or larger

    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock()
        self.lot: Any = None
        self.free: list[list[int]] = []  # level -> free spots of each size
        self.inside: dict[str, tuple[int, int, datetime]] = {}  # plate -> level, size, entry

    @initialize(levels=st.lists(st.text("SCL", min_size=1, max_size=4), min_size=1, max_size=3))
    def build_lot(self, levels: list[str]) -> None:
        """A lot of one to three levels of up to four spots each."""
        self.lot = build("\n".join(levels), RATE, self.clock)
        self.free = [[level.count(letter) for letter in "SCL"] for level in levels]

    @rule(
        target=tickets,
        plate=st.sampled_from([f"KA-{number}" for number in range(6)]),
        kind=st.sampled_from(kinds),
    )
    def park_one(self, plate: str, kind: str) -> tuple[str, Any] | MultipleResults[Any]:
        """Park; the smallest free fitting size, on the lowest level with one, or a refusal."""
        spot = self.expected_spot(self.kinds.index(kind))
        if plate in self.inside:
            with raises_named("AlreadyParkedError", naming=plate):
                park(self.lot, plate, kind)
            return multiple()
        if spot is None:
            with raises_named("LotFullError", naming=plate):
                park(self.lot, plate, kind)
            return multiple()
        ticket = park(self.lot, plate, kind)
        level, size = spot
        self.free[level][size] -= 1
        self.inside[plate] = (level, size, self.clock())
        return (plate, ticket)

    def expected_spot(self, needs: int) -> tuple[int, int] | None:
        """The model's (level, size) for a vehicle that needs size ``needs``; None if full."""
        for size in range(needs, 3):
            for level, free in enumerate(self.free):
                if free[size]:
                    return (level, size)
        return None

    @rule(minutes=st.integers(min_value=0, max_value=150))
    def wait(self, minutes: int) -> None:
        """Time passes."""
        self.clock.advance(minutes * MINUTE)

    @rule(target=used, visit=consumes(tickets))
    def leave_one(self, visit: tuple[str, Any]) -> Any:
        """Leave: the spot is free again and every started hour is paid."""
        plate, ticket = visit
        level, size, entered = self.inside.pop(plate)

        amount = leave(self.lot, ticket)

        assert amount == RATE * -(-(self.clock() - entered) // HOUR)
        self.free[level][size] += 1
        return ticket

    @rule(ticket=used)
    def leave_again(self, ticket: Any) -> None:
        """A used ticket is refused, whatever happened since."""
        with raises_named("TicketAlreadyUsedError"):
            leave(self.lot, ticket)

    @invariant()
    def free_spots_match_the_model(self) -> None:
        """Every level counts as many free spots of each size as the model."""
        expected = [(small, compact, large) for small, compact, large in self.free]
        assert free_by_level(self.lot, len(self.free)) == expected


LotAgainstAModel.TestCase.settings = settings(max_examples=60, stateful_step_count=30)
test_random_parks_and_leaves_match_a_model = pytest.mark.spec(
    "A vehicle takes a spot of the smallest size that fits it and is free anywhere in the lot, "
    "on the lowest level that has one free.",
    "While a plate is parked, parking it again is refused with AlreadyParkedError",
    "When no free spot fits the vehicle, parking is refused with LotFullError",
    "A ticket whose vehicle has left already is refused with TicketAlreadyUsedError",
    "a stay costs the rate for every started hour from entry to exit",
    "After a refused park or leave, every spot, ticket and plate is as it was before.",
)(LotAgainstAModel.TestCase)
