"""Reference solution of the parking-lot kata; the public API is everything listed here."""

from parking_lot.allocation import (
    AllocationPolicy,
    LevelVacancy,
    LowestLevelFirst,
    NearestToEntrance,
    SpreadAcrossLevels,
)
from parking_lot.boards import DisplayBoard
from parking_lot.clock import Clock
from parking_lot.errors import (
    AlreadyParkedError,
    InvalidValueError,
    LayoutError,
    LotFullError,
    ParkingError,
    TicketAlreadyUsedError,
    UnknownTicketError,
    UnknownVehicleError,
    UnknownVehicleKindError,
    UnpricedVehicleError,
)
from parking_lot.events import Availability, LotEvent, VehicleLeft, VehicleParked
from parking_lot.layout import Layout
from parking_lot.lot import ParkingLot
from parking_lot.pricing import (
    ByVehicleKind,
    DailyCap,
    Free,
    GracePeriod,
    Hourly,
    LostTicketFee,
    PricingPolicy,
    Stay,
)
from parking_lot.spots import Spot
from parking_lot.tickets import Receipt, Ticket
from parking_lot.vehicles import (
    BUS,
    CAR,
    MOTORCYCLE,
    VAN,
    SpotSize,
    Vehicle,
    VehicleKind,
    standard_kinds,
    vehicle_kind,
)

__all__ = [
    "BUS",
    "CAR",
    "MOTORCYCLE",
    "VAN",
    "AllocationPolicy",
    "AlreadyParkedError",
    "Availability",
    "ByVehicleKind",
    "Clock",
    "DailyCap",
    "DisplayBoard",
    "Free",
    "GracePeriod",
    "Hourly",
    "InvalidValueError",
    "Layout",
    "LayoutError",
    "LevelVacancy",
    "LostTicketFee",
    "LotEvent",
    "LotFullError",
    "LowestLevelFirst",
    "NearestToEntrance",
    "ParkingError",
    "ParkingLot",
    "PricingPolicy",
    "Receipt",
    "Spot",
    "SpotSize",
    "SpreadAcrossLevels",
    "Stay",
    "Ticket",
    "TicketAlreadyUsedError",
    "UnknownTicketError",
    "UnknownVehicleError",
    "UnknownVehicleKindError",
    "UnpricedVehicleError",
    "Vehicle",
    "VehicleKind",
    "VehicleLeft",
    "VehicleParked",
    "standard_kinds",
    "vehicle_kind",
]
