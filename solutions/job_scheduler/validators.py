"""Checks of constructor arguments (attrs validators): each refuses a bad value, naming it."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from job_scheduler.errors import InvalidValueError

if TYPE_CHECKING:
    import attrs


def at_least_one(_: object, attribute: attrs.Attribute[Any], value: float) -> None:
    """Refuse a number below 1."""
    if value < 1:
        raise InvalidValueError(f"{attribute.name} must be at least 1, got {value}")


def fraction(_: object, attribute: attrs.Attribute[Any], value: float) -> None:
    """Refuse a number outside [0, 1]."""
    if not 0 <= value <= 1:
        raise InvalidValueError(f"{attribute.name} must be between 0 and 1, got {value}")


def not_negative(_: object, attribute: attrs.Attribute[Any], value: timedelta) -> None:
    """Refuse a negative span of time."""
    if value < timedelta(0):
        raise InvalidValueError(f"{attribute.name} must not be negative, got {value}")


def positive(_: object, attribute: attrs.Attribute[Any], value: timedelta) -> None:
    """Refuse a span of time that is zero or negative."""
    if value <= timedelta(0):
        raise InvalidValueError(f"{attribute.name} must be positive, got {value}")
