"""Helpers shared by the parking-lot acceptance tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from parking_lot import ByVehicleKind, LotEvent, SpotSize, VehicleKind

if TYPE_CHECKING:
    from collections.abc import Mapping

    from parking_lot import PricingPolicy


def names(message: str, value: object) -> bool:
    """Whether ``message`` names ``value`` as the spec allows: as ``str()`` or ``repr()``."""
    return str(value) in message or repr(value) in message


def limousine() -> VehicleKind:
    """A kind defined outside the package: two large spots."""
    return VehicleKind("limousine", SpotSize.LARGE, spots=2)


def minibus() -> VehicleKind:
    """A kind defined outside the package: two spots, compact or larger."""
    return VehicleKind("minibus", SpotSize.COMPACT, spots=2)


def by_kind(policies: Mapping[str, PricingPolicy]) -> ByVehicleKind:
    """``ByVehicleKind`` over ``policies``, typed for the tests."""
    return ByVehicleKind(policies)


class Recorder:
    """A listener object that keeps what it hears."""

    def __init__(self) -> None:
        self.events: list[LotEvent] = []

    def __call__(self, event: LotEvent) -> None:
        """Hear one event."""
        self.events.append(event)
