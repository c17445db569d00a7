"""The parking lot: it composes spots, an allocation policy, pricing, a clock and listeners."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import TYPE_CHECKING

from parking_lot.allocation import AllocationPolicy, LevelVacancy, LowestLevelFirst
from parking_lot.clock import Clock, system_clock
from parking_lot.errors import (
    AlreadyParkedError,
    InvalidValueError,
    LotFullError,
    TicketAlreadyUsedError,
    UnknownTicketError,
    UnknownVehicleError,
)
from parking_lot.events import Availability, Listener, Subscribers, VehicleLeft, VehicleParked
from parking_lot.pricing import Free, PricingPolicy, Stay
from parking_lot.spots import FreeSpots, Spot
from parking_lot.tickets import Receipt, Ticket
from parking_lot.vehicles import SpotSize, Vehicle

if TYPE_CHECKING:
    from collections.abc import Callable

    from parking_lot.layout import Layout


class ParkingLot:
    """Parks vehicles and lets them leave; safe to call from many gates (threads) at once.

    Collaborators come in through the constructor (dependency inversion), so a test or a
    composition root decides the policy, the prices and the time; nothing here is global.
    """

    def __init__(
        self,
        layout: Layout,
        *,
        allocation: AllocationPolicy | None = None,
        pricing: PricingPolicy | None = None,
        clock: Clock = system_clock,
    ) -> None:
        self.capacity = layout.capacity
        self._spots = FreeSpots(layout)
        self._allocation = allocation or LowestLevelFirst()
        self._pricing = pricing or Free()
        self._clock = clock
        self._tickets: dict[int, Ticket] = {}  # by number: the vehicles inside
        self._by_plate: dict[str, Ticket] = {}
        self._used: dict[int, Ticket] = {}  # kept to tell a used ticket from a forged one
        self._next_number = 1
        self._subscribers = Subscribers()
        # Re-entrant so a listener, called while the lock is held, may query the lot.
        self._lock = threading.RLock()

    def park(self, vehicle: Vehicle) -> Ticket:
        """Give ``vehicle`` the best spot(s) for it and a ticket; O(levels + log n)."""
        with self._lock:
            if vehicle.plate in self._by_plate:
                raise AlreadyParkedError(f"vehicle {vehicle.plate!r} is parked already")
            entered_at = self._now()
            spots = self._allocate(vehicle)
            ticket = Ticket(self._next_number, vehicle, spots, entered_at)
            self._spots.take(spots)
            self._next_number += 1
            self._tickets[ticket.number] = ticket
            self._by_plate[vehicle.plate] = ticket
            if self._subscribers:
                self._subscribers.notify(VehicleParked(ticket, self.availability()))
            return ticket

    def leave(self, ticket: Ticket) -> Receipt:
        """Let the ticket's vehicle out, free its spots and charge for the stay."""
        with self._lock:
            if self._tickets.get(ticket.number) != ticket:
                if self._used.get(ticket.number) == ticket:
                    raise TicketAlreadyUsedError(f"ticket {ticket.number} was used already")
                raise UnknownTicketError(f"ticket {ticket.number} was not issued by this lot")
            return self._release(ticket, lost_ticket=False)

    def leave_without_ticket(self, plate: str) -> Receipt:
        """Let a vehicle whose ticket was lost out; pricing sees ``lost_ticket=True``."""
        with self._lock:
            ticket = self._by_plate.get(plate)
            if ticket is None:
                raise UnknownVehicleError(f"no vehicle with plate {plate!r} is parked here")
            return self._release(ticket, lost_ticket=True)

    def availability(self) -> Availability:
        """Free spots per level and size, now; O(levels x sizes)."""
        with self._lock:
            return Availability(self._spots.counts())

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with every later event; returns the function that unsubscribes."""
        with self._lock:
            return self._subscribers.subscribe(listener)

    def _allocate(self, vehicle: Vehicle) -> tuple[Spot, ...]:
        kind = vehicle.kind
        if kind.spots > 1:
            runs = self._spots.runs(kind)
            if runs:
                fitting = self._spots.vacancies(kind.size, or_larger=True)
                return runs[self._choose([vacancy for vacancy in fitting if vacancy.level in runs])]
        else:
            # The smallest size that fits and is free wins; the policy only picks the level.
            for size in SpotSize:
                if size >= kind.size and (vacancies := self._spots.vacancies(size)):
                    return (self._spots.first(self._choose(vacancies), size),)
        raise LotFullError(f"no free spot fits {kind.name} {vehicle.plate!r}")

    def _choose(self, candidates: list[LevelVacancy]) -> int:
        # Typed as object: a policy from outside may return anything, and must be refused.
        level: object = self._allocation.choose_level(candidates)
        offered = [candidate.level for candidate in candidates]
        if not isinstance(level, int) or level not in offered:
            raise InvalidValueError(
                f"allocation policy chose level {level!r}, not one of {offered}"
            )
        return level

    def _release(self, ticket: Ticket, *, lost_ticket: bool) -> Receipt:
        left_at = self._now()
        if left_at < ticket.entered_at:
            raise InvalidValueError(
                f"clock went back: left at {left_at} before entry at {ticket.entered_at}"
            )
        stay = Stay(ticket.vehicle.kind, ticket.entered_at, left_at, lost_ticket=lost_ticket)
        receipt = Receipt(ticket, left_at, self._pricing.price(stay), lost_ticket)
        del self._tickets[ticket.number]
        self._used[ticket.number] = ticket
        del self._by_plate[ticket.vehicle.plate]
        self._spots.release(ticket.spots)
        if self._subscribers:
            self._subscribers.notify(VehicleLeft(receipt, self.availability()))
        return receipt

    def _now(self) -> datetime:
        now: object = self._clock()
        if not isinstance(now, datetime) or now.tzinfo is None:
            raise InvalidValueError(f"the clock must return an aware datetime, got {now!r}")
        return now
