"""Fill parking lots of 1,000 to 100,000 spots until full, empty them, and print the cost.

Run with ``make bench``. Prints microseconds per park and per leave at each size; with an
O(log n) free-spot index the cost at 100,000 spots stays close to the cost at 1,000.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "solutions"))

from parking_lot import Layout, LotFullError, ParkingLot, SpotSize, Vehicle

LEVELS = 10
ROW = 100
SIZES = (1_000, 10_000, 100_000)
ROUNDS = 3
MOMENT = datetime(2026, 1, 1, tzinfo=UTC)


def build(spots: int) -> ParkingLot:
    """A lot of ``spots`` compact spots: ten levels of rows of a hundred."""
    rows_per_level = spots // (LEVELS * ROW)
    row = [SpotSize.COMPACT] * ROW
    return ParkingLot(Layout.of([[row] * rows_per_level] * LEVELS), clock=lambda: MOMENT)


def fill_and_empty(spots: int) -> tuple[float, float]:
    """Seconds to fill a fresh lot of ``spots`` and to empty it again."""
    lot = build(spots)
    vehicles = [Vehicle(f"CAR-{number}") for number in range(spots)]
    started = time.perf_counter()
    tickets = [lot.park(vehicle) for vehicle in vehicles]
    filled = time.perf_counter()
    try:
        lot.park(Vehicle("ONE-TOO-MANY"))
    except LotFullError:
        pass
    else:  # pragma: no cover - would mean the benchmark measured the wrong thing
        message = "the lot should be full"
        raise AssertionError(message)
    emptied_from = time.perf_counter()
    for ticket in tickets:
        lot.leave(ticket)
    emptied = time.perf_counter()
    return filled - started, emptied - emptied_from


def main() -> None:
    """Print one line per lot size, best of a few rounds."""
    print(f"parking lot: {LEVELS} levels, rows of {ROW} compact spots; best of {ROUNDS} rounds")
    print(f"{'spots':>8} {'fill (s)':>9} {'park (us)':>10} {'empty (s)':>10} {'leave (us)':>11}")
    park_costs = []
    for spots in SIZES:
        fill, empty = min(fill_and_empty(spots) for _ in range(ROUNDS))
        park_us, leave_us = fill / spots * 1e6, empty / spots * 1e6
        park_costs.append(park_us)
        print(f"{spots:>8} {fill:>9.3f} {park_us:>10.2f} {empty:>10.3f} {leave_us:>11.2f}")
    ratio = park_costs[-1] / park_costs[0]
    print(f"park cost at {SIZES[-1]:,} spots is {ratio:.2f}x the cost at {SIZES[0]:,}")


if __name__ == "__main__":
    main()
