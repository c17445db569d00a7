"""Allocation and pricing policies (steps 3 and 4)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

import attrs

from parking_lot.model import VehicleKind

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from decimal import Decimal


@attrs.frozen
class LevelVacancy:
    """A level with room for the vehicle, and how many fitting spots it has free."""

    level: int
    free: int


class AllocationPolicy(Protocol):
    """Chooses the level a vehicle goes to."""

    def choose_level(self, candidates: Sequence[LevelVacancy]) -> int:
        """Return the ``level`` of one of ``candidates`` (never empty)."""
        ...


class LowestLevelFirst:
    """The lowest level with room."""

    def choose_level(self, candidates: Sequence[LevelVacancy]) -> int:
        """See the spec, step 3."""
        raise NotImplementedError


class SpreadAcrossLevels:
    """The level with the most fitting spots free; the lower on a tie."""

    def choose_level(self, candidates: Sequence[LevelVacancy]) -> int:
        """See the spec, step 3."""
        raise NotImplementedError


class NearestToEntrance:
    """The level fewest ramps from ``entrance_level``; the lower on a tie."""

    def __init__(self, entrance_level: int = 0) -> None:
        raise NotImplementedError

    def choose_level(self, candidates: Sequence[LevelVacancy]) -> int:
        """See the spec, step 3."""
        raise NotImplementedError


@attrs.frozen
class Stay:
    """What a price depends on; a value, equal to another stay when every field is."""

    kind: VehicleKind
    entered_at: datetime
    left_at: datetime
    lost_ticket: bool = False

    @property
    def duration(self) -> timedelta:
        """How long the vehicle stayed."""
        raise NotImplementedError


class PricingPolicy(Protocol):
    """Turns a stay into an amount of money."""

    def price(self, stay: Stay) -> Decimal:
        """The amount due, never negative."""
        ...


class Free:
    """Nothing to pay: always a ``Decimal`` zero."""

    def price(self, stay: Stay) -> Decimal:
        """See the spec, step 4."""
        raise NotImplementedError


class Hourly:
    """``rate`` for every started hour."""

    def __init__(self, rate: Decimal) -> None:
        raise NotImplementedError

    def price(self, stay: Stay) -> Decimal:
        """See the spec, step 4."""
        raise NotImplementedError


class GracePeriod:
    """Stays no longer than ``period`` are free; longer ones pay what ``then`` says."""

    def __init__(self, period: timedelta, then: PricingPolicy) -> None:
        raise NotImplementedError

    def price(self, stay: Stay) -> Decimal:
        """See the spec, step 4."""
        raise NotImplementedError


class DailyCap:
    """Every whole 24 hours costs ``cap``; the remainder what ``then`` says, at most ``cap``."""

    def __init__(self, cap: Decimal, then: PricingPolicy) -> None:
        raise NotImplementedError

    def price(self, stay: Stay) -> Decimal:
        """See the spec, step 4."""
        raise NotImplementedError


class LostTicketFee:
    """What ``then`` charges for the stay, plus ``fee`` when the ticket was lost."""

    def __init__(self, fee: Decimal, then: PricingPolicy) -> None:
        raise NotImplementedError

    def price(self, stay: Stay) -> Decimal:
        """See the spec, step 4."""
        raise NotImplementedError


class ByVehicleKind:
    """A policy per vehicle kind name, from a copy of the mapping it is given."""

    def __init__(self, policies: Mapping[str, PricingPolicy]) -> None:
        raise NotImplementedError

    def price(self, stay: Stay) -> Decimal:
        """See the spec, step 4."""
        raise NotImplementedError
