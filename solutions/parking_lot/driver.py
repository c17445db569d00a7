"""The interview driver over the reference design: plain values in, domain objects inside.

An adapter: it reads the interview's layout text and names into the domain's ``Layout``,
kinds and sizes, and hands back the design's own ``ParkingLot``, ``Ticket`` and
``DisplayBoard`` as the opaque handles the suite passes back. The domain's errors already
carry the names the contract gives, so they pass through unchanged; only the words of the
interview that the domain does not know (a letter, a size word) are refused here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parking_lot import (
    DisplayBoard,
    Hourly,
    InvalidValueError,
    Layout,
    LayoutError,
    ParkingLot,
    SpotSize,
    Vehicle,
    vehicle_kind,
)
from parking_lot.weekend import WeekendTariff

if TYPE_CHECKING:
    from decimal import Decimal

    from parking_lot import Clock, PricingPolicy, Ticket

LETTERS = {size.name[0]: size for size in SpotSize}  # S, C, L
SIZES = {size.name.lower(): size for size in SpotSize}  # small, compact, large


def build(layout: str, hourly_rate: Decimal, clock: Clock) -> ParkingLot:
    """A lot of the layout's levels that charges ``hourly_rate`` per started hour."""
    return _lot(layout, Hourly(hourly_rate), clock)


def park(lot: ParkingLot, plate: str, kind: str) -> Ticket:
    """Park a vehicle of the kind named ``kind``; its ticket."""
    return lot.park(Vehicle(plate, vehicle_kind(kind)))


def leave(lot: ParkingLot, ticket: Ticket) -> Decimal:
    """Let the ticket's vehicle out; the amount due."""
    return lot.leave(ticket).amount


def free_spots(lot: ParkingLot, level: int, size: str) -> int:
    """Free spots of the size named ``size`` on ``level``."""
    if size not in SIZES:
        raise InvalidValueError(f"unknown spot size {size!r}; use {', '.join(SIZES)}")
    return lot.availability().free(SIZES[size], level)


def build_with_weekend_rate(
    layout: str, weekday_rate: Decimal, weekend_rate: Decimal, clock: Clock
) -> ParkingLot:
    """A lot like ``build``'s whose stays begun on a Saturday or Sunday pay ``weekend_rate``."""
    return _lot(layout, WeekendTariff(Hourly(weekday_rate), Hourly(weekend_rate)), clock)


def add_board(lot: ParkingLot, level: int | None) -> DisplayBoard:
    """A board for ``level`` (the whole lot when None), kept in step with the lot."""
    return DisplayBoard.attach(lot, level)


def board_text(board: DisplayBoard) -> str:
    """What the board shows."""
    return board.text()


def unplug_board(board: DisplayBoard) -> None:
    """Stop the board's updates; it keeps its last text."""
    board.detach()


def _lot(layout: str, pricing: PricingPolicy, clock: Clock) -> ParkingLot:
    return ParkingLot(_layout(layout), pricing=pricing, clock=clock)


def _layout(text: str) -> Layout:
    """One level per non-blank line, one spot per letter; a level is one row of the domain."""
    levels = []
    for number, line in enumerate(text.splitlines(), start=1):
        letters = "".join(line.split())
        if letters:
            levels.append([[_size(letter, number) for letter in letters]])
    return Layout.of(levels)


def _size(letter: str, line: int) -> SpotSize:
    if letter not in LETTERS:
        raise LayoutError(f"unknown spot letter {letter!r}; use {', '.join(LETTERS)}", line)
    return LETTERS[letter]
