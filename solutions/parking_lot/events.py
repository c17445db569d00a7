"""What the lot announces (Observer): events, the availability they carry, and subscribers."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

import attrs

from parking_lot.tickets import Receipt, Ticket
from parking_lot.vehicles import SpotSize

log = logging.getLogger("parking_lot")


@attrs.frozen
class Availability:
    """Free spots per (level, size) at one moment; levels are numbered from 0."""

    counts: Mapping[tuple[int, SpotSize], int]

    def free(self, size: SpotSize | None = None, level: int | None = None) -> int:
        """Free spots of ``size`` (any size if None) on ``level`` (all levels if None)."""
        return sum(
            count
            for (at, spot_size), count in self.counts.items()
            if (level is None or at == level) and (size is None or spot_size == size)
        )

    def is_full(self, level: int | None = None) -> bool:
        """No free spot at all, on ``level`` or anywhere."""
        return self.free(level=level) == 0


@attrs.frozen
class VehicleParked:
    """A vehicle took its spots."""

    ticket: Ticket
    availability: Availability


@attrs.frozen
class VehicleLeft:
    """A vehicle left and its spots are free again."""

    receipt: Receipt
    availability: Availability


LotEvent = VehicleParked | VehicleLeft
Listener = Callable[[LotEvent], None]


class Subscribers:
    """The listener list of one subject; never shared between subjects."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def __bool__(self) -> bool:
        return bool(self._listeners)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add ``listener``; the returned callable removes it (calling it twice is harmless)."""
        entry = _Entry(listener)
        self._listeners.append(entry)

        def unsubscribe() -> None:
            if entry in self._listeners:
                self._listeners.remove(entry)

        return unsubscribe

    def notify(self, event: LotEvent) -> None:
        """Tell every listener; one that raises is logged and the others still hear."""
        for listener in list(self._listeners):  # a listener may unsubscribe while notified
            try:
                listener(event)
            except Exception:
                log.exception("listener %r failed on %r", listener, event)


@attrs.define(eq=False)
class _Entry:
    """Wraps a listener so the same callable subscribed twice is two subscriptions."""

    listener: Listener

    def __call__(self, event: LotEvent) -> None:
        self.listener(event)
