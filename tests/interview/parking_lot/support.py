"""Helpers of the parking-lot interview suite, which sees a design only through its driver."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from parking_lot.driver import free_spots

RATE = Decimal("2.50")
SIZES = ("small", "compact", "large")


def free_by_level(lot: Any, levels: int) -> list[tuple[int, int, int]]:
    """The free spots of levels 0 .. levels - 1, each as (small, compact, large)."""
    counts = [tuple(free_spots(lot, level, size) for size in SIZES) for level in range(levels)]
    return [(small, compact, large) for small, compact, large in counts]
