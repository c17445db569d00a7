"""Checks of constructor arguments: each refuses a bad value with an error naming it."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, TypeVar

from job_scheduler.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Callable

    import attrs

Number = TypeVar("Number", int, float)


def at_least(low: Number) -> Callable[[object, attrs.Attribute[Number], Number], None]:
    """A check that the value is `low` or more."""

    def check(_: object, attribute: attrs.Attribute[Number], value: Number) -> None:
        if value < low:
            raise InvalidValueError(f"{attribute.name} must be at least {low}, got {value}")

    return check


def at_most(high: Number) -> Callable[[object, attrs.Attribute[Number], Number], None]:
    """A check that the value is `high` or less."""

    def check(_: object, attribute: attrs.Attribute[Number], value: Number) -> None:
        if value > high:
            raise InvalidValueError(f"{attribute.name} must be at most {high}, got {value}")

    return check


def not_negative(_: object, attribute: attrs.Attribute[timedelta], value: timedelta) -> None:
    """Refuse a negative span of time."""
    if value < timedelta(0):
        raise InvalidValueError(f"{attribute.name} must not be negative, got {value}")


def positive(_: object, attribute: attrs.Attribute[timedelta], value: timedelta) -> None:
    """Refuse a span of time that is zero or negative."""
    if value <= timedelta(0):
        raise InvalidValueError(f"{attribute.name} must be positive, got {value}")
