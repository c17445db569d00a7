from collections.abc import Sequence

import pytest
from parking_lot import (
    BUS,
    CAR,
    MOTORCYCLE,
    VAN,
    AllocationPolicy,
    InvalidValueError,
    Layout,
    LevelVacancy,
    LotFullError,
    LowestLevelFirst,
    NearestToEntrance,
    ParkingError,
    ParkingLot,
    Spot,
    SpotSize,
    SpreadAcrossLevels,
    Ticket,
    Vehicle,
    VehicleKind,
)

pytestmark = pytest.mark.step(3)

S, C, L = SpotSize.SMALL, SpotSize.COMPACT, SpotSize.LARGE


class HighestLevelFirst:
    """A policy written outside the package: fill from the top."""

    def choose_level(self, candidates: Sequence[LevelVacancy]) -> int:
        """Pick one level among ``candidates``."""
        return max(candidate.level for candidate in candidates)


class Spy:
    """Records what the lot offers, then picks the lowest level."""

    def __init__(self) -> None:
        self.offers: list[list[tuple[int, int]]] = []

    def choose_level(self, candidates: Sequence[LevelVacancy]) -> int:
        """Pick one level among ``candidates``."""
        self.offers.append(sorted((candidate.level, candidate.free) for candidate in candidates))
        return min(candidate.level for candidate in candidates)


class InTheOrderGiven:
    """Records the levels offered in the order the lot gave them, then picks the first."""

    def __init__(self) -> None:
        self.offers: list[list[int]] = []

    def choose_level(self, candidates: Sequence[LevelVacancy]) -> int:
        """Pick one level among ``candidates``."""
        self.offers.append([candidate.level for candidate in candidates])
        return candidates[0].level


class ChoosesOnce:
    """Picks ``level`` on its first call, whatever is offered; behaves afterwards."""

    def __init__(self, level: int) -> None:
        self.level: int | None = level

    def choose_level(self, candidates: Sequence[LevelVacancy]) -> int:
        """Pick one level among ``candidates``."""
        level, self.level = self.level, None
        return min(candidate.level for candidate in candidates) if level is None else level


def where(ticket: Ticket) -> list[tuple[int, int, int]]:
    return [(spot.level, spot.row, spot.position) for spot in ticket.spots]


def park_cars(lot: ParkingLot, count: int) -> list[int]:
    return [lot.park(Vehicle(f"CAR-{n}")).spots[0].level for n in range(count)]


@pytest.mark.spec("A Spot is a value with level, row, position (all from 0) and size.")
def test_spots_know_their_level_row_position_and_size() -> None:
    lot = ParkingLot(Layout.of([[[C]], [[S, S], [S, L]]]))
    lot.park(Vehicle("CAR-0"))

    spot = lot.park(Vehicle("CAR-1")).spots[0]

    assert (spot.level, spot.row, spot.position, spot.size) == (1, 1, 1, L)


@pytest.mark.spec(
    "Spots are ordered by level, row and position; the size plays no part in the order."
)
def test_spots_are_ordered_by_level_then_row_then_position_not_by_size() -> None:
    lot = ParkingLot(Layout.of([[[L, S], [S]], [[S]]]))
    spots: list[Spot] = []
    for n in range(4):
        spots.extend(lot.park(Vehicle(f"M-{n}", MOTORCYCLE)).spots)

    ordered = sorted(spots)

    assert [(s.level, s.row, s.position) for s in ordered] == [
        (0, 0, 0),
        (0, 0, 1),
        (0, 1, 0),
        (1, 0, 0),
    ]
    assert ordered[0] < ordered[1] < ordered[2] < ordered[3]


@pytest.mark.spec("LowestLevelFirst() (the default)")
def test_lowest_level_first_is_the_default() -> None:
    lot = ParkingLot(Layout.of([[[C, C]], [[C, C]], [[C]]]))

    assert park_cars(lot, 5) == [0, 0, 1, 1, 2]


@pytest.mark.spec(
    "The size rule of step 2 comes first; the policy only chooses between levels.",
    "the smallest size that fits and is free anywhere in the lot",
)
def test_size_rule_comes_before_the_level_policy() -> None:
    lot = ParkingLot(Layout.of([[[C, L]], [[L]], [[S]]]), allocation=LowestLevelFirst())

    levels = [lot.park(Vehicle(f"M-{n}", MOTORCYCLE)).spots[0].level for n in range(2)]

    assert levels == [2, 0]


@pytest.mark.spec(
    "Within the chosen level the vehicle takes the spot nearest the entrance (lowest row, then "
    "lowest position)"
)
def test_within_the_chosen_level_the_spot_nearest_the_entrance_is_taken() -> None:
    lot = ParkingLot(Layout.of([[[C]], [[S, L, C], [C, C]]]), allocation=HighestLevelFirst())

    tickets = [lot.park(Vehicle(f"CAR-{n}")) for n in range(3)]

    assert [where(ticket)[0] for ticket in tickets] == [(1, 0, 2), (1, 1, 0), (1, 1, 1)]


@pytest.mark.spec(
    "Any object with a choose_level method works as a policy, including one written in your own "
    "code: the lot must not need editing."
)
def test_a_policy_written_outside_the_package_chooses_the_level() -> None:
    policy: AllocationPolicy = HighestLevelFirst()
    lot = ParkingLot(Layout.of([[[C]], [[C]], [[C]]]), allocation=policy)

    assert park_cars(lot, 3) == [2, 1, 0]


@pytest.mark.spec(
    "For a multi-spot vehicle, they are the levels with a fitting run", "or the first fitting run"
)
def test_the_policy_chooses_the_level_of_a_multi_spot_vehicle_too() -> None:
    lot = ParkingLot(Layout.of([[[L] * 5], [[L] * 5]]), allocation=HighestLevelFirst())

    ticket = lot.park(Vehicle("B-1", BUS))

    assert where(ticket) == [(1, 0, p) for p in range(5)]


@pytest.mark.spec(
    "where candidates is a non-empty sequence of LevelVacancy(level, free) in level order, one "
    "for each level with room.",
    "For a single-spot vehicle, the levels with room are those with a free spot of the size it "
    "takes (the smallest size that fits and is free anywhere in the lot), and free counts that "
    "level's free spots of that size.",
)
def test_single_spot_candidates_are_levels_with_the_size_taken_and_their_count_of_it() -> None:
    spy = Spy()
    lot = ParkingLot(Layout.of([[[S, C, C, L]], [[C], [L, L]], [[S, S, L]]]), allocation=spy)

    lot.park(Vehicle("CAR-1", CAR))
    lot.park(Vehicle("M-1", MOTORCYCLE))
    lot.park(Vehicle("V-1", VAN))

    assert spy.offers[0] == [(0, 2), (1, 1)]
    assert spy.offers[1] == [(0, 1), (2, 2)]
    assert spy.offers[2] == [(0, 1), (1, 2), (2, 1)]


@pytest.mark.spec(
    "Whenever a vehicle fits somewhere, the lot asks its allocation policy which level, even "
    "when only one level has room"
)
def test_the_policy_is_asked_even_when_only_one_level_has_room() -> None:
    spy = Spy()
    lot = ParkingLot(Layout.of([[[S]], [[C, C, C]]]), allocation=spy)

    lot.park(Vehicle("CAR-1"))
    lot.park(Vehicle("B-1", VehicleKind("minibus", SpotSize.COMPACT, spots=2)))

    assert spy.offers == [[(1, 3)], [(1, 2)]]


@pytest.mark.spec(
    "even when only one level has room",
    "A policy that returns a level that was not among the candidates makes park raise "
    "InvalidValueError",
)
def test_a_lone_candidate_is_still_checked() -> None:
    lot = ParkingLot(Layout.single_row(2), allocation=ChoosesOnce(1))

    with pytest.raises(InvalidValueError, match=r"\b1\b.*\[0\]"):
        lot.park(Vehicle("CAR-1"))

    assert lot.park(Vehicle("CAR-1")).number == 1


@pytest.mark.spec("a non-empty sequence of LevelVacancy(level, free) in level order")
def test_candidates_come_in_level_order() -> None:
    policy = InTheOrderGiven()
    lot = ParkingLot(Layout.of([[[C]], [[S]], [[C]], [[L] * 2], [[L] * 2]]), allocation=policy)

    lot.park(Vehicle("CAR-1"))
    lot.park(Vehicle("LIMO-1", VehicleKind("limousine", SpotSize.LARGE, spots=2)))

    assert policy.offers == [[0, 2], [3, 4]]


@pytest.mark.spec("free counts that level's free spots of that size")
def test_candidates_count_only_free_spots() -> None:
    spy = Spy()
    lot = ParkingLot(Layout.of([[[C, C, C]], [[C, C]]]), allocation=spy)
    lot.park(Vehicle("CAR-1"))

    lot.park(Vehicle("CAR-2"))

    assert spy.offers[1] == [(0, 2), (1, 2)]


@pytest.mark.spec(
    "For a multi-spot vehicle, they are the levels with a fitting run, and free counts that "
    "level's free spots of its size or larger."
)
def test_multi_spot_candidates_are_levels_with_a_run_and_count_every_fitting_spot() -> None:
    """For a multi-spot vehicle a level's count is its free spots of the size or larger."""
    spy = Spy()
    layout = Layout.of([[[S, C, L, C], [S]], [[C, S, C]], [[L, L], [S]]])
    lot = ParkingLot(layout, allocation=spy)

    lot.park(Vehicle("MINI-1", VehicleKind("minibus", SpotSize.COMPACT, spots=2)))

    assert spy.offers == [[(0, 3), (2, 2)]]


@pytest.mark.spec("LowestLevelFirst() (the default)")
def test_lowest_level_first_picks_the_lowest_level_offered() -> None:
    policy = LowestLevelFirst()

    assert policy.choose_level([LevelVacancy(3, 9), LevelVacancy(1, 1), LevelVacancy(2, 5)]) == 1


@pytest.mark.spec(
    "SpreadAcrossLevels() (the level with the most free fitting spots; the lower level on a tie)"
)
@pytest.mark.parametrize(
    ("candidates", "expected"),
    [
        ([(0, 2), (1, 5), (2, 3)], 1),
        ([(2, 5), (0, 2), (1, 5)], 1),
        ([(3, 1)], 3),
    ],
    ids=["most free wins", "lower level on a tie", "only candidate"],
)
def test_spread_across_levels_picks_the_level_with_most_free(
    candidates: list[tuple[int, int]], expected: int
) -> None:
    vacancies = [LevelVacancy(level, free) for level, free in candidates]

    assert SpreadAcrossLevels().choose_level(vacancies) == expected


@pytest.mark.spec(
    "NearestToEntrance(entrance_level=0) (the level fewest ramps from the entrance level; the "
    "lower on a tie)"
)
@pytest.mark.parametrize(
    ("entrance", "levels", "expected"),
    [
        (0, [3, 1, 2], 1),
        (2, [0, 1, 3, 4], 1),
        (2, [0, 4, 3], 3),
        (2, [4, 2, 0], 2),
    ],
    ids=["default entrance", "lower on a tie", "fewest ramps", "entrance level itself"],
)
def test_nearest_to_entrance_picks_the_level_fewest_ramps_away(
    entrance: int, levels: list[int], expected: int
) -> None:
    policy = NearestToEntrance() if entrance == 0 else NearestToEntrance(entrance_level=entrance)
    candidates = [LevelVacancy(level, 100 - level) for level in levels]

    assert policy.choose_level(candidates) == expected


@pytest.mark.spec("SpreadAcrossLevels() (the level with the most free fitting spots")
def test_spread_across_levels_balances_a_lot() -> None:
    lot = ParkingLot(Layout.of([[[C, C]], [[C, C, C]]]), allocation=SpreadAcrossLevels())

    assert park_cars(lot, 5) == [1, 0, 1, 0, 1]


@pytest.mark.spec(
    "NearestToEntrance(entrance_level=0) (the level fewest ramps from the entrance level"
)
def test_nearest_to_entrance_fills_outwards_from_the_entrance() -> None:
    layout = Layout.of([[[C]], [[C]], [[C]], [[C]]])
    lot = ParkingLot(layout, allocation=NearestToEntrance(entrance_level=2))

    assert park_cars(lot, 4) == [2, 1, 3, 0]


@pytest.mark.spec(
    "A policy that returns a level that was not among the candidates makes park raise "
    "InvalidValueError, naming the level it chose and the levels it was offered",
    "a policy that picks a level it was not offered",
    "so callers can catch either",
)
@pytest.mark.parametrize("level", [7, -1, 0], ids=["level 7", "level -1", "level 0, full"])
def test_policy_choosing_a_level_not_offered_is_refused(level: int) -> None:
    """Level 0 is full of compact spots, so it is not offered either."""
    lot = ParkingLot(Layout.of([[[S]], [[C]], [[C]]]), allocation=ChoosesOnce(level))

    with pytest.raises(InvalidValueError, match=rf"(?<![\d-]){level}\b.*\[1, 2\]") as raised:
        lot.park(Vehicle("CAR-1"))

    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, ParkingError)


@pytest.mark.spec("and nothing changes.", "An operation that raises changes nothing")
def test_refused_choice_of_policy_changes_nothing() -> None:
    lot = ParkingLot(Layout.of([[[C]], [[C]]]), allocation=ChoosesOnce(5))
    with pytest.raises(InvalidValueError):
        lot.park(Vehicle("CAR-1"))
    assert lot.availability().free() == 2

    ticket = lot.park(Vehicle("CAR-1"))

    assert ticket.number == 1
    assert where(ticket) == [(0, 0, 0)]
    assert park_cars(lot, 1) == [1]
    with pytest.raises(LotFullError):
        lot.park(Vehicle("CAR-9"))


@pytest.mark.spec("and nothing changes.", "no ticket number is used up")
def test_refused_choice_for_a_bus_changes_nothing() -> None:
    lot = ParkingLot(Layout.of([[[L] * 5], [[L] * 5]]), allocation=ChoosesOnce(2))
    with pytest.raises(InvalidValueError, match=r"\b2\b"):
        lot.park(Vehicle("B-1", BUS))

    ticket = lot.park(Vehicle("B-1", BUS))

    assert ticket.number == 1
    assert lot.availability().free() == 5
