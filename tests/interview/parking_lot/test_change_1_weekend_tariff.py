from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from parking_lot.driver import build, build_with_weekend_rate, leave, park

from tests.interview.parking_lot.support import free_by_level
from tests.interview.support import raises_named
from tests.support import FakeClock

pytestmark = [
    pytest.mark.interview("weekend-tariff"),
    pytest.mark.spec(
        '"The owner wants to charge differently at weekends: stays that begin on a Saturday or a '
        'Sunday pay a weekend rate."',
        "Each change request adds the functions it needs, given in its own section.",
        "The handles (a lot, a ticket, and later a board) are whatever your design returns",
    ),
]

WEEKDAY, WEEKEND = Decimal("2.50"), Decimal("4.00")
FRIDAY, SATURDAY, SUNDAY, MONDAY = (datetime(2026, 3, day, tzinfo=UTC) for day in (6, 7, 8, 9))


def amount_for(entered_at: datetime, stay: timedelta, weekend_rate: Decimal = WEEKEND) -> Decimal:
    """What a car that entered at ``entered_at`` and stayed ``stay`` pays."""
    clock = FakeClock(entered_at)
    lot = build_with_weekend_rate("C", WEEKDAY, weekend_rate, clock)
    ticket = park(lot, "KA-1", "car")
    clock.advance(stay)
    return leave(lot, ticket)


@pytest.mark.spec(
    "build_with_weekend_rate(layout: str, weekday_rate: Decimal, weekend_rate: Decimal, clock) -> "
    "lot builds a lot as build does, except for the tariff.",
    "A stay that begins on a Saturday or a Sunday costs weekend_rate for every started hour",
)
@pytest.mark.parametrize(
    ("entered_at", "stay", "hours"),
    [
        (SATURDAY + timedelta(hours=10), timedelta(hours=2), 2),
        (SATURDAY + timedelta(hours=10), timedelta(minutes=61), 2),
        (SUNDAY + timedelta(hours=18), timedelta(minutes=5), 1),
        (SUNDAY + timedelta(hours=18), timedelta(0), 0),
    ],
    ids=["Saturday, 2 hours", "Saturday, 61 minutes", "Sunday, 5 minutes", "Sunday, no time"],
)
def test_a_stay_begun_at_the_weekend_pays_the_weekend_rate(
    entered_at: datetime, stay: timedelta, hours: int
) -> None:
    amount = amount_for(entered_at, stay)

    assert amount == WEEKEND * hours


@pytest.mark.spec("any other stay costs weekday_rate for every started hour")
@pytest.mark.parametrize(
    "day", range(2, 7), ids=["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
)
def test_a_stay_begun_on_a_weekday_pays_the_weekday_rate(day: int) -> None:
    entered_at = datetime(2026, 3, day, 12, tzinfo=UTC)

    amount = amount_for(entered_at, timedelta(minutes=90))

    assert amount == WEEKDAY * 2


@pytest.mark.spec(
    "The day is the one the entry time falls on",
    "A stay from Friday 23:30 to Saturday 01:30 is a weekday stay of two hours, and one from "
    "Sunday 23:30 to Monday 01:00 is a weekend stay of two hours.",
)
@pytest.mark.parametrize(
    ("entered_at", "stay", "expected"),
    [
        (SATURDAY - timedelta(minutes=30), timedelta(hours=2), WEEKDAY * 2),
        (MONDAY - timedelta(minutes=30), timedelta(minutes=90), WEEKEND * 2),
        (SATURDAY - timedelta(seconds=1), timedelta(hours=1), WEEKDAY),
        (SATURDAY, timedelta(hours=1), WEEKEND),
        (MONDAY - timedelta(seconds=1), timedelta(hours=1), WEEKEND),
        (MONDAY, timedelta(hours=1), WEEKDAY),
        (FRIDAY, timedelta(days=3), WEEKDAY * 72),
    ],
    ids=[
        "Friday 23:30 to Saturday 01:30",
        "Sunday 23:30 to Monday 01:00",
        "Friday 23:59:59",
        "Saturday 00:00",
        "Sunday 23:59:59",
        "Monday 00:00",
        "Friday to Monday",
    ],
)
def test_the_day_the_stay_began_decides_the_rate(
    entered_at: datetime, stay: timedelta, expected: Decimal
) -> None:
    amount = amount_for(entered_at, stay)

    assert amount == expected


@pytest.mark.spec("in the time zone of the clock's datetime")
@pytest.mark.parametrize(
    ("entered_at", "expected"),
    [
        (datetime(2026, 3, 6, 21, tzinfo=timezone(-timedelta(hours=5))), WEEKDAY),
        (datetime(2026, 3, 7, 1, tzinfo=timezone(timedelta(hours=9))), WEEKEND),
    ],
    ids=[
        "Friday 21:00 at UTC-5, Saturday in UTC",
        "Saturday 01:00 at UTC+9, Friday in UTC",
    ],
)
def test_the_day_is_read_in_the_clocks_time_zone(entered_at: datetime, expected: Decimal) -> None:
    amount = amount_for(entered_at, timedelta(minutes=30))

    assert amount == expected


@pytest.mark.spec("Both rates are refused as requirement 7 refuses the hourly rate.")
@pytest.mark.parametrize(
    ("weekday_rate", "weekend_rate", "named"),
    [
        (Decimal(-1), WEEKEND, "-1"),
        (WEEKDAY, Decimal("-0.50"), "-0.50"),
        (WEEKDAY, Decimal("NaN"), "NaN"),
        (4.0, WEEKEND, "4.0"),
    ],
    ids=[
        "a negative weekday rate",
        "a negative weekend rate",
        "a weekend rate that is not a number",
        "a float weekday rate",
    ],
)
def test_a_bad_rate_is_refused_naming_it(weekday_rate: Any, weekend_rate: Any, named: str) -> None:
    with raises_named("InvalidValueError", naming=named):
        build_with_weekend_rate("C", weekday_rate, weekend_rate, FakeClock())


@pytest.mark.spec("Both rates are refused as requirement 7 refuses the hourly rate.")
def test_a_free_weekend_is_allowed() -> None:
    amount = amount_for(SATURDAY, timedelta(hours=5), weekend_rate=Decimal(0))

    assert amount == 0


@pytest.mark.spec("builds a lot as build does, except for the tariff")
def test_the_weekend_lot_parks_as_a_core_lot_does() -> None:
    lot = build_with_weekend_rate("L C\nS", WEEKDAY, WEEKEND, FakeClock(SATURDAY))

    park(lot, "M-1", "motorcycle")
    park(lot, "KA-1", "car")

    assert free_by_level(lot, 2) == [(0, 0, 1), (0, 0, 0)]
    park(lot, "V-1", "van")
    with raises_named("LotFullError", naming="KA-2"):
        park(lot, "KA-2", "car")


@pytest.mark.spec("builds a lot as build does, except for the tariff")
def test_the_weekend_lot_refuses_a_bad_layout_as_build_does() -> None:
    with raises_named("LayoutError", naming="X"):
        build_with_weekend_rate("CX", WEEKDAY, WEEKEND, FakeClock())


@pytest.mark.spec("A lot made by build keeps its one rate on every day of the week.")
@pytest.mark.parametrize(
    "entered_at", [FRIDAY, SATURDAY, SUNDAY], ids=["Friday", "Saturday", "Sunday"]
)
def test_a_lot_made_by_build_keeps_one_rate(entered_at: datetime) -> None:
    clock = FakeClock(entered_at)
    lot = build("C", WEEKDAY, clock)
    ticket = park(lot, "KA-1", "car")
    clock.advance(timedelta(hours=3))

    amount = leave(lot, ticket)

    assert amount == WEEKDAY * 3
