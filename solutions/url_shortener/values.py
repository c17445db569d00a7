"""Checks of values that callers pass in: types are promises a caller can break."""

from __future__ import annotations

from datetime import timedelta


def is_whole(value: object, minimum: int, maximum: int | None = None) -> bool:
    """Whether ``value`` is an int (not a bool) from ``minimum`` up to ``maximum``."""
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        return False
    return maximum is None or value <= maximum


def is_positive_span(value: object) -> bool:
    """Whether ``value`` is a timedelta longer than zero."""
    return isinstance(value, timedelta) and value > timedelta(0)


def is_text(value: object) -> bool:
    """Whether ``value`` is a str."""
    return isinstance(value, str)
