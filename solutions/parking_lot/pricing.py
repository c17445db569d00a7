"""Pricing policies (Strategy), combined by wrapping one another (Decorator)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from types import MappingProxyType
from typing import Protocol

import attrs

from parking_lot.errors import InvalidValueError, UnpricedVehicleError
from parking_lot.vehicles import VehicleKind

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
ZERO = Decimal("0.00")


def _money(_instance: object, attribute: attrs.Attribute[Decimal], value: object) -> None:
    # float would round 0.1 + 0.2 wrongly; money is Decimal only.
    if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
        raise InvalidValueError(f"{attribute.name} must be a non-negative Decimal, got {value!r}")


def _span(_instance: object, attribute: attrs.Attribute[timedelta], value: object) -> None:
    if not isinstance(value, timedelta) or value < timedelta(0):
        raise InvalidValueError(f"{attribute.name} must be a timedelta >= 0, got {value!r}")


def _copy(policies: Mapping[str, PricingPolicy]) -> Mapping[str, PricingPolicy]:
    # A private copy: the caller's dict may change later, the prices must not.
    return MappingProxyType(dict(policies))


@attrs.frozen
class Stay:
    """What a price depends on: who stayed, from when to when, and whether the ticket was lost."""

    kind: VehicleKind
    entered_at: datetime
    left_at: datetime
    lost_ticket: bool = False

    @property
    def duration(self) -> timedelta:
        """How long the vehicle stayed."""
        return self.left_at - self.entered_at

    def last(self, span: timedelta) -> Stay:
        """The same stay cut down to its final ``span``."""
        return attrs.evolve(self, entered_at=self.left_at - span)


class PricingPolicy(Protocol):
    """Turns a stay into an amount of money."""

    def price(self, stay: Stay) -> Decimal:
        """The amount due, never negative."""
        ...


@attrs.frozen
class Free:
    """Nothing to pay: the default, so the first steps need no pricing."""

    def price(self, stay: Stay) -> Decimal:  # noqa: ARG002 - every stay is free
        """Always zero."""
        return ZERO


@attrs.frozen
class Hourly:
    """``rate`` for every started hour."""

    rate: Decimal = attrs.field(validator=_money)

    def price(self, stay: Stay) -> Decimal:
        """Round the duration up to whole hours."""
        started_hours = -(-stay.duration // HOUR)
        return self.rate * started_hours


@attrs.frozen
class GracePeriod:
    """Stays no longer than ``period`` are free; longer ones pay what ``then`` says."""

    period: timedelta = attrs.field(validator=_span)
    then: PricingPolicy

    def price(self, stay: Stay) -> Decimal:
        """Zero inside the grace period."""
        return ZERO if stay.duration <= self.period else self.then.price(stay)


@attrs.frozen
class DailyCap:
    """No more than ``cap`` for each 24 hours: whole days cost ``cap``, the rest at most that."""

    cap: Decimal = attrs.field(validator=_money)
    then: PricingPolicy

    def price(self, stay: Stay) -> Decimal:
        """Whole days at the cap, plus the remainder priced by ``then`` and capped."""
        days, rest = divmod(stay.duration, DAY)
        return self.cap * days + min(self.cap, self.then.price(stay.last(rest)))


@attrs.frozen
class LostTicketFee:
    """Adds ``fee`` when the ticket was lost, on top of what ``then`` charges for the stay."""

    fee: Decimal = attrs.field(validator=_money)
    then: PricingPolicy

    def price(self, stay: Stay) -> Decimal:
        """The stay's price, plus the fee for a lost ticket."""
        return self.then.price(stay) + (self.fee if stay.lost_ticket else ZERO)


@attrs.frozen
class ByVehicleKind:
    """A policy per vehicle kind, by kind name; a kind without one is refused loudly."""

    policies: Mapping[str, PricingPolicy] = attrs.field(converter=_copy)

    def price(self, stay: Stay) -> Decimal:
        """Delegate to the kind's policy."""
        policy = self.policies.get(stay.kind.name)
        if policy is None:
            known = ", ".join(sorted(self.policies)) or "none"
            raise UnpricedVehicleError(
                f"no price for vehicle kind {stay.kind.name!r}; priced kinds: {known}"
            )
        return policy.price(stay)
