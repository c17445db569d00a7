import operator
import re
from collections.abc import Sequence

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
from parking_lot import (
    BUS,
    CAR,
    MOTORCYCLE,
    VAN,
    AlreadyParkedError,
    InvalidValueError,
    Layout,
    LayoutError,
    LotFullError,
    ParkingError,
    ParkingLot,
    SpotSize,
    Ticket,
    UnknownVehicleKindError,
    Vehicle,
    VehicleKind,
    standard_kinds,
    vehicle_kind,
)

from tests.parking_lot.support import limousine, minibus

pytestmark = [pytest.mark.step(2), pytest.mark.spec("Vehicles come in kinds, spots in sizes.")]

S, C, L = SpotSize.SMALL, SpotSize.COMPACT, SpotSize.LARGE


def one_level(*rows: Sequence[SpotSize]) -> ParkingLot:
    return ParkingLot(Layout.of([rows]))


def addresses(ticket: Ticket) -> list[tuple[int, int]]:
    return [(spot.row, spot.position) for spot in ticket.spots]


@pytest.mark.spec(
    "The standard kinds are MOTORCYCLE (small), CAR (compact), VAN (large) and BUS (five "
    "consecutive large spots in one row).",
    "vehicle_kind(name) is the factory for the standard kinds by name",
)
@pytest.mark.parametrize(
    ("kind", "name", "size", "spots"),
    [
        (MOTORCYCLE, "motorcycle", S, 1),
        (CAR, "car", C, 1),
        (VAN, "van", L, 1),
        (BUS, "bus", L, 5),
    ],
    ids=["motorcycle", "car", "van", "bus"],
)
def test_standard_kinds_say_what_they_need(
    kind: VehicleKind, name: str, size: SpotSize, spots: int
) -> None:
    assert (kind.name, kind.size, kind.spots) == (name, size, spots)
    assert vehicle_kind(name) == kind


@pytest.mark.spec(
    "A blank name or spots < 1 raises InvalidValueError; the message names the field (name, spots)",
    "a blank plate or kind name",
)
@pytest.mark.parametrize("name", ["", "   "], ids=["empty", "spaces"])
def test_kind_with_a_blank_name_is_refused(name: str) -> None:
    with pytest.raises(InvalidValueError, match="name") as raised:
        VehicleKind(name, SpotSize.SMALL)

    assert isinstance(raised.value, ValueError)


@pytest.mark.spec(
    "A blank name or spots < 1 raises InvalidValueError; the message names the field (name, "
    "spots), and for spots the number given.",
    "a kind that needs fewer than one spot",
)
@pytest.mark.parametrize("spots", [0, -2], ids=["0 spots", "-2 spots"])
def test_kind_needing_fewer_than_one_spot_is_refused(spots: int) -> None:
    with pytest.raises(InvalidValueError, match="spots") as raised:
        VehicleKind("ghost", SpotSize.SMALL, spots=spots)

    assert isinstance(raised.value, ValueError)
    assert re.search(rf"(?<![\d-]){spots}\b", str(raised.value))


@pytest.mark.spec(
    "an unknown name raises UnknownVehicleKindError naming it and listing the known ones",
    "vehicle_kind(name) for a name it does not know; the message names it and lists the known "
    "names",
    "so callers can catch either",
)
def test_unknown_kind_name_is_refused_listing_the_known_ones() -> None:
    with pytest.raises(UnknownVehicleKindError, match="hovercraft") as raised:
        vehicle_kind("hovercraft")

    assert isinstance(raised.value, LookupError)
    assert isinstance(raised.value, ParkingError)
    for known in ("motorcycle", "car", "van", "bus"):
        assert re.search(rf"\b{known}\b", str(raised.value))


@pytest.mark.spec("standard_kinds() returns the mapping of name to standard kind.")
@pytest.mark.spec("VehicleKind(name, size, spots=1) is a value")
def test_kinds_with_the_same_name_size_and_spots_are_equal() -> None:
    lot = one_level([L, L])

    ticket = lot.park(Vehicle("LIMO-1", limousine()))

    assert ticket.vehicle.kind == VehicleKind("limousine", SpotSize.LARGE, spots=2)
    assert ticket.vehicle == Vehicle("LIMO-1", limousine())
    assert ticket.vehicle.kind != VehicleKind("limousine", SpotSize.LARGE, spots=3)


def test_standard_kinds_map_names_to_kinds() -> None:
    assert dict(standard_kinds()) == {"motorcycle": MOTORCYCLE, "car": CAR, "van": VAN, "bus": BUS}


@pytest.mark.spec(
    "It is read-only: assigning to it raises TypeError, and vehicle_kind knows the same four "
    "kinds whatever a caller tries."
)
def test_standard_kinds_cannot_be_changed_by_callers() -> None:
    kinds = standard_kinds()

    with pytest.raises(TypeError):
        operator.setitem(kinds, "limousine", limousine())  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        operator.setitem(kinds, "car", VAN)  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        operator.delitem(kinds, "bus")  # type: ignore[call-overload]

    assert "limousine" not in standard_kinds()
    assert dict(standard_kinds()) == {"motorcycle": MOTORCYCLE, "car": CAR, "van": VAN, "bus": BUS}
    with pytest.raises(UnknownVehicleKindError):
        vehicle_kind("limousine")
    assert vehicle_kind("car") == CAR


@pytest.mark.spec(
    "A plate is one vehicle: while it is parked, a vehicle of another kind with the same plate "
    "is refused with AlreadyParkedError, although the two vehicles are not equal."
)
def test_same_plate_cannot_park_twice_even_as_another_kind() -> None:
    lot = one_level([C, L])
    lot.park(Vehicle("KA-1", CAR))

    with pytest.raises(AlreadyParkedError, match="KA-1"):
        lot.park(Vehicle("KA-1", VAN))

    assert lot.availability().free() == 1
    assert Vehicle("KA-1", VAN) != Vehicle("KA-1", CAR)


@pytest.mark.spec(
    "A layout with no level, a level with no row or a row with no spot raises LayoutError",
    "a layout that cannot be built",
    "so callers can catch either",
)
@pytest.mark.parametrize(
    "levels",
    [
        [],
        [[]],
        [[[]]],
        [[[C]], []],
        [[[C], []]],
    ],
    ids=["no level", "level without row", "row without spot", "second level empty", "empty row"],
)
def test_layout_with_an_empty_part_is_refused(levels: list[list[list[SpotSize]]]) -> None:
    with pytest.raises(LayoutError) as raised:
        Layout.of(levels)

    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, ParkingError)


@pytest.mark.spec("A count below 1 raises LayoutError naming the count.")
def test_a_single_row_without_spots_is_refused() -> None:
    with pytest.raises(LayoutError):
        Layout.single_row(0)


@pytest.mark.spec(
    "Layout.single_row(count, size) makes every spot of its row size; without size they are "
    "compact."
)
def test_a_single_row_is_compact_unless_told_otherwise() -> None:
    compact = ParkingLot(Layout.single_row(2))
    large = ParkingLot(Layout.single_row(2, SpotSize.LARGE))

    motorcycle = compact.park(Vehicle("M-1", MOTORCYCLE))

    assert motorcycle.spots[0].size == C
    with pytest.raises(LotFullError, match="V-1"):
        compact.park(Vehicle("V-1", VAN))
    assert large.park(Vehicle("V-1", VAN)).spots[0].size == L


@pytest.mark.spec(
    "Layout.of(levels) describes a lot as nested sequences: levels, each a sequence of rows, "
    "each a sequence of SpotSize.",
    "lot.capacity counts the spots of every row of every level.",
)
def test_capacity_counts_every_spot_of_every_row_and_level() -> None:
    lot = ParkingLot(Layout.of([[[S, C], [L] * 5], [[C] * 3]]))

    assert lot.capacity == 10
    assert lot.availability().free() == 10


@pytest.mark.spec(
    "A single-spot vehicle takes the smallest size that fits and is free",
    "A vehicle that needs several spots takes the first run of free consecutive spots that fit",
)
def test_spec_example_smallest_fitting_spot_first_and_a_bus_takes_five() -> None:
    lot = one_level([S, C], [L] * 5)

    first = lot.park(Vehicle("M-1", MOTORCYCLE))
    second = lot.park(Vehicle("M-2", MOTORCYCLE))
    bus = lot.park(Vehicle("B-1", BUS))

    assert first.spots[0].size == S
    assert second.spots[0].size == C
    assert len(bus.spots) == 5


@pytest.mark.spec(
    "a motorcycle takes a small spot if one is free, else a compact one, else a large one.",
    "SpotSize is an ordered enum: SMALL < COMPACT < LARGE.",
)
def test_motorcycle_takes_small_then_compact_then_large() -> None:
    lot = one_level([L, C, S])

    sizes = [lot.park(Vehicle(f"M-{n}", MOTORCYCLE)).spots[0].size for n in range(3)]

    assert sizes == [S, C, L]
    assert S < C < L
    assert sorted([L, S, C]) == sizes


@pytest.mark.spec(
    "each of size or larger", "A single-spot vehicle takes the smallest size that fits and is free"
)
def test_car_never_takes_a_small_spot() -> None:
    lot = one_level([S, L, S, C])

    sizes = [lot.park(Vehicle(f"C-{n}", CAR)).spots[0].size for n in range(2)]

    assert sizes == [C, L]
    with pytest.raises(LotFullError, match="C-2"):
        lot.park(Vehicle("C-2", CAR))
    assert lot.availability().free() == 2


@pytest.mark.spec("each of size or larger", "VAN (large)")
def test_van_takes_only_a_large_spot() -> None:
    lot = one_level([S, C, C, L])
    ticket = lot.park(Vehicle("V-1", VAN))

    with pytest.raises(LotFullError, match="V-2"):
        lot.park(Vehicle("V-2", VAN))

    assert addresses(ticket) == [(0, 3)]
    assert lot.availability().free() == 3


@pytest.mark.spec("else a large one", "no free spot, or run of spots, fits the vehicle")
def test_motorcycle_is_refused_only_when_no_spot_at_all_is_free() -> None:
    lot = one_level([L])
    lot.park(Vehicle("M-1", MOTORCYCLE))

    with pytest.raises(LotFullError, match="M-2"):
        lot.park(Vehicle("M-2", MOTORCYCLE))


@pytest.mark.spec(
    "Among free spots of that size the allocation order decides (step 3; on one level: the "
    "lowest row, then the lowest position)."
)
def test_among_spots_of_one_size_the_lowest_row_then_position_wins() -> None:
    lot = one_level([C, S, C], [L, C, C])

    tickets = [lot.park(Vehicle(f"C-{n}", CAR)) for n in range(4)]

    assert [addresses(ticket)[0] for ticket in tickets] == [(0, 0), (0, 2), (1, 1), (1, 2)]


@pytest.mark.spec("A single-spot vehicle takes the smallest size that fits and is free")
def test_smaller_spot_freed_later_is_preferred_again() -> None:
    lot = one_level([S, C])
    small = lot.park(Vehicle("M-1", MOTORCYCLE))
    lot.leave(small)

    ticket = lot.park(Vehicle("M-2", MOTORCYCLE))

    assert ticket.spots[0].size == S


@pytest.mark.spec(
    "takes the first run of free consecutive spots that fit, in row then position order, on one "
    "row.",
    "BUS (five consecutive large spots in one row)",
)
def test_bus_takes_the_first_run_of_five_large_spots_in_row_order() -> None:
    lot = one_level([L] * 4, [L] * 6, [L] * 5)

    ticket = lot.park(Vehicle("B-1", BUS))

    assert addresses(ticket) == [(1, 0), (1, 1), (1, 2), (1, 3), (1, 4)]
    assert all(spot.size == L for spot in ticket.spots)
    assert lot.availability().free() == 10


@pytest.mark.spec("Runs never span rows.")
def test_a_run_never_spans_two_rows() -> None:
    lot = one_level([L] * 3, [L] * 3)

    with pytest.raises(LotFullError, match="B-1"):
        lot.park(Vehicle("B-1", BUS))

    assert lot.availability().free() == 6


@pytest.mark.spec(
    "spots consecutive spots in one row, each of size or larger",
    "the first run of free consecutive spots that fit",
)
def test_a_bus_run_cannot_include_a_smaller_spot() -> None:
    lot = one_level([L, L, L, L, C, L, L, L, L, L])

    ticket = lot.park(Vehicle("B-1", BUS))

    assert addresses(ticket) == [(0, 5), (0, 6), (0, 7), (0, 8), (0, 9)]


@pytest.mark.spec("the first run of free consecutive spots that fit")
def test_a_bus_run_skips_occupied_spots() -> None:
    lot = one_level([L] * 11)
    first = lot.park(Vehicle("V-1", VAN))
    lot.park(Vehicle("V-2", VAN))
    lot.leave(first)

    ticket = lot.park(Vehicle("B-1", BUS))

    assert addresses(ticket) == [(0, 2), (0, 3), (0, 4), (0, 5), (0, 6)]


@pytest.mark.spec(
    "no free spot, or run of spots, fits the vehicle", "An operation that raises changes nothing"
)
def test_refused_bus_changes_nothing() -> None:
    lot = one_level([L] * 5)
    van = lot.park(Vehicle("V-1", VAN))
    with pytest.raises(LotFullError, match="B-1"):
        lot.park(Vehicle("B-1", BUS))
    assert lot.availability().free() == 4

    lot.leave(van)
    ticket = lot.park(Vehicle("B-1", BUS))

    assert ticket.number == 2
    assert addresses(ticket) == [(0, p) for p in range(5)]


@pytest.mark.spec(
    "A vehicle that needs several spots takes the first run of free consecutive spots that fit"
)
def test_a_bus_leaving_frees_all_its_spots() -> None:
    lot = one_level([L] * 5)
    ticket = lot.park(Vehicle("B-1", BUS))
    assert lot.availability().free() == 0

    lot.leave(ticket)

    assert lot.availability().free() == 5
    assert len(lot.park(Vehicle("B-2", BUS)).spots) == 5


@pytest.mark.spec(
    "VehicleKind(name, size, spots=1) is a value that says what a vehicle needs",
    "A kind defined outside the package",
)
def test_a_kind_defined_outside_the_package_needs_one_spot_unless_told_otherwise() -> None:
    lot = one_level([S, S])

    ticket = lot.park(Vehicle("TRIKE-1", VehicleKind("trike", SpotSize.SMALL)))

    assert ticket.vehicle.kind.spots == 1
    assert addresses(ticket) == [(0, 0)]
    assert lot.availability().free() == 1


@pytest.mark.spec(
    "A kind defined outside the package (say a limousine that needs two large spots) works "
    "without changing the lot."
)
def test_a_kind_defined_outside_the_package_parks_without_changing_the_lot() -> None:
    lot = one_level([L, C, L, L, L])

    ticket = lot.park(Vehicle("LIMO-1", limousine()))

    assert addresses(ticket) == [(0, 2), (0, 3)]
    assert lot.availability().free() == 3
    with pytest.raises(LotFullError, match="LIMO-2"):
        lot.park(Vehicle("LIMO-2", limousine()))


@pytest.mark.spec(
    "each of size or larger",
    "the first run of free consecutive spots that fit, in row then position order",
)
def test_a_multi_spot_run_may_mix_sizes_that_fit() -> None:
    """A run takes spots of the kind's size or larger, the first run in position order."""
    lot = one_level([S, C, S, L, C, C])

    ticket = lot.park(Vehicle("MINI-1", minibus()))

    assert addresses(ticket) == [(0, 3), (0, 4)]
    assert [spot.size for spot in ticket.spots] == [L, C]


def allocate(
    rows: Sequence[Sequence[SpotSize]], taken: set[tuple[int, int]], kind: VehicleKind
) -> list[tuple[int, int]] | None:
    """The model: where the spec says a vehicle of ``kind`` goes, or None when it cannot."""
    if kind.spots == 1:
        return smallest_free(rows, taken, kind.size)
    return first_run(rows, taken, kind)


def smallest_free(
    rows: Sequence[Sequence[SpotSize]], taken: set[tuple[int, int]], needed: SpotSize
) -> list[tuple[int, int]] | None:
    free = [
        (size, row, position)
        for row, sizes in enumerate(rows)
        for position, size in enumerate(sizes)
        if size >= needed and (row, position) not in taken
    ]
    if not free:
        return None
    _, row, position = min(free)
    return [(row, position)]


def first_run(
    rows: Sequence[Sequence[SpotSize]], taken: set[tuple[int, int]], kind: VehicleKind
) -> list[tuple[int, int]] | None:
    for row, sizes in enumerate(rows):
        run: list[tuple[int, int]] = []
        for position, size in enumerate(sizes):
            run = (
                [*run, (row, position)]
                if size >= kind.size and (row, position) not in taken
                else []
            )
            if len(run) == kind.spots:
                return run
    return None


class OneLevelOfMixedSizes(RuleBasedStateMachine):
    """Random kinds park and leave on one level; the lot must agree with the model."""

    tickets = Bundle("tickets")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[SpotSize]] = [[C]]
        self.lot = one_level(*self.rows)
        self.taken: dict[tuple[int, int], str] = {}

    @initialize(
        rows=st.lists(
            st.lists(st.sampled_from(list(SpotSize)), min_size=1, max_size=8),
            min_size=1,
            max_size=3,
        )
    )
    def build(self, rows: list[list[SpotSize]]) -> None:
        """Start from a fresh lot of the drawn layout."""
        self.rows = rows
        self.lot = one_level(*rows)

    @rule(
        target=tickets,
        plate=st.sampled_from([f"P-{n}" for n in range(10)]),
        kind_name=st.sampled_from(["motorcycle", "car", "van", "bus", "minibus"]),
    )
    def park(self, plate: str, kind_name: str) -> Ticket | MultipleResults[Ticket]:
        """Park a vehicle; the lot must do what the model predicts."""
        kind = minibus() if kind_name == "minibus" else vehicle_kind(kind_name)
        vehicle = Vehicle(plate, kind)
        if plate in self.taken.values():
            with pytest.raises(AlreadyParkedError):
                self.lot.park(vehicle)
            return multiple()
        expected = allocate(self.rows, set(self.taken), kind)
        if expected is None:
            with pytest.raises(LotFullError):
                self.lot.park(vehicle)
            return multiple()
        ticket = self.lot.park(vehicle)
        assert addresses(ticket) == expected
        assert [spot.size for spot in ticket.spots] == [self.rows[r][p] for r, p in expected]
        self.taken.update(dict.fromkeys(expected, plate))
        return ticket

    @rule(ticket=consumes(tickets))
    def leave(self, ticket: Ticket) -> None:
        """Leave with the ticket of a parked vehicle."""
        self.lot.leave(ticket)
        for address in addresses(ticket):
            del self.taken[address]

    @invariant()
    def free_spots_match_the_model(self) -> None:
        """The lot counts as many free spots as the model."""
        total = sum(len(row) for row in self.rows)
        assert self.lot.availability().free() == total - len(self.taken)


OneLevelOfMixedSizes.TestCase.settings = settings(max_examples=40, stateful_step_count=30)
test_random_kinds_parking_and_leaving_on_one_level = pytest.mark.spec(
    "A single-spot vehicle takes the smallest size that fits and is free",
    "A vehicle that needs several spots takes the first run of free consecutive spots that fit",
    "Runs never span rows.",
)(OneLevelOfMixedSizes.TestCase)


@pytest.mark.spec(
    "raises LayoutError with .line set to None; the message names the level (and the row), "
    "counted from 0",
    ".line is the 1-based line of the text (or None)",
)
@pytest.mark.parametrize(
    ("levels", "message"),
    [
        ([], "level"),
        ([[[SpotSize.SMALL]], []], "level 1 has no rows"),
        ([[[SpotSize.SMALL], [SpotSize.LARGE], []]], "level 0, row 2 has no spots"),
    ],
    ids=["no level", "a level without rows", "a row without spots"],
)
def test_an_empty_part_of_a_layout_is_named(
    levels: list[list[list[SpotSize]]], message: str
) -> None:
    with pytest.raises(LayoutError, match=message) as raised:
        Layout.of(levels)

    assert isinstance(raised.value, ValueError)
    assert raised.value.line is None


@pytest.mark.spec(
    "A count below 1 raises LayoutError naming the count.",
    "Messages name the offending value, as str() or repr() shows it.",
)
@pytest.mark.parametrize("count", [0, -3], ids=["0 spots", "-3 spots"])
def test_a_single_row_needs_at_least_one_spot(count: int) -> None:
    with pytest.raises(LayoutError, match=rf"(?<![\d-]){count}\b"):
        Layout.single_row(count)
