"""The parking lot, its events and display boards (steps 1, 5 and 7)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import attrs

from parking_lot.model import Layout, Receipt, SpotSize, Ticket, Vehicle

if TYPE_CHECKING:
    from parking_lot.policies import AllocationPolicy, PricingPolicy

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The machine's time, timezone-aware: the lot's clock when none is given."""
    return datetime.now(UTC)


class Availability:
    """Free spots per level and size at one moment."""

    def free(self, size: SpotSize | None = None, level: int | None = None) -> int:
        """Free spots of ``size`` (any if None) on ``level`` (all if None)."""
        raise NotImplementedError

    def is_full(self, level: int | None = None) -> bool:
        """No free spot at all, on ``level`` or anywhere."""
        raise NotImplementedError


@attrs.frozen
class VehicleParked:
    """A vehicle took its spots; ``availability`` is after the change."""

    ticket: Ticket
    availability: Availability


@attrs.frozen
class VehicleLeft:
    """A vehicle left; ``availability`` is after the change."""

    receipt: Receipt
    availability: Availability


LotEvent = VehicleParked | VehicleLeft


class ParkingLot:
    """Parks vehicles and lets them leave."""

    def __init__(
        self,
        layout: Layout,
        *,
        allocation: AllocationPolicy | None = None,
        pricing: PricingPolicy | None = None,
        clock: Clock = system_clock,
    ) -> None:
        raise NotImplementedError

    @property
    def capacity(self) -> int:
        """Number of spots."""
        raise NotImplementedError

    def park(self, vehicle: Vehicle) -> Ticket:
        """Give ``vehicle`` a spot (or a run of spots) and a ticket."""
        raise NotImplementedError

    def leave(self, ticket: Ticket) -> Receipt:
        """Let the ticket's vehicle out and charge for the stay."""
        raise NotImplementedError

    def leave_without_ticket(self, plate: str) -> Receipt:
        """Let a vehicle whose ticket was lost out; the stay is priced with ``lost_ticket=True``."""
        raise NotImplementedError

    def availability(self) -> Availability:
        """Free spots per level and size, now: a snapshot that later changes leave alone."""
        raise NotImplementedError

    def subscribe(self, listener: Callable[[LotEvent], None]) -> Callable[[], None]:
        """Call ``listener`` with every later event; returns the function that unsubscribes."""
        raise NotImplementedError


class DisplayBoard:
    """Shows free spots per size and a FULL sign for one level, or the whole lot."""

    @classmethod
    def attach(cls, lot: ParkingLot, level: int | None = None) -> DisplayBoard:
        """A board kept current by the lot's events until ``detach``."""
        raise NotImplementedError

    def detach(self) -> None:
        """Stop listening (detaching again is harmless); keep showing what it last knew."""
        raise NotImplementedError

    def free(self, size: SpotSize) -> int:
        """Free spots of ``size`` on this board's level."""
        raise NotImplementedError

    @property
    def full(self) -> bool:
        """Whether the FULL sign is lit: no free spot of any size."""
        raise NotImplementedError

    def text(self) -> str:
        """What the board displays."""
        raise NotImplementedError
