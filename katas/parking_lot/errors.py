"""The errors of the parking lot: one root, and each also the builtin it resembles (given)."""


class ParkingError(Exception):
    """Root of every error the parking lot raises."""


class InvalidValueError(ParkingError, ValueError):
    """A value the domain cannot accept (a blank plate, a negative rate, ...)."""


class LotFullError(ParkingError, RuntimeError):
    """No free spot fits the vehicle."""


class AlreadyParkedError(ParkingError, ValueError):
    """A vehicle with that plate is parked already, whatever its kind."""


class UnknownTicketError(ParkingError, LookupError):
    """The ticket lets no vehicle out of this lot.

    Raised as itself when the lot issued no ticket equal to it, and as its subclass
    ``TicketAlreadyUsedError`` when the lot issued it but its vehicle has left.
    """


class TicketAlreadyUsedError(UnknownTicketError):
    """The lot issued the ticket, but its vehicle has left already."""


class UnknownVehicleError(ParkingError, LookupError):
    """No vehicle with that plate is parked here."""


class UnknownVehicleKindError(ParkingError, LookupError):
    """The vehicle-kind factory does not know the name."""


class UnpricedVehicleError(ParkingError, LookupError):
    """The pricing policy has no price for the vehicle's kind."""


class LayoutError(ParkingError, ValueError):
    """A layout description that cannot be built; ``line`` says where, when known."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        super().__init__(problem if line is None else f"line {line}: {problem}")
        self.line = line
