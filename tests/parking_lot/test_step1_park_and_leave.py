from datetime import timedelta

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
    CAR,
    AlreadyParkedError,
    InvalidValueError,
    Layout,
    LotFullError,
    ParkingError,
    ParkingLot,
    Receipt,
    Spot,
    SpotSize,
    Ticket,
    TicketAlreadyUsedError,
    UnknownTicketError,
    Vehicle,
)

pytestmark = [
    pytest.mark.step(1),
    pytest.mark.spec("A lot with a single row of compact spots, and cars."),
]

SECOND = timedelta(seconds=1)


def full_lot(count: int) -> tuple[ParkingLot, list[Ticket]]:
    lot = ParkingLot(Layout.single_row(count))
    tickets = [lot.park(Vehicle(f"CAR-{number}")) for number in range(count)]
    return lot, tickets


@pytest.mark.spec(
    "Layout.single_row(count, size=SpotSize.COMPACT) describes one level with one row of count "
    "spots; ParkingLot(layout) builds the lot.",
    "lot.capacity is the number of spots.",
    "lot.availability().free() is the number of free spots.",
)
@pytest.mark.parametrize("count", [1, 3, 40], ids=["1 spot", "3 spots", "40 spots"])
def test_capacity_is_the_number_of_spots_in_the_row(count: int) -> None:
    lot = ParkingLot(Layout.single_row(count))

    assert lot.capacity == count
    assert lot.availability().free() == count


@pytest.mark.spec(
    "lot.park(vehicle) returns a Ticket(number, vehicle, spots, entered_at)",
    "In a single row, a car takes the free spot with the lowest position.",
)
def test_spec_example_first_ticket_is_number_one_at_position_zero() -> None:
    lot = ParkingLot(Layout.single_row(2))

    ticket = lot.park(Vehicle("KA-123"))

    assert (ticket.number, ticket.spots[0].position) == (1, 0)


@pytest.mark.spec(
    "A plate that is empty or only whitespace",
    "Every error the lot raises derives from ParkingError and from the builtin it resembles",
    "a value the domain refuses: a blank plate",
)
@pytest.mark.parametrize("plate", ["", "  ", "\t"], ids=["empty", "spaces", "a tab"])
def test_blank_plate_is_refused(plate: str) -> None:
    with pytest.raises(InvalidValueError, match="plate") as raised:
        Vehicle(plate)

    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, ParkingError)


@pytest.mark.spec(
    "the vehicle, the spots it occupies (a tuple of Spot)",
    "Vehicle(plate, kind=CAR) is a value: two vehicles with the same plate and kind are equal.",
)
def test_ticket_carries_the_vehicle_and_a_tuple_of_its_spots() -> None:
    lot = ParkingLot(Layout.single_row(3))
    vehicle = Vehicle("KA-123")

    ticket = lot.park(vehicle)

    assert isinstance(ticket, Ticket)
    assert ticket.vehicle == vehicle
    assert ticket.vehicle == Vehicle("KA-123", CAR)
    assert ticket.vehicle != Vehicle("KA-124")
    assert ticket.vehicle.kind == CAR
    assert ticket.vehicle.plate == "KA-123"
    assert isinstance(ticket.spots, tuple)
    assert len(ticket.spots) == 1
    assert isinstance(ticket.spots[0], Spot)


@pytest.mark.spec(
    "In a single row, a car takes the free spot with the lowest position.",
    "the number (1, 2, 3, ... in the order issued, never reused)",
)
def test_cars_fill_the_row_from_position_zero_upwards() -> None:
    lot = ParkingLot(Layout.single_row(4))

    tickets = [lot.park(Vehicle(f"CAR-{number}")) for number in range(4)]

    assert [ticket.spots[0].position for ticket in tickets] == [0, 1, 2, 3]
    assert [ticket.number for ticket in tickets] == [1, 2, 3, 4]


@pytest.mark.spec(
    "lot.leave(ticket) frees the ticket's spots",
    "lot.availability().free() is the number of free spots.",
)
def test_parking_takes_a_spot_and_leaving_gives_it_back() -> None:
    lot = ParkingLot(Layout.single_row(3))
    ticket = lot.park(Vehicle("KA-123"))
    assert lot.availability().free() == 2

    lot.leave(ticket)

    assert lot.availability().free() == 3


@pytest.mark.spec(
    "returns a Receipt: its ticket, left_at, amount (step 4) and lost_ticket, which is False."
)
def test_leaving_returns_a_receipt_for_the_ticket() -> None:
    lot = ParkingLot(Layout.single_row(2))
    ticket = lot.park(Vehicle("KA-123"))

    receipt = lot.leave(ticket)

    assert isinstance(receipt, Receipt)
    assert receipt.ticket == ticket
    assert receipt.lost_ticket is False


@pytest.mark.spec("In a single row, a car takes the free spot with the lowest position.")
def test_a_freed_spot_is_taken_again_by_the_next_car() -> None:
    lot = ParkingLot(Layout.single_row(3))
    first = lot.park(Vehicle("CAR-1"))
    lot.park(Vehicle("CAR-2"))
    lot.leave(first)

    ticket = lot.park(Vehicle("CAR-3"))

    assert ticket.spots[0].position == 0


@pytest.mark.spec("in the order issued, never reused")
def test_ticket_numbers_are_never_reused() -> None:
    lot = ParkingLot(Layout.single_row(2))
    first = lot.park(Vehicle("CAR-1"))
    lot.park(Vehicle("CAR-2"))
    lot.leave(first)

    third = lot.park(Vehicle("CAR-1"))

    assert third.number == 3


@pytest.mark.spec(
    "A full lot refuses with LotFullError.",
    "no free spot, or run of spots, fits the vehicle; the message names its plate",
    "so callers can catch either",
)
def test_full_lot_refuses_another_car() -> None:
    lot, _ = full_lot(2)

    with pytest.raises(LotFullError, match="LATE-1") as raised:
        lot.park(Vehicle("LATE-1"))

    assert isinstance(raised.value, RuntimeError)
    assert isinstance(raised.value, ParkingError)


@pytest.mark.spec(
    "A full lot refuses with LotFullError.",
    "An operation that raises changes nothing: the lot is exactly as it was before the call, and "
    "no ticket number is used up.",
)
def test_refused_car_changes_nothing_and_parks_once_a_spot_is_free() -> None:
    lot, tickets = full_lot(2)
    with pytest.raises(LotFullError):
        lot.park(Vehicle("LATE-1"))
    assert lot.availability().free() == 0

    lot.leave(tickets[1])
    ticket = lot.park(Vehicle("LATE-1"))

    assert ticket.number == 3
    assert ticket.spots[0].position == 1


@pytest.mark.spec(
    "Parking a plate that is parked already raises AlreadyParkedError, even when the lot is full "
    "as well."
)
def test_a_plate_parked_already_is_refused_even_when_the_lot_is_full() -> None:
    lot, tickets = full_lot(2)

    with pytest.raises(AlreadyParkedError, match="CAR-1"):
        lot.park(Vehicle("CAR-1"))

    assert lot.availability().free() == 0
    assert lot.leave(tickets[1]).ticket == tickets[1]


@pytest.mark.spec(
    "Parking a plate that is parked already raises AlreadyParkedError",
    "a vehicle with that plate is parked already; the message names the plate",
    "so callers can catch either",
)
def test_parking_a_plate_that_is_parked_already_is_refused() -> None:
    lot = ParkingLot(Layout.single_row(3))
    lot.park(Vehicle("KA-123"))

    with pytest.raises(AlreadyParkedError, match="KA-123") as raised:
        lot.park(Vehicle("KA-123"))

    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, ParkingError)


@pytest.mark.spec(
    "Parking a plate that is parked already raises AlreadyParkedError",
    "An operation that raises changes nothing",
)
def test_refused_double_parking_changes_nothing() -> None:
    lot = ParkingLot(Layout.single_row(3))
    ticket = lot.park(Vehicle("KA-123"))
    with pytest.raises(AlreadyParkedError):
        lot.park(Vehicle("KA-123"))

    other = lot.park(Vehicle("KA-999"))

    assert lot.availability().free() == 1
    assert (other.number, other.spots[0].position) == (2, 1)
    assert lot.leave(ticket).ticket == ticket


@pytest.mark.spec("Once its vehicle has left, a plate may park again.")
def test_a_plate_that_has_left_may_park_again() -> None:
    lot = ParkingLot(Layout.single_row(1))
    lot.leave(lot.park(Vehicle("KA-123")))

    ticket = lot.park(Vehicle("KA-123"))

    assert ticket.number == 2


@pytest.mark.spec(
    "any other ticket raises UnknownTicketError",
    "the ticket lets no vehicle out because this lot did not issue it",
    "so callers can catch either",
)
def test_ticket_of_another_lot_is_unknown() -> None:
    lot = ParkingLot(Layout.single_row(2))
    mine = lot.park(Vehicle("MINE-1"))
    other_lot = ParkingLot(Layout.single_row(2))
    forged = other_lot.park(Vehicle("FORGED-1"))
    assert forged.number == mine.number

    with pytest.raises(UnknownTicketError, match=r"\b1\b") as raised:
        lot.leave(forged)

    assert isinstance(raised.value, LookupError)
    assert isinstance(raised.value, ParkingError)
    assert not isinstance(raised.value, TicketAlreadyUsedError)


@pytest.mark.spec("any other ticket raises UnknownTicketError", "the message names the number")
@pytest.mark.parametrize("number", [2, 3], ids=["number 2", "number 3"])
def test_ticket_with_a_number_this_lot_has_not_issued_yet_is_unknown(number: int) -> None:
    lot = ParkingLot(Layout.single_row(2))
    lot.park(Vehicle("MINE-1"))
    other_lot = ParkingLot(Layout.single_row(3))
    forged = [other_lot.park(Vehicle(f"OTHER-{n}")) for n in range(number)][-1]

    with pytest.raises(UnknownTicketError, match=rf"\b{number}\b") as raised:
        lot.leave(forged)

    assert not isinstance(raised.value, TicketAlreadyUsedError)


@pytest.mark.spec(
    "lot.leave lets a vehicle out only on a ticket equal to one this lot issued; any other "
    "ticket raises UnknownTicketError, even one that carries the number and the plate of a "
    "ticket issued here."
)
def test_a_ticket_with_a_number_and_plate_issued_here_but_other_spots_is_unknown() -> None:
    """Another lot's ticket 1 for the same plate, on a large spot instead of a compact one."""
    lot = ParkingLot(Layout.single_row(2))
    mine = lot.park(Vehicle("KA-1"))
    forged = ParkingLot(Layout.single_row(2, SpotSize.LARGE)).park(Vehicle("KA-1"))
    assert (forged.number, forged.vehicle) == (mine.number, mine.vehicle)

    with pytest.raises(UnknownTicketError, match=r"\b1\b") as raised:
        lot.leave(forged)

    assert not isinstance(raised.value, TicketAlreadyUsedError)
    assert lot.availability().free() == 1
    assert lot.leave(mine).ticket == mine


@pytest.mark.spec(
    "Tickets are values: two tickets are equal when their number, vehicle, spots and entered_at "
    "are.",
    "lot.leave lets a vehicle out only on a ticket equal to one this lot issued",
)
def test_a_copy_equal_to_an_issued_ticket_lets_its_vehicle_out() -> None:
    lot = ParkingLot(Layout.single_row(2))
    ticket = lot.park(Vehicle("KA-1"))
    copy = Ticket(ticket.number, Vehicle("KA-1"), tuple(ticket.spots), ticket.entered_at)
    assert copy == ticket

    receipt = lot.leave(copy)

    assert receipt.ticket == ticket
    assert lot.availability().free() == 2


@pytest.mark.spec(
    "Tickets are values: two tickets are equal when their number, vehicle, spots and entered_at "
    "are.",
    "any other ticket raises UnknownTicketError",
)
def test_a_copy_of_an_issued_ticket_with_another_entry_time_is_unknown() -> None:
    lot = ParkingLot(Layout.single_row(2))
    ticket = lot.park(Vehicle("KA-1"))
    later = Ticket(ticket.number, ticket.vehicle, ticket.spots, ticket.entered_at + SECOND)
    assert later != ticket

    with pytest.raises(UnknownTicketError, match=r"\b1\b") as raised:
        lot.leave(later)

    assert not isinstance(raised.value, TicketAlreadyUsedError)
    assert lot.leave(ticket).ticket == ticket


@pytest.mark.spec(
    "any other ticket raises UnknownTicketError", "An operation that raises changes nothing"
)
def test_refused_unknown_ticket_changes_nothing() -> None:
    lot = ParkingLot(Layout.single_row(2))
    mine = lot.park(Vehicle("MINE-1"))
    forged = ParkingLot(Layout.single_row(2)).park(Vehicle("FORGED-1"))
    with pytest.raises(UnknownTicketError):
        lot.leave(forged)

    assert lot.availability().free() == 1
    assert lot.park(Vehicle("FORGED-1")).number == 2
    assert lot.leave(mine).ticket == mine


@pytest.mark.spec(
    "A ticket this lot issued whose vehicle has left raises TicketAlreadyUsedError.",
    "any other ticket raises UnknownTicketError",
)
def test_ticket_of_another_lot_is_unknown_even_when_its_number_was_used_here() -> None:
    """Only a ticket this lot issued can be "already used"; a forged one stays unknown."""
    lot = ParkingLot(Layout.single_row(2))
    lot.leave(lot.park(Vehicle("MINE-1")))
    forged = ParkingLot(Layout.single_row(2)).park(Vehicle("FORGED-1"))

    with pytest.raises(UnknownTicketError, match=r"\b1\b") as raised:
        lot.leave(forged)

    assert not isinstance(raised.value, TicketAlreadyUsedError)


@pytest.mark.spec(
    "A ticket this lot issued whose vehicle has left raises TicketAlreadyUsedError.",
    "the ticket was issued here but its vehicle has left; the message names the number",
)
def test_leaving_twice_with_one_ticket_is_refused() -> None:
    lot = ParkingLot(Layout.single_row(2))
    ticket = lot.park(Vehicle("KA-123"))
    lot.leave(ticket)

    with pytest.raises(TicketAlreadyUsedError, match=r"\b1\b") as raised:
        lot.leave(ticket)

    assert isinstance(raised.value, UnknownTicketError)
    assert isinstance(raised.value, LookupError)


@pytest.mark.spec(
    "A ticket this lot issued whose vehicle has left raises TicketAlreadyUsedError.",
    "An operation that raises changes nothing",
)
def test_refused_used_ticket_does_not_free_the_spot_of_the_next_car() -> None:
    lot = ParkingLot(Layout.single_row(1))
    used = lot.park(Vehicle("CAR-1"))
    lot.leave(used)
    current = lot.park(Vehicle("CAR-2"))

    with pytest.raises(TicketAlreadyUsedError):
        lot.leave(used)

    assert lot.availability().free() == 0
    with pytest.raises(AlreadyParkedError):
        lot.park(Vehicle("CAR-2"))
    assert lot.leave(current).ticket == current


class SingleRowOfCars(RuleBasedStateMachine):
    """Random parking and leaving in one row, checked against a tiny model."""

    tickets = Bundle("tickets")
    used = Bundle("used")

    def __init__(self) -> None:
        super().__init__()
        self.lot = ParkingLot(Layout.single_row(1))
        self.size = 1
        self.occupied: dict[int, str] = {}  # position -> plate
        self.next_number = 1

    @initialize(size=st.integers(min_value=1, max_value=6))
    def build(self, size: int) -> None:
        """Start from a fresh lot of the drawn layout."""
        self.lot = ParkingLot(Layout.single_row(size))
        self.size = size

    @rule(target=tickets, plate=st.sampled_from([f"P-{number}" for number in range(8)]))
    def park(self, plate: str) -> Ticket | MultipleResults[Ticket]:
        """Park a vehicle; the lot must do what the model predicts."""
        if plate in self.occupied.values():
            with pytest.raises(AlreadyParkedError):
                self.lot.park(Vehicle(plate))
            return multiple()
        if len(self.occupied) == self.size:
            with pytest.raises(LotFullError):
                self.lot.park(Vehicle(plate))
            return multiple()
        ticket = self.lot.park(Vehicle(plate))
        expected = min(set(range(self.size)) - set(self.occupied))
        assert ticket.spots[0].position == expected
        assert ticket.number == self.next_number
        self.occupied[expected] = plate
        self.next_number += 1
        return ticket

    @rule(target=used, ticket=consumes(tickets))
    def leave(self, ticket: Ticket) -> Ticket:
        """Leave with the ticket of a parked vehicle."""
        receipt = self.lot.leave(ticket)
        assert receipt.ticket == ticket
        del self.occupied[ticket.spots[0].position]
        return ticket

    @rule(ticket=used)
    def leave_again(self, ticket: Ticket) -> None:
        """A used ticket is refused."""
        with pytest.raises(TicketAlreadyUsedError):
            self.lot.leave(ticket)

    @invariant()
    def free_spots_match_the_model(self) -> None:
        """The lot counts as many free spots as the model."""
        assert self.lot.availability().free() == self.size - len(self.occupied)


SingleRowOfCars.TestCase.settings = settings(max_examples=40, stateful_step_count=25)
test_random_parking_and_leaving_in_a_row = pytest.mark.spec(
    "In a single row, a car takes the free spot with the lowest position.",
    "A full lot refuses with LotFullError.",
    "Parking a plate that is parked already raises AlreadyParkedError",
    "A ticket this lot issued whose vehicle has left raises TicketAlreadyUsedError.",
)(SingleRowOfCars.TestCase)
