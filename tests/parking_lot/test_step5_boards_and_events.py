import gc
import logging
import weakref
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from parking_lot import (
    BUS,
    CAR,
    MOTORCYCLE,
    VAN,
    AllocationPolicy,
    AlreadyParkedError,
    Availability,
    DisplayBoard,
    Free,
    InvalidValueError,
    Layout,
    LotEvent,
    LotFullError,
    ParkingError,
    ParkingLot,
    SpotSize,
    TicketAlreadyUsedError,
    UnknownTicketError,
    UnknownVehicleError,
    UnpricedVehicleError,
    Vehicle,
    VehicleLeft,
    VehicleParked,
)

from tests.parking_lot.support import Recorder, by_kind
from tests.support import FakeClock, run_concurrently, values

pytestmark = pytest.mark.step(5)

S, C, L = SpotSize.SMALL, SpotSize.COMPACT, SpotSize.LARGE


def two_levels() -> ParkingLot:
    """Level 0: one small, two compact, two large; level 1: one compact."""
    return ParkingLot(Layout.of([[[S, C, C], [L, L]], [[C]]]))


@pytest.mark.spec(
    "lot.subscribe(listener) registers a callable that is called with every later event",
    "Events are VehicleParked(ticket, availability) and VehicleLeft(receipt, availability)",
    "LotEvent is their union.",
)
def test_listener_hears_a_parked_vehicle_with_its_ticket() -> None:
    lot = two_levels()
    recorder = Recorder()
    lot.subscribe(recorder)

    ticket = lot.park(Vehicle("KA-1"))

    assert len(recorder.events) == 1
    event = recorder.events[0]
    assert isinstance(event, VehicleParked)
    assert isinstance(event, LotEvent)
    assert event.ticket == ticket


@pytest.mark.spec(
    "Events are VehicleParked(ticket, availability) and VehicleLeft(receipt, availability)"
)
def test_listener_hears_a_vehicle_leaving_with_its_receipt() -> None:
    lot = two_levels()
    ticket = lot.park(Vehicle("KA-1"))
    recorder = Recorder()
    lot.subscribe(recorder)

    receipt = lot.leave(ticket)

    assert len(recorder.events) == 1
    event = recorder.events[0]
    assert isinstance(event, VehicleLeft)
    assert event.receipt == receipt


@pytest.mark.spec("VehicleLeft(receipt, availability)")
def test_leaving_without_a_ticket_is_heard_too() -> None:
    lot = two_levels()
    lot.park(Vehicle("KA-1"))
    recorder = Recorder()
    lot.subscribe(recorder)

    receipt = lot.leave_without_ticket("KA-1")

    assert len(recorder.events) == 1
    event = recorder.events[0]
    assert isinstance(event, VehicleLeft)
    assert event.receipt == receipt
    assert event.receipt.lost_ticket is True


@pytest.mark.spec("availability is the state after the change.")
def test_events_carry_the_availability_after_the_change() -> None:
    lot = two_levels()
    recorder = Recorder()
    lot.subscribe(recorder)

    ticket = lot.park(Vehicle("V-1", VAN))
    lot.park(Vehicle("M-1", MOTORCYCLE))
    lot.leave(ticket)

    assert [event.availability.free() for event in recorder.events] == [5, 4, 5]
    assert [event.availability.free(L) for event in recorder.events] == [1, 1, 2]
    assert [event.availability.free(S) for event in recorder.events] == [1, 0, 0]


@pytest.mark.spec("registers a callable that is called with every later event")
def test_listener_hears_only_later_events() -> None:
    lot = two_levels()
    lot.park(Vehicle("KA-1"))
    recorder = Recorder()

    lot.subscribe(recorder)

    assert recorder.events == []


@pytest.mark.spec("returns a function that unsubscribes it")
def test_unsubscribed_listener_hears_nothing_more() -> None:
    lot = two_levels()
    recorder = Recorder()
    unsubscribe = lot.subscribe(recorder)
    lot.park(Vehicle("KA-1"))

    unsubscribe()
    lot.park(Vehicle("KA-2"))

    assert len(recorder.events) == 1


@pytest.mark.spec("(calling that twice is harmless)")
def test_unsubscribing_twice_is_harmless_and_leaves_others_subscribed() -> None:
    lot = two_levels()
    gone, staying = Recorder(), Recorder()
    unsubscribe = lot.subscribe(gone)
    lot.subscribe(staying)

    unsubscribe()
    unsubscribe()
    lot.park(Vehicle("KA-1"))

    assert gone.events == []
    assert len(staying.events) == 1


@pytest.mark.spec("Listeners are called in the order they subscribed.")
def test_listeners_are_called_in_the_order_they_subscribed() -> None:
    lot = two_levels()
    heard: list[str] = []

    def named(name: str) -> Callable[[LotEvent], None]:
        return lambda _event: heard.append(name)

    for name in ("first", "second", "third"):
        lot.subscribe(named(name))

    lot.park(Vehicle("KA-1"))

    assert heard == ["first", "second", "third"]


@pytest.mark.spec(
    "A listener that raises is logged (one record on logger parking_lot, level ERROR, with the "
    "exception, and a message that names the listener's repr and the event's) and neither stops "
    "the other listeners"
)
def test_a_raising_listener_is_logged_and_the_others_still_hear(
    caplog: pytest.LogCaptureFixture,
) -> None:
    lot = two_levels()
    before, after = Recorder(), Recorder()

    lot.subscribe(before)
    lot.subscribe(broken)
    lot.subscribe(after)

    with caplog.at_level(logging.ERROR, logger="parking_lot"):
        ticket = lot.park(Vehicle("KA-1"))

    assert len(before.events) == 1
    assert len(after.events) == 1
    errors = [r for r in caplog.records if r.name == "parking_lot" and r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert errors[0].exc_info is not None
    assert isinstance(errors[0].exc_info[1], RuntimeError)
    assert repr(broken) in errors[0].getMessage()
    assert repr(before.events[0]) in errors[0].getMessage()
    assert ticket.number == 1


def broken(event: LotEvent) -> None:
    """A listener that always fails."""
    msg = f"board offline at {type(event).__name__}"
    raise RuntimeError(msg)


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[int]:
    return [record.levelno for record in caplog.records if record.name == "parking_lot"]


@pytest.mark.spec("nor undoes the park or leave.")
def test_a_raising_listener_does_not_undo_parking(caplog: pytest.LogCaptureFixture) -> None:
    lot = ParkingLot(Layout.single_row(2))
    lot.subscribe(broken)

    with caplog.at_level(logging.ERROR, logger="parking_lot"):
        ticket = lot.park(Vehicle("KA-1"))

    assert errors_logged(caplog) == [logging.ERROR]
    assert lot.availability().free() == 1
    with pytest.raises(AlreadyParkedError):
        lot.park(Vehicle("KA-1"))
    assert lot.leave(ticket).ticket == ticket


@pytest.mark.spec("nor undoes the park or leave.")
def test_a_raising_listener_does_not_undo_leaving(caplog: pytest.LogCaptureFixture) -> None:
    lot = ParkingLot(Layout.single_row(2))
    ticket = lot.park(Vehicle("KA-1"))
    lot.subscribe(broken)

    with caplog.at_level(logging.ERROR, logger="parking_lot"):
        receipt = lot.leave(ticket)

    assert receipt.ticket == ticket
    assert errors_logged(caplog) == [logging.ERROR]
    assert lot.availability().free() == 2
    with pytest.raises(TicketAlreadyUsedError):
        lot.leave(ticket)


@pytest.mark.spec(
    "A listener may unsubscribe itself or another while it hears an event; every listener "
    "subscribed when the change happened still hears that event."
)
def test_a_listener_may_unsubscribe_while_hearing_an_event() -> None:
    """Everyone subscribed at the time of a change hears it, whatever a listener does."""
    lot = two_levels()
    after = Recorder()
    heard: list[LotEvent] = []

    def once(event: LotEvent) -> None:
        heard.append(event)
        unsubscribe()

    unsubscribe = lot.subscribe(once)
    lot.subscribe(after)

    lot.park(Vehicle("KA-1"))
    lot.park(Vehicle("KA-2"))

    assert len(heard) == 1
    assert len(after.events) == 2


@pytest.mark.spec("A listener may unsubscribe itself or another while it hears an event")
def test_a_listener_unsubscribed_by_another_still_hears_the_change_at_hand() -> None:
    lot = two_levels()
    later = Recorder()

    def first(_event: LotEvent) -> None:
        unsubscribe_later()

    lot.subscribe(first)
    unsubscribe_later = lot.subscribe(later)

    lot.park(Vehicle("KA-1"))
    lot.park(Vehicle("KA-2"))

    assert [event.ticket.number for event in later.events if isinstance(event, VehicleParked)] == [
        1
    ]
    assert len(later.events) == 1


@pytest.mark.spec(
    "Subscribing the same callable twice makes two subscriptions: it hears every event twice, "
    "and each returned function removes one of them."
)
def test_the_same_callable_subscribed_twice_hears_every_event_twice() -> None:
    lot = two_levels()
    recorder = Recorder()
    first = lot.subscribe(recorder)
    lot.subscribe(recorder)

    lot.park(Vehicle("KA-1"))
    first()
    lot.park(Vehicle("KA-2"))
    first()
    lot.park(Vehicle("KA-3"))

    numbers = [event.ticket.number for event in recorder.events if isinstance(event, VehicleParked)]
    assert numbers == [1, 1, 2, 3]


@pytest.mark.spec("Each lot has its own listeners: a listener hears only the lot it subscribed to.")
def test_a_listener_hears_only_the_lot_it_subscribed_to() -> None:
    mine, other = two_levels(), two_levels()
    recorder = Recorder()
    mine.subscribe(recorder)

    other.park(Vehicle("KA-1"))
    other.leave_without_ticket("KA-1")
    ticket = mine.park(Vehicle("KA-2"))

    assert [event.ticket for event in recorder.events if isinstance(event, VehicleParked)] == [
        ticket
    ]
    assert len(recorder.events) == 1


@pytest.mark.spec(
    "While it hears an event, a listener may read the lot's availability and may subscribe "
    "or unsubscribe listeners."
)
def test_a_listener_may_read_the_lot_and_subscribe_while_it_hears_an_event() -> None:
    """Run at a gate of its own, so a lot that deadlocks fails the test instead of hanging it.

    The newcomer is subscribed while the first park is heard and unsubscribed while the
    leave is heard: it hears the leave only.
    """
    lot = two_levels()
    seen: list[int] = []
    newcomer = Recorder()
    unsubscribe: list[Callable[[], None]] = []

    def curious(_event: LotEvent) -> None:
        seen.append(lot.availability().free())
        if unsubscribe:
            unsubscribe.pop()()
        elif not newcomer.events:
            unsubscribe.append(lot.subscribe(newcomer))

    lot.subscribe(curious)

    def gate(_: int) -> None:
        lot.leave(lot.park(Vehicle("KA-1")))
        lot.park(Vehicle("KA-2"))

    values(run_concurrently(1, gate))

    assert seen == [5, 6, 5]
    assert [type(event) for event in newcomer.events] == [VehicleLeft]


@pytest.mark.spec("The lot keeps a subscriber until it unsubscribes, even one nobody else holds")
def test_the_lot_keeps_a_subscriber_nobody_else_holds() -> None:
    lot = two_levels()
    heard: list[LotEvent] = []

    class Forwarder:
        def __call__(self, event: LotEvent) -> None:
            heard.append(event)

    lot.subscribe(Forwarder())
    gc.collect()

    lot.park(Vehicle("KA-1"))

    assert len(heard) == 1


@pytest.mark.spec("after that the lot holds no reference to it")
def test_the_lot_holds_no_reference_to_a_listener_after_it_unsubscribes() -> None:
    lot = two_levels()
    recorder = Recorder()
    unsubscribe = lot.subscribe(recorder)
    lot.park(Vehicle("KA-1"))
    ref = weakref.ref(recorder)

    unsubscribe()
    del unsubscribe, recorder
    gc.collect()

    assert ref() is None
    lot.park(Vehicle("KA-2"))


@pytest.mark.spec("nor to a board once it is detached.")
def test_a_detached_board_can_be_collected() -> None:
    lot = two_levels()
    board = DisplayBoard.attach(lot)
    ref = weakref.ref(board)

    board.detach()
    del board
    gc.collect()

    assert ref() is None


@pytest.mark.spec(
    "Availability.free(size=None, level=None) counts free spots of a size (any if None) on a "
    "level (all if None)"
)
@pytest.mark.parametrize(
    ("size", "level", "expected"),
    [
        (None, None, 4),
        (None, 0, 3),
        (None, 1, 1),
        (S, None, 0),
        (C, None, 2),
        (C, 0, 1),
        (C, 1, 1),
        (L, 0, 2),
        (L, 1, 0),
    ],
    ids=[
        "any size, all levels",
        "any size, level 0",
        "any size, level 1",
        "small, all levels",
        "compact, all levels",
        "compact, level 0",
        "compact, level 1",
        "large, level 0",
        "large, level 1",
    ],
)
def test_availability_counts_free_spots_by_size_and_level(
    size: SpotSize | None, level: int | None, expected: int
) -> None:
    lot = two_levels()
    lot.park(Vehicle("M-1", MOTORCYCLE))
    lot.park(Vehicle("KA-1", CAR))

    availability: Availability = lot.availability()

    assert availability.free(size=size, level=level) == expected
    assert availability.free(size, level) == expected


@pytest.mark.spec("Availability.is_full(level=None) says whether none is free.")
def test_availability_says_whether_a_level_or_the_lot_is_full() -> None:
    lot = two_levels()
    for plate in ("KA-1", "KA-2", "KA-3"):
        lot.park(Vehicle(plate, CAR))

    availability = lot.availability()

    assert availability.is_full(level=1) is True
    assert availability.is_full(level=0) is False
    assert availability.is_full() is False
    lot.park(Vehicle("KA-4", CAR))
    lot.park(Vehicle("KA-5", CAR))
    assert lot.availability().is_full() is False
    lot.park(Vehicle("M-1", MOTORCYCLE))
    assert lot.availability().is_full() is True
    assert lot.availability().is_full(0) is True


@pytest.mark.spec("lot.availability() is a snapshot: it does not change when the lot does.")
def test_availability_is_a_snapshot() -> None:
    lot = two_levels()
    availability = lot.availability()

    lot.park(Vehicle("KA-1"))

    assert availability.free() == 6


@pytest.mark.spec(
    "DisplayBoard.attach(lot, level=None) returns a board that shows one level (or the whole "
    "lot) now and after every change"
)
def test_board_shows_the_level_when_attached() -> None:
    lot = two_levels()
    lot.park(Vehicle("KA-1"))

    board = DisplayBoard.attach(lot, level=0)

    assert board.free(C) == 1
    assert board.free(S) == 1
    assert board.free(L) == 2
    assert board.full is False
    assert board.text() == "Level 0: small 1, compact 1, large 2"


@pytest.mark.spec(
    "returns a board that shows one level (or the whole lot) now and after every change"
)
def test_board_follows_every_change() -> None:
    lot = two_levels()
    board = DisplayBoard.attach(lot, level=0)

    ticket = lot.park(Vehicle("V-1", VAN))
    assert board.text() == "Level 0: small 1, compact 2, large 1"

    lot.park(Vehicle("M-1", MOTORCYCLE))
    lot.leave(ticket)

    assert board.text() == "Level 0: small 0, compact 2, large 2"


@pytest.mark.spec("board.full (the FULL sign: no free spot of any size)")
def test_board_lights_full_when_no_spot_of_any_size_is_free_on_its_level() -> None:
    lot = two_levels()
    board = DisplayBoard.attach(lot, level=1)
    ground = DisplayBoard.attach(lot, level=0)

    lot.park(Vehicle("KA-1"))
    lot.park(Vehicle("KA-2"))
    lot.park(Vehicle("KA-3"))

    assert board.full is True
    assert board.text() == "Level 1: FULL"
    assert ground.full is False
    assert ground.text() == "Level 0: small 1, compact 0, large 2"


@pytest.mark.spec("shows one level (or the whole lot)")
def test_board_of_a_whole_lot_counts_every_level() -> None:
    lot = two_levels()
    board = DisplayBoard.attach(lot)

    lot.park(Vehicle("KA-1"))
    lot.park(Vehicle("KA-2"))

    assert board.free(C) == 1
    assert board.text() == "All levels: small 1, compact 1, large 2"


@pytest.mark.spec("board.full (the FULL sign: no free spot of any size)")
def test_board_of_a_whole_lot_shows_full_only_when_every_level_is() -> None:
    lot = ParkingLot(Layout.of([[[C]], [[C]]]))
    board = DisplayBoard.attach(lot)
    lot.park(Vehicle("KA-1"))
    half_full = board.full

    lot.park(Vehicle("KA-2"))

    assert half_full is False
    assert board.full is True
    assert board.text() == "All levels: FULL"


@pytest.mark.spec(
    "board.detach() stops its updates (detaching again is harmless); it keeps showing what it "
    "last knew."
)
def test_detached_board_keeps_showing_what_it_last_knew() -> None:
    lot = two_levels()
    board = DisplayBoard.attach(lot, level=1)
    lot.park(Vehicle("KA-1"))
    lot.park(Vehicle("KA-2"))
    lot.park(Vehicle("KA-3"))

    board.detach()
    lot.leave_without_ticket("KA-3")

    assert board.full is True
    assert board.free(C) == 0
    assert board.text() == "Level 1: FULL"
    assert lot.availability().free(level=1) == 1


@pytest.mark.spec("(detaching again is harmless)")
def test_detaching_a_board_twice_is_harmless() -> None:
    lot = two_levels()
    board = DisplayBoard.attach(lot, level=0)
    board.detach()

    board.detach()
    lot.park(Vehicle("KA-1"))
    lot.park(Vehicle("KA-2"))

    assert board.free(C) == 2
    assert lot.availability().free(C, level=0) == 0


@pytest.mark.spec("now and after every change")
def test_a_board_keeps_up_with_a_bus() -> None:
    lot = ParkingLot(Layout.of([[[L] * 6]]))
    board = DisplayBoard.attach(lot, level=0)

    lot.park(Vehicle("B-1", BUS))

    assert board.text() == "Level 0: small 0, compact 0, large 1"


class Refuses:
    """An allocation policy that picks a level nobody offered."""

    def choose_level(self, candidates: object) -> int:
        """Pick one level among ``candidates``."""
        del candidates
        return 99


def refused_operations() -> list[tuple[str, Callable[[], tuple[ParkingLot, Callable[[], object]]]]]:
    def full() -> tuple[ParkingLot, Callable[[], object]]:
        lot = ParkingLot(Layout.single_row(1))
        lot.park(Vehicle("KA-1"))
        return lot, lambda: lot.park(Vehicle("KA-2"))

    def twice() -> tuple[ParkingLot, Callable[[], object]]:
        lot = ParkingLot(Layout.single_row(2))
        lot.park(Vehicle("KA-1"))
        return lot, lambda: lot.park(Vehicle("KA-1"))

    def used() -> tuple[ParkingLot, Callable[[], object]]:
        lot = ParkingLot(Layout.single_row(2))
        ticket = lot.park(Vehicle("KA-1"))
        lot.leave(ticket)
        return lot, lambda: lot.leave(ticket)

    def forged() -> tuple[ParkingLot, Callable[[], object]]:
        lot = ParkingLot(Layout.single_row(2))
        lot.park(Vehicle("KA-1"))
        ticket = ParkingLot(Layout.single_row(2)).park(Vehicle("KA-9"))
        return lot, lambda: lot.leave(ticket)

    def lost_unknown() -> tuple[ParkingLot, Callable[[], object]]:
        lot = ParkingLot(Layout.single_row(2))
        lot.park(Vehicle("KA-1"))
        return lot, lambda: lot.leave_without_ticket("KA-9")

    def bad_policy() -> tuple[ParkingLot, Callable[[], object]]:
        policy: AllocationPolicy = Refuses()
        lot = ParkingLot(Layout.of([[[C]], [[C]]]), allocation=policy)
        return lot, lambda: lot.park(Vehicle("KA-1"))

    def unpriced() -> tuple[ParkingLot, Callable[[], object]]:
        lot = ParkingLot(Layout.single_row(2), pricing=by_kind({"bus": Free()}))
        ticket = lot.park(Vehicle("KA-1"))
        return lot, lambda: lot.leave(ticket)

    def clock_back() -> tuple[ParkingLot, Callable[[], object]]:
        clock = FakeClock()
        lot = ParkingLot(Layout.single_row(2), clock=clock)
        ticket = lot.park(Vehicle("KA-1"))
        clock.advance(timedelta(minutes=-5))
        return lot, lambda: lot.leave(ticket)

    def naive_clock() -> tuple[ParkingLot, Callable[[], object]]:
        lot = ParkingLot(Layout.single_row(2), clock=lambda: datetime(2026, 3, 2))  # noqa: DTZ001
        return lot, lambda: lot.park(Vehicle("KA-1"))

    return [
        ("full lot", full),
        ("already parked", twice),
        ("used ticket", used),
        ("forged ticket", forged),
        ("lost ticket of an unknown plate", lost_unknown),
        ("policy picks a level not offered", bad_policy),
        ("unpriced kind", unpriced),
        ("clock went back", clock_back),
        ("naive clock", naive_clock),
    ]


@pytest.mark.spec(
    "A refused operation emits no event, so no board changes.",
    "An operation that raises changes nothing",
)
@pytest.mark.parametrize(
    "scenario",
    [scenario for _, scenario in refused_operations()],
    ids=[name for name, _ in refused_operations()],
)
def test_a_refused_operation_emits_no_event_and_changes_no_board(
    scenario: Callable[[], tuple[ParkingLot, Callable[[], object]]],
) -> None:
    """Every kind of refusal, with a listener and a board attached."""
    lot, refused = scenario()
    recorder = Recorder()
    lot.subscribe(recorder)
    board = DisplayBoard.attach(lot)
    shown = board.text()
    free = lot.availability().free()

    with pytest.raises(ParkingError) as raised:
        refused()

    assert isinstance(
        raised.value,
        LotFullError
        | AlreadyParkedError
        | UnknownTicketError
        | UnknownVehicleError
        | InvalidValueError
        | UnpricedVehicleError,
    )
    assert recorder.events == []
    assert board.text() == shown
    assert lot.availability().free() == free
