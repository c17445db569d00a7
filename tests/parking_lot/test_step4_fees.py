import re
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from parking_lot import (
    BUS,
    CAR,
    MOTORCYCLE,
    AlreadyParkedError,
    DailyCap,
    Free,
    GracePeriod,
    Hourly,
    InvalidValueError,
    Layout,
    LostTicketFee,
    ParkingError,
    ParkingLot,
    PricingPolicy,
    SpotSize,
    Stay,
    TicketAlreadyUsedError,
    UnknownTicketError,
    UnknownVehicleError,
    UnpricedVehicleError,
    Vehicle,
    VehicleKind,
)

from tests.parking_lot.support import by_kind, limousine, names
from tests.support import START, FakeClock

pytestmark = pytest.mark.step(4)

S, C, L = SpotSize.SMALL, SpotSize.COMPACT, SpotSize.LARGE
RATE = Decimal("2.50")


def stay(duration: timedelta, *, lost_ticket: bool = False, kind: VehicleKind = CAR) -> Stay:
    return Stay(kind, START, START + duration, lost_ticket=lost_ticket)


class Recording:
    """A pricing policy written outside the package: records each stay, charges a flat 1.25."""

    def __init__(self) -> None:
        self.stays: list[Stay] = []

    def price(self, stay: Stay) -> Decimal:
        """The amount due for ``stay``."""
        self.stays.append(stay)
        return Decimal("1.25")


class PerSpotPerStartedQuarter:
    """Another outside policy: 0.40 per spot the kind needs, per started quarter hour."""

    def price(self, stay: Stay) -> Decimal:
        """The amount due for ``stay``."""
        quarters = -(-stay.duration // timedelta(minutes=15))
        return Decimal("0.40") * stay.kind.spots * quarters


class SometimesNaiveClock(FakeClock):
    """A fake clock that drops its time zone while ``naive`` is set."""

    naive = False

    def __call__(self) -> datetime:
        """Now, without a time zone while ``naive`` is set."""
        now = super().__call__()
        return now.replace(tzinfo=None) if self.naive else now


def lot_with(
    pricing: PricingPolicy | None = None, clock: FakeClock | None = None, spots: int = 3
) -> ParkingLot:
    layout = Layout.of([[[L] * spots]])
    if pricing is None:
        return ParkingLot(layout, clock=clock or FakeClock())
    return ParkingLot(layout, pricing=pricing, clock=clock or FakeClock())


@pytest.mark.spec(
    "The lot takes a clock: any callable returning a timezone-aware datetime.",
    "Tickets are stamped with entered_at, receipts with left_at; receipt.entered_at and "
    "receipt.duration are derived from them.",
)
def test_tickets_and_receipts_are_stamped_by_the_clock() -> None:
    clock = FakeClock()
    lot = lot_with(clock=clock)
    ticket = lot.park(Vehicle("KA-1"))
    clock.advance(timedelta(minutes=95))

    receipt = lot.leave(ticket)

    assert ticket.entered_at == START
    assert receipt.entered_at == START
    assert receipt.left_at == START + timedelta(minutes=95)
    assert receipt.duration == timedelta(minutes=95)


@pytest.mark.spec(
    "Stay(kind, entered_at, left_at, lost_ticket=False) is a value with a duration (left_at - "
    "entered_at)."
)
def test_stay_knows_its_duration_and_the_ticket_is_not_lost_by_default() -> None:
    the_stay = Stay(CAR, START, START + timedelta(hours=2, seconds=3))

    assert the_stay.duration == timedelta(hours=2, seconds=3)
    assert the_stay.lost_ticket is False
    assert the_stay.kind == CAR


@pytest.mark.spec(
    "A clock returning a naive datetime, or one that goes back before a ticket's entry, makes "
    "the operation raise InvalidValueError naming the time the clock returned",
    "a clock that returns a naive datetime",
    "An operation that raises changes nothing",
)
def test_naive_clock_makes_parking_fail_and_changes_nothing() -> None:
    clock = SometimesNaiveClock()
    lot = ParkingLot(Layout.single_row(2), clock=clock)
    clock.naive = True

    with pytest.raises(InvalidValueError, match="2026") as raised:
        lot.park(Vehicle("KA-1"))

    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, ParkingError)
    assert lot.availability().free() == 2
    clock.naive = False
    ticket = lot.park(Vehicle("KA-1"))
    assert (ticket.number, ticket.spots[0].position, ticket.entered_at) == (1, 0, START)


@pytest.mark.spec("A clock returning a naive datetime", "An operation that raises changes nothing")
def test_naive_clock_at_exit_refuses_leaving_and_the_vehicle_stays() -> None:
    clock = SometimesNaiveClock()
    lot = ParkingLot(Layout.single_row(2), clock=clock)
    ticket = lot.park(Vehicle("KA-1"))
    clock.advance(timedelta(hours=1))
    clock.naive = True

    with pytest.raises(InvalidValueError, match="2026"):
        lot.leave(ticket)
    with pytest.raises(InvalidValueError, match="2026"):
        lot.leave_without_ticket("KA-1")

    assert lot.availability().free() == 1
    clock.naive = False
    assert lot.leave(ticket).duration == timedelta(hours=1)


@pytest.mark.spec(
    "or one that goes back before a ticket's entry, makes the operation raise InvalidValueError "
    "naming the time the clock returned and, when it went back, the ticket's entry.",
    "Messages name the offending value, as str() or repr() shows it.",
    "An operation that raises changes nothing",
)
def test_clock_going_back_before_entry_refuses_leaving_and_the_vehicle_stays() -> None:
    clock = FakeClock()
    lot = lot_with(clock=clock)
    ticket = lot.park(Vehicle("KA-1"))
    clock.advance(timedelta(seconds=-1))

    with pytest.raises(InvalidValueError) as raised:
        lot.leave(ticket)
    with pytest.raises(InvalidValueError):
        lot.leave_without_ticket("KA-1")

    assert isinstance(raised.value, ValueError)
    assert names(str(raised.value), START - timedelta(seconds=1))
    assert names(str(raised.value), START)
    assert lot.availability().free() == 2
    clock.advance(timedelta(seconds=1))
    receipt = lot.leave(ticket)
    assert receipt.duration == timedelta(0)


@pytest.mark.spec("Leaving at the very moment of entry is allowed.")
def test_leaving_at_the_very_moment_of_entry_is_allowed() -> None:
    lot = lot_with()
    ticket = lot.park(Vehicle("KA-1"))

    receipt = lot.leave(ticket)

    assert receipt.left_at == receipt.entered_at == START
    assert receipt.duration == timedelta(0)
    assert lot.availability().free() == 3


@pytest.mark.spec("no time costs nothing")
def test_a_stay_of_no_time_costs_nothing_by_the_hour() -> None:
    lot = lot_with(pricing=Hourly(RATE))
    ticket = lot.park(Vehicle("KA-1"))

    receipt = lot.leave(ticket)

    assert isinstance(receipt.amount, Decimal)
    assert receipt.amount == 0


@pytest.mark.spec("Free(): always zero, a Decimal. The default.")
def test_stays_are_free_by_default() -> None:
    clock = FakeClock()
    lot = lot_with(clock=clock)
    ticket = lot.park(Vehicle("KA-1"))
    clock.advance(timedelta(days=3))

    receipt = lot.leave(ticket)

    assert isinstance(receipt.amount, Decimal)
    assert receipt.amount == Decimal("0.00")


@pytest.mark.spec("Free(): always zero, a Decimal.")
def test_free_always_costs_zero() -> None:
    amount = Free().price(stay(timedelta(days=400), lost_ticket=True))

    assert isinstance(amount, Decimal)
    assert amount == 0


@pytest.mark.spec(
    "Hourly(rate): rate for every started hour, however long the stay (61 minutes cost two "
    "hours; no time costs nothing)."
)
@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        (timedelta(0), Decimal("0.00")),
        (timedelta(seconds=1), Decimal("2.50")),
        (timedelta(minutes=60), Decimal("2.50")),
        (timedelta(minutes=61), Decimal("5.00")),
        (timedelta(hours=3), Decimal("7.50")),
        (timedelta(hours=3, microseconds=1), Decimal("10.00")),
        (timedelta(days=2_000_000, microseconds=1), Decimal("120000002.50")),
    ],
    ids=[
        "no time",
        "1 second",
        "60 minutes",
        "61 minutes",
        "3 hours",
        "3 hours and 1 microsecond",
        "2 million days and 1 microsecond",
    ],
)
def test_hourly_charges_every_started_hour(duration: timedelta, expected: Decimal) -> None:
    amount = Hourly(RATE).price(stay(duration))

    assert isinstance(amount, Decimal)
    assert amount == expected


@pytest.mark.spec(
    "GracePeriod(period, then): stays of at most period are free; longer stays pay then's price "
    "for the whole stay."
)
@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        (timedelta(0), Decimal(0)),
        (timedelta(minutes=15), Decimal(0)),
        (timedelta(minutes=15, seconds=1), Decimal("2.50")),
        (timedelta(minutes=61), Decimal("5.00")),
    ],
    ids=["no stay", "exactly the period", "one second past", "whole stay is priced"],
)
def test_grace_period_is_free_then_the_whole_stay_is_priced(
    duration: timedelta, expected: Decimal
) -> None:
    policy = GracePeriod(timedelta(minutes=15), Hourly(RATE))

    assert policy.price(stay(duration)) == expected


@pytest.mark.spec(
    "and so does a grace period that is negative or not a timedelta",
    "a grace period that is negative or not a timedelta",
    "Messages name the offending value, as str() or repr() shows it.",
)
@pytest.mark.parametrize(
    "period", [timedelta(seconds=-1), 900], ids=["minus 1 second", "900 as a number"]
)
def test_grace_period_refuses_a_negative_or_untyped_period(period: object) -> None:
    with pytest.raises(InvalidValueError) as raised:
        GracePeriod(period, Hourly(RATE))  # type: ignore[arg-type]

    assert isinstance(raised.value, ValueError)
    assert names(str(raised.value), period)


@pytest.mark.spec("longer stays pay then's price for the whole stay.")
def test_grace_period_hands_the_whole_stay_to_the_wrapped_policy() -> None:
    inner = Recording()
    the_stay = stay(timedelta(minutes=40), lost_ticket=True, kind=BUS)

    amount = GracePeriod(timedelta(minutes=15), inner).price(the_stay)

    assert amount == Decimal("1.25")
    assert inner.stays == [the_stay]


@pytest.mark.spec(
    "DailyCap(cap, then): every whole 24 hours costs cap; the remainder costs then's price for "
    "the remainder, but never more than cap."
)
@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        (timedelta(0), Decimal(0)),
        (timedelta(hours=11), Decimal("27.50")),
        (timedelta(hours=12), Decimal("30.00")),
        (timedelta(hours=13), Decimal("30.00")),
        (timedelta(hours=24), Decimal("30.00")),
        (timedelta(hours=24, minutes=1), Decimal("32.50")),
        (timedelta(hours=47), Decimal("60.00")),
        (timedelta(hours=49), Decimal("62.50")),
    ],
    ids=[
        "no time",
        "11 hours",
        "12 hours reach the cap",
        "13 hours",
        "24 hours",
        "24 hours and 1 minute",
        "47 hours",
        "49 hours",
    ],
)
def test_daily_cap_charges_the_cap_per_whole_day_and_caps_the_rest(
    duration: timedelta, expected: Decimal
) -> None:
    policy = DailyCap(Decimal(30), Hourly(RATE))

    assert policy.price(stay(duration)) == expected


@pytest.mark.spec(
    "The remainder is the stay cut to its last duration % 24 hours, with the same kind, left_at "
    "and lost_ticket."
)
def test_daily_cap_prices_only_the_remainder_with_the_wrapped_policy() -> None:
    inner = Recording()

    the_stay = stay(timedelta(hours=49, minutes=5), kind=BUS, lost_ticket=True)

    amount = DailyCap(Decimal(30), inner).price(the_stay)

    assert amount == Decimal("61.25")
    assert [priced.duration for priced in inner.stays] == [timedelta(hours=1, minutes=5)]
    assert inner.stays[0].kind == BUS
    assert inner.stays[0].left_at == the_stay.left_at
    assert inner.stays[0].lost_ticket is True


@pytest.mark.spec(
    "LostTicketFee(fee, then): then's price for the same stay, plus fee when the ticket was lost."
)
@pytest.mark.parametrize(
    ("lost_ticket", "expected"),
    [(False, Decimal("5.00")), (True, Decimal("25.00"))],
    ids=["ticket kept", "ticket lost"],
)
def test_lost_ticket_fee_is_added_only_when_the_ticket_was_lost(
    *, lost_ticket: bool, expected: Decimal
) -> None:
    policy = LostTicketFee(Decimal(20), Hourly(RATE))

    assert policy.price(stay(timedelta(minutes=90), lost_ticket=lost_ticket)) == expected


def spec_pricing() -> PricingPolicy:
    return LostTicketFee(
        Decimal(20),
        GracePeriod(timedelta(minutes=15), DailyCap(Decimal(30), Hourly(RATE))),
    )


@pytest.mark.spec("Policies that ship, combined by wrapping:")
@pytest.mark.parametrize(
    ("duration", "lost_ticket", "expected"),
    [
        (timedelta(minutes=10), False, Decimal(0)),
        (timedelta(minutes=10), True, Decimal(20)),
        (timedelta(hours=3), False, Decimal("7.50")),
        (timedelta(hours=25), False, Decimal("32.50")),
        (timedelta(hours=25), True, Decimal("52.50")),
    ],
    ids=[
        "10 minutes, in the grace period",
        "10 minutes, ticket lost",
        "3 hours",
        "25 hours, capped",
        "25 hours, ticket lost",
    ],
)
def test_spec_example_policies_combine_by_wrapping(
    duration: timedelta, *, lost_ticket: bool, expected: Decimal
) -> None:
    clock = FakeClock()
    lot = lot_with(pricing=spec_pricing(), clock=clock)
    ticket = lot.park(Vehicle("KA-1"))
    clock.advance(duration)

    receipt = lot.leave_without_ticket("KA-1") if lost_ticket else lot.leave(ticket)

    assert receipt.amount == expected
    assert receipt.lost_ticket is lost_ticket


def money_policy(name: str, amount: Any) -> PricingPolicy:
    if name == "Hourly":
        return Hourly(amount)
    if name == "DailyCap":
        return DailyCap(amount, Free())
    return LostTicketFee(amount, Free())


@pytest.mark.spec(
    "A float, NaN or negative amount given to a policy raises InvalidValueError",
    "an amount that is a float, NaN or negative",
    "so callers can catch either",
    "Messages name the offending value, as str() or repr() shows it.",
)
@pytest.mark.parametrize("name", ["Hourly", "DailyCap", "LostTicketFee"])
@pytest.mark.parametrize(
    ("amount", "shown"),
    [(2.5, "2.5"), (Decimal("NaN"), "NaN"), (Decimal("-0.01"), "-0.01")],
    ids=["float", "NaN", "negative"],
)
def test_policies_refuse_amounts_that_are_not_money(name: str, amount: object, shown: str) -> None:
    with pytest.raises(InvalidValueError, match=re.escape(shown)) as raised:
        money_policy(name, amount)

    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, ParkingError)


@pytest.mark.spec("a zero amount and a zero grace period are allowed.")
@pytest.mark.parametrize("name", ["Hourly", "DailyCap", "LostTicketFee"])
def test_policies_accept_a_zero_amount(name: str) -> None:
    policy = money_policy(name, Decimal("0.00"))

    assert policy.price(stay(timedelta(days=2, hours=5), lost_ticket=True)) == Decimal(0)


@pytest.mark.spec("the policy of the vehicle kind's name.")
def test_by_vehicle_kind_uses_the_policy_of_the_kind_name() -> None:
    policy = by_kind({"car": Hourly(RATE), "bus": Hourly(Decimal(10)), "limousine": Free()})

    assert policy.price(stay(timedelta(hours=2))) == Decimal("5.00")
    assert policy.price(stay(timedelta(hours=2), kind=BUS)) == Decimal(20)
    assert policy.price(stay(timedelta(hours=2), kind=limousine())) == Decimal(0)


@pytest.mark.spec(
    "For a kind it has no policy for it raises UnpricedVehicleError, whose message names that kind",
    "the vehicle stays parked.",
    "ByVehicleKind has no policy for the vehicle's kind",
    "so callers can catch either",
)
def test_unpriced_kind_is_refused_and_the_vehicle_stays_parked() -> None:
    clock = FakeClock()
    lot = lot_with(pricing=by_kind({"car": Hourly(RATE)}), clock=clock)
    ticket = lot.park(Vehicle("M-1", MOTORCYCLE))
    clock.advance(timedelta(hours=1))

    with pytest.raises(UnpricedVehicleError, match=r"motorcycle.*priced kinds: car$") as raised:
        lot.leave(ticket)

    assert isinstance(raised.value, LookupError)
    assert isinstance(raised.value, ParkingError)
    assert lot.availability().free() == 2
    with pytest.raises(UnpricedVehicleError, match="motorcycle"):
        lot.leave_without_ticket("M-1")
    assert lot.availability().free() == 2


@pytest.mark.spec(
    "The lot takes a pricing policy: price(stay: Stay) -> Decimal",
    "receipt.amount is what the policy returns for the stay of the vehicle's kind from its "
    "ticket's entered_at to the receipt's left_at.",
)
def test_receipt_amount_is_what_the_pricing_policy_returns() -> None:
    clock = FakeClock()
    pricing = Recording()
    lot = lot_with(pricing=pricing, clock=clock)
    ticket = lot.park(Vehicle("LIMO-1", limousine()))
    clock.advance(timedelta(minutes=30))

    receipt = lot.leave(ticket)

    assert receipt.amount == Decimal("1.25")
    assert pricing.stays == [Stay(limousine(), START, START + timedelta(minutes=30))]


@pytest.mark.spec("A pricing policy written outside the package works without editing the lot.")
def test_a_pricing_policy_written_outside_the_package_works() -> None:
    clock = FakeClock()
    lot = lot_with(pricing=PerSpotPerStartedQuarter(), clock=clock)
    ticket = lot.park(Vehicle("LIMO-1", limousine()))
    clock.advance(timedelta(minutes=31))

    receipt = lot.leave(ticket)

    assert receipt.amount == Decimal("2.40")


@pytest.mark.spec(
    "lot.leave_without_ticket(plate) lets a vehicle out whose ticket was lost: the stay is "
    "priced with lost_ticket=True, and the receipt carries the vehicle's ticket and "
    "lost_ticket=True."
)
def test_leaving_without_a_ticket_prices_a_lost_ticket_and_frees_the_spot() -> None:
    clock = FakeClock()
    pricing = Recording()
    lot = lot_with(pricing=pricing, clock=clock)
    ticket = lot.park(Vehicle("KA-1"))
    clock.advance(timedelta(hours=2))

    receipt = lot.leave_without_ticket("KA-1")

    assert receipt.lost_ticket is True
    assert receipt.ticket == ticket
    assert receipt.left_at == START + timedelta(hours=2)
    assert pricing.stays == [Stay(CAR, START, START + timedelta(hours=2), lost_ticket=True)]
    assert lot.availability().free() == 3


@pytest.mark.spec("lot.leave(ticket) prices the stay with lost_ticket=False.")
def test_leaving_with_the_ticket_prices_a_stay_whose_ticket_is_not_lost() -> None:
    pricing = Recording()
    lot = lot_with(pricing=pricing)

    receipt = lot.leave(lot.park(Vehicle("KA-1")))

    assert receipt.lost_ticket is False
    assert [priced.lost_ticket for priced in pricing.stays] == [False]


@pytest.mark.spec(
    "An unknown plate raises UnknownVehicleError.",
    "leave_without_ticket for a plate that is not parked here; the message names the plate",
    "so callers can catch either",
    "no ticket number is used up",
)
def test_leaving_without_a_ticket_for_a_plate_not_parked_is_refused() -> None:
    lot = lot_with()
    lot.park(Vehicle("KA-1"))

    with pytest.raises(UnknownVehicleError, match="KA-404") as raised:
        lot.leave_without_ticket("KA-404")

    assert isinstance(raised.value, LookupError)
    assert isinstance(raised.value, ParkingError)
    assert lot.availability().free() == 2
    assert lot.park(Vehicle("KA-404")).number == 2


@pytest.mark.spec(
    "The lost ticket cannot be used afterwards: leave with it raises TicketAlreadyUsedError."
)
def test_a_lost_ticket_cannot_be_used_afterwards() -> None:
    lot = lot_with()
    ticket = lot.park(Vehicle("KA-1"))
    lot.leave_without_ticket("KA-1")

    with pytest.raises(TicketAlreadyUsedError, match=r"\b1\b"):
        lot.leave(ticket)

    with pytest.raises(UnknownVehicleError, match="KA-1"):
        lot.leave_without_ticket("KA-1")


@pytest.mark.spec("An unknown plate raises UnknownVehicleError.")
def test_a_vehicle_that_left_with_its_ticket_cannot_leave_without_one() -> None:
    lot = lot_with()
    lot.leave(lot.park(Vehicle("KA-1")))

    with pytest.raises(UnknownVehicleError, match="KA-1"):
        lot.leave_without_ticket("KA-1")


@pytest.mark.spec("lot.leave_without_ticket(plate) lets a vehicle out whose ticket was lost")
def test_leaving_without_a_ticket_frees_the_whole_run_of_a_bus() -> None:
    lot = lot_with(spots=5)
    lot.park(Vehicle("B-1", BUS))

    receipt = lot.leave_without_ticket("B-1")

    assert len(receipt.ticket.spots) == 5
    assert lot.availability().free() == 5


@pytest.mark.spec("ends with the priced kinds in alphabetical order")
def test_unpriced_kind_lists_every_priced_kind_in_order_or_none() -> None:
    the_stay = stay(timedelta(hours=1), kind=BUS)

    with pytest.raises(UnpricedVehicleError, match=r"\bbus\b.*priced kinds: car, van$"):
        by_kind({"van": Hourly(RATE), "car": Hourly(RATE)}).price(the_stay)
    with pytest.raises(UnpricedVehicleError, match=r"\bbus\b.*priced kinds: none$"):
        by_kind({}).price(the_stay)


@pytest.mark.spec("a zero amount and a zero grace period are allowed.")
def test_a_zero_grace_period_frees_only_a_zero_stay() -> None:
    policy = GracePeriod(timedelta(0), Hourly(RATE))

    assert policy.price(stay(timedelta(0))) == Decimal(0)
    assert policy.price(stay(timedelta(seconds=1))) == RATE


@pytest.mark.spec(
    "Amounts are decimal.Decimal and compared by value",
    "The policies that ship only add, compare and multiply by whole numbers, so their amounts "
    'are exact: three hours at Decimal("0.10") cost exactly Decimal("0.30").',
)
def test_amounts_are_exact_decimals_never_floats() -> None:
    """0.10 is not a binary fraction: arithmetic in float would be off in the last digits."""
    dime = Decimal("0.10")
    three_hours = stay(timedelta(hours=3))

    assert Hourly(dime).price(three_hours) == Decimal("0.30")
    assert DailyCap(dime, Hourly(dime)).price(stay(timedelta(days=3, hours=1))) == Decimal("0.40")
    assert LostTicketFee(dime, Hourly(Decimal("0.20"))).price(
        stay(timedelta(hours=1), lost_ticket=True)
    ) == Decimal("0.30")
    assert all(
        isinstance(policy.price(three_hours), Decimal)
        for policy in (Hourly(dime), DailyCap(dime, Free()), LostTicketFee(dime, Free()))
    )


@pytest.mark.spec("LostTicketFee(fee, then): then's price for the same stay")
def test_lost_ticket_fee_hands_the_same_stay_to_the_wrapped_policy() -> None:
    inner = Recording()
    the_stay = stay(timedelta(minutes=40), lost_ticket=True, kind=BUS)

    amount = LostTicketFee(Decimal(20), inner).price(the_stay)

    assert amount == Decimal("21.25")
    assert inner.stays == [the_stay]


@pytest.mark.spec(
    "It keeps a copy of the mapping it is given, so changing that mapping later changes no price."
)
def test_by_vehicle_kind_keeps_its_own_copy_of_the_prices() -> None:
    policies: dict[str, PricingPolicy] = {"car": Hourly(RATE)}
    policy = by_kind(policies)

    policies["car"] = Free()
    policies["bus"] = Free()

    assert policy.price(stay(timedelta(hours=2))) == Decimal("5.00")
    with pytest.raises(UnpricedVehicleError, match=r"priced kinds: car$"):
        policy.price(stay(timedelta(hours=2), kind=BUS))


@pytest.mark.spec(
    "no ticket the lot issued is equal to it, even when one has its number; the message names "
    "the number"
)
def test_a_ticket_equal_but_for_its_entry_time_is_unknown() -> None:
    """Another lot's ticket 1 for the same plate on the same spot, a minute later."""
    lot = lot_with()
    mine = lot.park(Vehicle("KA-1"))
    later = FakeClock()
    later.advance(timedelta(minutes=1))
    forged = lot_with(clock=later).park(Vehicle("KA-1"))
    assert (forged.number, forged.vehicle, forged.spots) == (mine.number, mine.vehicle, mine.spots)

    with pytest.raises(UnknownTicketError, match=r"\b1\b") as raised:
        lot.leave(forged)

    assert not isinstance(raised.value, TicketAlreadyUsedError)
    assert lot.availability().free() == 2


def parked_plate(clock: FakeClock) -> Callable[[], object]:
    lot = ParkingLot(Layout.single_row(2), clock=clock)
    lot.park(Vehicle("KA-1"))
    return lambda: lot.park(Vehicle("KA-1"))


def full_lot(clock: FakeClock) -> Callable[[], object]:
    lot = ParkingLot(Layout.single_row(1), clock=clock)
    lot.park(Vehicle("KA-1"))
    return lambda: lot.park(Vehicle("KA-2"))


def forged_ticket(clock: FakeClock) -> Callable[[], object]:
    lot = ParkingLot(Layout.single_row(1), clock=clock)
    forged = ParkingLot(Layout.single_row(1), clock=FakeClock()).park(Vehicle("KA-9"))
    return lambda: lot.leave(forged)


def used_ticket(clock: FakeClock) -> Callable[[], object]:
    lot = ParkingLot(Layout.single_row(1), clock=clock)
    ticket = lot.park(Vehicle("KA-1"))
    lot.leave(ticket)
    return lambda: lot.leave(ticket)


def unknown_plate(clock: FakeClock) -> Callable[[], object]:
    lot = ParkingLot(Layout.single_row(1), clock=clock)
    return lambda: lot.leave_without_ticket("KA-404")


@pytest.mark.spec(
    "When several refusals apply, park checks the plate first, then the clock, then looks for "
    "room; leave and leave_without_ticket check the ticket or the plate first, then the clock, "
    "then the price."
)
@pytest.mark.parametrize(
    ("scenario", "expected"),
    [
        (parked_plate, AlreadyParkedError),
        (full_lot, InvalidValueError),
        (forged_ticket, UnknownTicketError),
        (used_ticket, TicketAlreadyUsedError),
        (unknown_plate, UnknownVehicleError),
    ],
    ids=[
        "parked plate beats the clock",
        "the clock beats a full lot",
        "a forged ticket beats the clock",
        "a used ticket beats the clock",
        "an unknown plate beats the clock",
    ],
)
def test_when_two_refusals_apply_the_earlier_check_wins(
    scenario: Callable[[FakeClock], Callable[[], object]], expected: type[ParkingError]
) -> None:
    clock = SometimesNaiveClock()
    attempt = scenario(clock)
    clock.naive = True

    with pytest.raises(ParkingError) as raised:
        attempt()

    assert type(raised.value) is expected


@pytest.mark.spec("then the clock, then the price.")
def test_the_clock_is_checked_before_the_price() -> None:
    clock = FakeClock()
    lot = lot_with(pricing=by_kind({}), clock=clock)
    ticket = lot.park(Vehicle("KA-1"))
    clock.advance(timedelta(minutes=-1))

    with pytest.raises(InvalidValueError):
        lot.leave(ticket)
    with pytest.raises(InvalidValueError):
        lot.leave_without_ticket("KA-1")

    clock.advance(timedelta(minutes=2))
    with pytest.raises(UnpricedVehicleError):
        lot.leave(ticket)
