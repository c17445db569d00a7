"""Values of the parking lot: sizes, vehicle kinds, vehicles, spots, tickets and layouts.

The data classes are given as plain records; add the validation and behaviour the spec
asks for. Move anything into other modules if you like: tests only use
``from parking_lot import <name>``.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping


class SpotSize(enum.IntEnum):
    """Spot sizes, ordered: a vehicle fits its own size and every larger one."""

    SMALL = 1
    COMPACT = 2
    LARGE = 3


@attrs.frozen
class VehicleKind:
    """A value: what a vehicle needs, ``spots`` consecutive spots in one row, each ``size`` or more.

    A blank name or ``spots < 1`` is refused with ``InvalidValueError`` (step 2).
    """

    name: str
    size: SpotSize
    spots: int = 1


MOTORCYCLE = VehicleKind("motorcycle", SpotSize.SMALL)
CAR = VehicleKind("car", SpotSize.COMPACT)
VAN = VehicleKind("van", SpotSize.LARGE)
BUS = VehicleKind("bus", SpotSize.LARGE, spots=5)


def standard_kinds() -> Mapping[str, VehicleKind]:
    """The mapping of name to standard kind; read-only (assigning raises ``TypeError``)."""
    raise NotImplementedError


def vehicle_kind(name: str) -> VehicleKind:
    """The standard kind called ``name``; else ``UnknownVehicleKindError`` listing the known."""
    raise NotImplementedError


@attrs.frozen
class Vehicle:
    """A value: equal to another vehicle with the same plate and kind.

    A blank plate is refused with ``InvalidValueError`` naming ``plate``. The lot lets in one
    vehicle per plate at a time, whatever its kind (``AlreadyParkedError``).
    """

    plate: str
    kind: VehicleKind = CAR


@attrs.frozen
class Spot:
    """A value: a place in the lot; level, row and position count from 0.

    Spots are ordered by level, row and position; the size plays no part in the order.
    """

    level: int
    row: int
    position: int
    size: SpotSize


@attrs.frozen
class Ticket:
    """Proof of entry; a value, equal to another ticket when every field is."""

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
        raise NotImplementedError

    @property
    def duration(self) -> timedelta:
        """How long it stayed."""
        raise NotImplementedError


@attrs.frozen
class Layout:
    """Levels, each a tuple of rows, each a tuple of spot sizes; none of them empty."""

    levels: tuple[tuple[tuple[SpotSize, ...], ...], ...]

    @property
    def capacity(self) -> int:
        """How many spots the layout has."""
        raise NotImplementedError

    @classmethod
    def single_row(cls, count: int, size: SpotSize = SpotSize.COMPACT) -> Layout:
        """One level with one row of ``count`` spots of one size."""
        raise NotImplementedError

    @classmethod
    def of(cls, levels: Iterable[Iterable[Iterable[SpotSize]]]) -> Layout:
        """From nested iterables: levels, then rows, then sizes."""
        raise NotImplementedError

    @classmethod
    def parse(cls, text: str) -> Layout:
        """From the text format of step 6."""
        raise NotImplementedError
