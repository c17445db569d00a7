"""Display boards: observers that show free spots per size and a FULL sign."""

from __future__ import annotations

from typing import TYPE_CHECKING

from parking_lot.vehicles import SpotSize

if TYPE_CHECKING:
    from parking_lot.events import LotEvent
    from parking_lot.lot import ParkingLot


class DisplayBoard:
    """Shows one level (or the whole lot when ``level`` is None), kept current by events."""

    def __init__(self, lot: ParkingLot, level: int | None = None) -> None:
        """Show ``lot`` now and subscribe to its changes; ``attach`` says the same by name."""
        self.level = level
        # Subscribe first: a change at another gate in between then reaches the board, and
        # the availability read next is at least as new as anything it has heard.
        self._unsubscribe = lot.subscribe(self.on_event)
        self._availability = lot.availability()

    @classmethod
    def attach(cls, lot: ParkingLot, level: int | None = None) -> DisplayBoard:
        """A board showing ``lot`` now and after every change, until ``detach``."""
        return cls(lot, level)

    def detach(self) -> None:
        """Stop listening; the board keeps showing what it last knew (idempotent)."""
        self._unsubscribe()

    def on_event(self, event: LotEvent) -> None:
        """Every event carries the availability after it; keep the latest."""
        self._availability = event.availability

    def free(self, size: SpotSize) -> int:
        """Free spots of ``size`` on this board's level."""
        return self._availability.free(size, self.level)

    @property
    def full(self) -> bool:
        """Whether the FULL sign is lit: no free spot of any size."""
        return self._availability.is_full(self.level)

    def text(self) -> str:
        """What the board displays, e.g. ``Level 0: small 2, compact 0, large 1``."""
        where = "All levels" if self.level is None else f"Level {self.level}"
        if self.full:
            return f"{where}: FULL"
        counts = ", ".join(f"{size.name.lower()} {self.free(size)}" for size in SpotSize)
        return f"{where}: {counts}"
