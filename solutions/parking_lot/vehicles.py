"""Vehicles, their kinds and spot sizes; ``vehicle_kind`` is the factory for standard kinds."""

from __future__ import annotations

import enum
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from parking_lot.errors import InvalidValueError, UnknownVehicleKindError

if TYPE_CHECKING:
    from collections.abc import Mapping


class SpotSize(enum.IntEnum):
    """Spot sizes, ordered: a vehicle fits its own size and every larger one."""

    SMALL = 1
    COMPACT = 2
    LARGE = 3


def _positive(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 1:
        raise InvalidValueError(f"{attribute.name} must be at least 1, got {value!r}")


def _name(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise InvalidValueError(f"{attribute.name} must not be blank, got {value!r}")


@attrs.frozen
class VehicleKind:
    """What a vehicle needs: ``spots`` consecutive spots in one row, each at least ``size``.

    Kinds are data, not subclasses: a new kind needs no new code (open/closed).
    """

    name: str = attrs.field(validator=_name)
    size: SpotSize
    spots: int = attrs.field(default=1, validator=_positive)


MOTORCYCLE = VehicleKind("motorcycle", SpotSize.SMALL)
CAR = VehicleKind("car", SpotSize.COMPACT)
VAN = VehicleKind("van", SpotSize.LARGE)
BUS = VehicleKind("bus", SpotSize.LARGE, spots=5)


# A read-only view of a dict nobody else holds: shared by every caller, changed by none.
STANDARD_KINDS: Mapping[str, VehicleKind] = MappingProxyType(
    {kind.name: kind for kind in (MOTORCYCLE, CAR, VAN, BUS)}
)


def standard_kinds() -> Mapping[str, VehicleKind]:
    """The standard kinds by name; read-only (assigning raises ``TypeError``)."""
    return STANDARD_KINDS


def vehicle_kind(name: str) -> VehicleKind:
    """The standard kind called ``name``; fails loudly, listing the known names."""
    try:
        return STANDARD_KINDS[name]
    except KeyError:
        known = ", ".join(sorted(STANDARD_KINDS))
        raise UnknownVehicleKindError(f"unknown vehicle kind {name!r}; known: {known}") from None


@attrs.frozen
class Vehicle:
    """A value: equal to another vehicle with the same plate and kind.

    The lot, not the vehicle, keeps one plate to one vehicle inside: a parked plate refuses
    a second vehicle with that plate, whatever its kind.
    """

    plate: str = attrs.field(validator=_name)
    kind: VehicleKind = CAR
