"""The interview driver: the only door the interview suite uses into your design.

Write your own classes first, in modules of your own beside this one; then fill in these
functions so each one translates plain values into your design and back (an adapter).
INTERVIEW.md's "Driver contract" says what each takes, returns and raises. The handles
(a lot, a ticket, a board) are whatever your design returns: the suite only passes them
back. The last four functions belong to the change requests; leave them until asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime
    from decimal import Decimal


def build(layout: str, hourly_rate: Decimal, clock: Callable[[], datetime]) -> object:
    """A lot of the layout's levels that charges ``hourly_rate`` per started hour.

    Raises ``LayoutError`` for a bad layout, ``InvalidValueError`` for a bad rate.
    """
    raise NotImplementedError


def park(lot: object, plate: str, kind: str) -> object:
    """Park a vehicle of ``kind`` (motorcycle, car, van; a bus from change request 3); its ticket.

    Raises ``InvalidValueError``, ``UnknownVehicleKindError``, ``AlreadyParkedError`` or
    ``LotFullError``.
    """
    raise NotImplementedError


def leave(lot: object, ticket: object) -> Decimal:
    """Let the ticket's vehicle out; the amount due.

    Raises ``UnknownTicketError`` or ``TicketAlreadyUsedError``.
    """
    raise NotImplementedError


def free_spots(lot: object, level: int, size: str) -> int:
    """Free spots of ``size`` (small, compact, large) on ``level``.

    Raises ``InvalidValueError`` for another size word.
    """
    raise NotImplementedError


def build_with_weekend_rate(
    layout: str, weekday_rate: Decimal, weekend_rate: Decimal, clock: Callable[[], datetime]
) -> object:
    """Change request 1: a lot like ``build``'s with a weekday and a weekend hourly rate."""
    raise NotImplementedError


def add_board(lot: object, level: int | None) -> object:
    """Change request 2: a display board for ``level``, or for the whole lot when None."""
    raise NotImplementedError


def board_text(board: object) -> str:
    """Change request 2: what the board shows."""
    raise NotImplementedError


def unplug_board(board: object) -> None:
    """Change request 2: stop the board's updates; it keeps showing its last text."""
    raise NotImplementedError
