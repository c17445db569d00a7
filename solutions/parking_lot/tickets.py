"""What the lot hands out: a ticket on entry and a receipt on exit."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from parking_lot.spots import Spot
from parking_lot.vehicles import Vehicle

if TYPE_CHECKING:
    from datetime import timedelta


@attrs.frozen
class Ticket:
    """Proof of entry: a number unique in its lot, the vehicle, its spots and the entry time."""

    number: int
    vehicle: Vehicle
    spots: tuple[Spot, ...]
    entered_at: datetime


@attrs.frozen
class Receipt:
    """Proof of payment on exit."""

    ticket: Ticket
    left_at: datetime
    amount: Decimal
    lost_ticket: bool = False

    @property
    def entered_at(self) -> datetime:
        """When the vehicle came in."""
        return self.ticket.entered_at

    @property
    def duration(self) -> timedelta:
        """How long it stayed."""
        return self.left_at - self.ticket.entered_at
