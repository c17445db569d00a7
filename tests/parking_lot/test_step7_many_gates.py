import contextlib
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from parking_lot import (
    BUS,
    CAR,
    MOTORCYCLE,
    VAN,
    AlreadyParkedError,
    Layout,
    LotEvent,
    LotFullError,
    ParkingLot,
    Receipt,
    Spot,
    SpotSize,
    Ticket,
    TicketAlreadyUsedError,
    UnknownVehicleError,
    Vehicle,
    VehicleKind,
    VehicleParked,
)

from tests.support import THREAD_TIMEOUT, Outcome, run_concurrently, values

pytestmark = [
    pytest.mark.step(7),
    pytest.mark.spec(
        "A real lot has several entrances and exits. park, leave, leave_without_ticket, "
        "availability and subscribe may be called from many threads at once:"
    ),
]

S, C, L = SpotSize.SMALL, SpotSize.COMPACT, SpotSize.LARGE
GATES = 16
# How long a listener lets another gate try to change the lot when its locks cannot be watched.
MOMENT = 0.5


def address(spot: Spot) -> tuple[int, int, int]:
    return (spot.level, spot.row, spot.position)


def assert_no_spot_twice(tickets: list[Ticket]) -> None:
    taken = Counter(address(spot) for ticket in tickets for spot in ticket.spots)
    assert [spot for spot, count in taken.items() if count > 1] == []


@pytest.mark.spec(
    "no spot is ever given to two vehicles, none is lost, and no ticket number is issued twice;"
)
def test_gates_parking_at_once_never_share_a_spot_or_a_ticket_number() -> None:
    lot = ParkingLot(Layout.of([[[C] * 30, [C] * 30], [[C] * 60]]))

    def gate(index: int) -> tuple[list[Ticket], int]:
        tickets, refused = [], 0
        for n in range(10):
            try:
                tickets.append(lot.park(Vehicle(f"G{index}-{n}")))
            except LotFullError:
                refused += 1
        return tickets, refused

    results = values(run_concurrently(GATES, gate))

    tickets = [ticket for gate_tickets, _ in results for ticket in gate_tickets]
    assert len(tickets) == 120
    assert sum(refused for _, refused in results) == GATES * 10 - 120
    assert_no_spot_twice(tickets)
    assert sorted(ticket.number for ticket in tickets) == list(range(1, 121))
    assert lot.availability().free() == 0


@pytest.mark.spec("when all vehicles have left, every spot is free again;")
def test_when_everyone_has_left_every_spot_is_free_again() -> None:
    lot = ParkingLot(Layout.of([[[S] * 10, [C] * 20, [L] * 12], [[C] * 10, [L] * 11]]))
    kinds = [MOTORCYCLE, CAR, VAN, BUS, CAR, MOTORCYCLE]

    def park(index: int) -> list[Ticket]:
        tickets = []
        for n, kind in enumerate(kinds):
            with contextlib.suppress(LotFullError):
                tickets.append(lot.park(Vehicle(f"G{index}-{n}", kind)))
        return tickets

    parked = values(run_concurrently(GATES, park))
    tickets = [ticket for gate_tickets in parked for ticket in gate_tickets]
    assert_no_spot_twice(tickets)
    for ticket in tickets:
        assert len(ticket.spots) == ticket.vehicle.kind.spots
        assert all(spot.size >= ticket.vehicle.kind.size for spot in ticket.spots)
    assert lot.availability().free() == lot.capacity - sum(len(t.spots) for t in tickets)

    def leave(index: int) -> list[Receipt]:
        if index % 2:
            return [lot.leave(ticket) for ticket in parked[index]]
        return [lot.leave_without_ticket(ticket.vehicle.plate) for ticket in parked[index]]

    receipts = values(run_concurrently(GATES, leave))

    assert sum(len(gate_receipts) for gate_receipts in receipts) == len(tickets)
    assert lot.availability().free() == lot.capacity == 63


@pytest.mark.spec("none is lost", "when all vehicles have left, every spot is free again;")
def test_gates_parking_and_leaving_over_and_over_lose_no_spot() -> None:
    lot = ParkingLot(Layout.of([[[C] * 5], [[C] * 3]]))

    def churn(index: int) -> int:
        parked = 0
        for n in range(40):
            try:
                ticket = lot.park(Vehicle(f"G{index}-{n % 3}"))
            except LotFullError:
                continue
            lot.leave(ticket)
            parked += 1
        return parked

    parked = values(run_concurrently(GATES, churn))

    assert sum(parked) > 0
    assert lot.availability().free() == 8
    assert lot.park(Vehicle("LAST")).number == sum(parked) + 1


@pytest.mark.spec("no spot is ever given to two vehicles")
def test_one_plate_at_many_gates_at_once_parks_once() -> None:
    lot = ParkingLot(Layout.single_row(GATES))

    outcomes = run_concurrently(GATES, lambda _: lot.park(Vehicle("KA-1")))

    assert len([o for o in outcomes if o.value is not None]) == 1
    refusals = [o.error for o in outcomes if o.error is not None]
    assert len(refusals) == GATES - 1
    assert all(isinstance(error, AlreadyParkedError) for error in refusals)
    assert lot.availability().free() == GATES - 1


@pytest.mark.spec("when all vehicles have left, every spot is free again;")
def test_one_vehicle_leaving_by_many_gates_at_once_leaves_once() -> None:
    lot = ParkingLot(Layout.single_row(2))
    ticket = lot.park(Vehicle("KA-1"))

    def leave(index: int) -> Receipt:
        return lot.leave(ticket) if index % 2 else lot.leave_without_ticket("KA-1")

    outcomes: list[Outcome[Receipt]] = run_concurrently(GATES, leave)

    assert len([o for o in outcomes if o.value is not None]) == 1
    refusals = [o.error for o in outcomes if o.error is not None]
    assert len(refusals) == GATES - 1
    assert all(isinstance(e, TicketAlreadyUsedError | UnknownVehicleError) for e in refusals)
    assert lot.availability().free() == 2


class Ledger:
    """A listener that replays the events on its own model of the lot, and notes any overlap."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.occupied: set[tuple[int, int, int]] = set()
        self.numbers: list[int] = []
        self.problems: list[str] = []
        self._inside = 0
        self._guard = threading.Lock()

    def __call__(self, event: LotEvent) -> None:
        """Hear one event."""
        with self._guard:
            self._inside += 1
            overlapping = self._inside > 1
        if overlapping:
            self.problems.append("two events at once")
        if isinstance(event, VehicleParked):
            spots = {address(spot) for spot in event.ticket.spots}
            if spots & self.occupied:
                self.problems.append(f"spots {spots & self.occupied} given twice")
            self.occupied |= spots
            self.numbers.append(event.ticket.number)
        else:
            self.occupied -= {address(spot) for spot in event.receipt.ticket.spots}
        if event.availability.free() != self.capacity - len(self.occupied):
            self.problems.append(f"availability {event.availability.free()} out of order")
        with self._guard:
            self._inside -= 1


@pytest.mark.spec("events reach listeners one at a time, in the order the changes happened")
def test_events_reach_listeners_one_at_a_time_in_the_order_of_the_changes() -> None:
    lot = ParkingLot(Layout.of([[[C] * 6, [L] * 6]]))
    ledger = Ledger(lot.capacity)
    lot.subscribe(ledger)
    kinds: list[VehicleKind] = [CAR, MOTORCYCLE, VAN]

    def churn(index: int) -> None:
        for n in range(25):
            try:
                ticket = lot.park(Vehicle(f"G{index}-{n}", kinds[(index + n) % 3]))
            except LotFullError:
                continue
            if n % 2:
                lot.leave(ticket)
            else:
                lot.leave_without_ticket(ticket.vehicle.plate)

    values(run_concurrently(GATES, churn))

    assert ledger.problems == []
    assert ledger.numbers == sorted(ledger.numbers)
    assert len(set(ledger.numbers)) == len(ledger.numbers) > 0
    assert ledger.occupied == set()


class WatchedLock:
    """A lock that sets ``waiting`` whenever a thread finds it held by another and must wait."""

    def __init__(self, lock: Any, waiting: threading.Event) -> None:
        self._lock = lock
        self._waiting = waiting

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:  # noqa: FBT001, FBT002 - the signature of every threading lock
        """Take the lock, saying so first when another thread holds it."""
        if self._lock.acquire(blocking=False):
            return True
        if not blocking:
            return False
        self._waiting.set()
        return bool(self._lock.acquire(blocking=True, timeout=timeout))

    def release(self) -> None:
        """Let the lock go."""
        self._lock.release()

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def __getattr__(self, name: str) -> Any:
        # What Condition asks of a lock (_is_owned, _release_save, ...) goes to the real one.
        return getattr(self._lock, name)


@contextlib.contextmanager
def watching_locks(waiting: threading.Event) -> Iterator[list[WatchedLock]]:
    """Make every threading.Lock and RLock created inside the block a WatchedLock; the list."""
    made: list[WatchedLock] = []

    def factory(make: Callable[..., Any]) -> Callable[..., WatchedLock]:
        def watched(*args: Any, **kwargs: Any) -> WatchedLock:
            made.append(WatchedLock(make(*args, **kwargs), waiting))
            return made[-1]

        return watched

    with pytest.MonkeyPatch.context() as patch:
        # RLock() calls _CRLock, whether it was imported as threading.RLock or RLock.
        patch.setattr(threading, "Lock", factory(threading.Lock))
        patch.setattr(threading, "_CRLock", factory(vars(threading)["_CRLock"]))
        yield made


@pytest.mark.spec(
    "while the listeners hear one change, a park or leave at another gate waits until they all "
    "have."
)
@pytest.mark.parametrize("first_change", ["park", "leave"], ids=["after a park", "after a leave"])
def test_a_gate_waits_while_the_listeners_hear_the_change_before_it(first_change: str) -> None:
    """A park at a second gate, started while the listeners hear the first change, ends after.

    The lot is built while the test watches the locks it makes, so the first listener can
    wait, without a clock, until the second gate has either finished its park (a lot that
    calls its listeners after letting go of its lock, or never took one: the later listener
    then hears the second change first) or had to wait for a lock the first gate holds (a
    right lot). A design whose locks the test cannot watch (a lock made some other way) gets
    a moment instead, which only bounds how long the test waits for a wrong lot to show.
    """
    settled, second_done = threading.Event(), threading.Event()
    with watching_locks(settled) as locks:
        lot = ParkingLot(Layout.single_row(3))
    parked = lot.park(Vehicle("G-0"))
    gates: list[threading.Thread] = []
    finished_while_heard: list[bool] = []
    heard: list[str] = []

    def second_gate() -> None:
        lot.park(Vehicle("G-2"))
        second_done.set()
        settled.set()

    def first(_event: LotEvent) -> None:
        if not gates:
            settled.clear()
            gates.append(threading.Thread(target=second_gate, daemon=True))
            gates[0].start()
            settled.wait(THREAD_TIMEOUT if locks else MOMENT)
            finished_while_heard.append(second_done.is_set())

    def later(event: LotEvent) -> None:
        heard.append(type(event).__name__)

    lot.subscribe(first)
    lot.subscribe(later)

    if first_change == "park":
        lot.park(Vehicle("G-1"))
    else:
        lot.leave(parked)
    gates[0].join(THREAD_TIMEOUT)

    assert finished_while_heard == [False]
    assert second_done.is_set()
    expected = "VehicleParked" if first_change == "park" else "VehicleLeft"
    assert heard == [expected, "VehicleParked"]


@pytest.mark.spec("subscribe may be called from many threads at once")
def test_listeners_subscribing_at_many_gates_at_once_are_all_kept() -> None:
    lot = ParkingLot(Layout.single_row(GATES))
    heard: list[list[LotEvent]] = [[] for _ in range(GATES)]

    def subscribe_and_park(index: int) -> Ticket:
        lot.subscribe(heard[index].append)
        return lot.park(Vehicle(f"G{index}"))

    tickets = values(run_concurrently(GATES, subscribe_and_park))

    assert len(tickets) == GATES
    for events in heard:
        assert events
        assert events[-1] == heard[0][-1]


@pytest.mark.spec("availability and subscribe may be called from many threads at once")
def test_availability_read_while_gates_park_only_ever_goes_down() -> None:
    lot = ParkingLot(Layout.single_row(200))

    def gate(index: int) -> list[int]:
        readings = []
        for n in range(25):
            if index % 2:
                lot.park(Vehicle(f"G{index}-{n}"))
            readings.append(lot.availability().free())
        return readings

    readings = values(run_concurrently(GATES, gate))

    for gate_readings in readings:
        assert gate_readings == sorted(gate_readings, reverse=True)
        assert all(0 <= free <= 200 for free in gate_readings)
    assert lot.availability().free() == 200 - 25 * (GATES // 2)
