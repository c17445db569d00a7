"""Spots and the index of free ones that makes parking O(log n)."""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

import attrs

from parking_lot.allocation import LevelVacancy
from parking_lot.vehicles import SpotSize

if TYPE_CHECKING:
    from parking_lot.layout import Layout
    from parking_lot.vehicles import VehicleKind


@attrs.frozen(order=True)
class Spot:
    """A place in the lot; ordered by level, row and position (the walk from the entrance)."""

    level: int
    row: int
    position: int
    size: SpotSize = attrs.field(order=False)


class FreeSpots:
    """Which spots are free: it answers where a vehicle could go, and keeps its index private.

    Each (level, size) keeps a set of free (row, position) pairs and a min-heap of them.
    Taking a spot out of the middle (a bus run) only removes it from the set; its heap
    entry goes stale and is skipped when it reaches the top. That keeps every single-spot
    operation O(log n) without a balanced tree. Plain tuples, not ``Spot`` objects, go in
    the heap and the sets because they compare and hash in C, several times faster.
    """

    def __init__(self, layout: Layout) -> None:
        self._rows = [
            [
                [Spot(level, row, position, size) for position, size in enumerate(sizes)]
                for row, sizes in enumerate(rows)
            ]
            for level, rows in enumerate(layout.levels)
        ]
        self._levels = range(len(self._rows))
        keys = [(level, size) for level in self._levels for size in SpotSize]
        self._free: dict[tuple[int, SpotSize], set[tuple[int, int]]] = {key: set() for key in keys}
        self._heaps: dict[tuple[int, SpotSize], list[tuple[int, int]]] = {key: [] for key in keys}
        for level in self._rows:
            for row in level:
                self.release(row)

    def counts(self) -> dict[tuple[int, SpotSize], int]:
        """How many spots are free, per (level, size); a new dict, O(levels x sizes)."""
        return {key: len(free) for key, free in self._free.items()}

    def vacancies(self, size: SpotSize, *, or_larger: bool = False) -> list[LevelVacancy]:
        """The levels with a free spot of ``size`` (or larger), in level order, with how many."""
        if or_larger:
            sizes = [other for other in SpotSize if other >= size]
            counts = [
                sum(len(self._free[level, other]) for other in sizes) for level in self._levels
            ]
        else:  # asked on every park: one len() per level
            counts = [len(self._free[level, size]) for level in self._levels]
        return [LevelVacancy(level, free) for level, free in enumerate(counts) if free]

    def first(self, level: int, size: SpotSize) -> Spot:
        """The free spot of ``size`` on ``level`` nearest the entrance; one must be free."""
        free, heap = self._free[level, size], self._heaps[level, size]
        while heap[0] not in free:
            heapq.heappop(heap)
        row, position = heap[0]
        return self._rows[level][row][position]

    def runs(self, kind: VehicleKind) -> dict[int, tuple[Spot, ...]]:
        """Per level that has one, the first run of free spots in one row that fits ``kind``.

        Multi-spot vehicles are rare, so this scans every row: O(spots in the lot).
        """
        runs = {}
        for level, rows in enumerate(self._rows):
            for row in rows:
                run = self._run(row, kind)
                if run is not None:
                    runs[level] = run
                    break
        return runs

    def take(self, spots: tuple[Spot, ...]) -> None:
        """Occupy the given free spots (their heap entries go stale)."""
        for spot in spots:
            self._free[spot.level, spot.size].remove((spot.row, spot.position))

    def release(self, spots: list[Spot] | tuple[Spot, ...]) -> None:
        """Free the given spots again."""
        for spot in spots:
            key = (spot.row, spot.position)
            self._free[spot.level, spot.size].add(key)
            heapq.heappush(self._heaps[spot.level, spot.size], key)

    def _run(self, row: list[Spot], kind: VehicleKind) -> tuple[Spot, ...] | None:
        run: list[Spot] = []
        for spot in row:
            if spot.size < kind.size or not self._is_free(spot):
                run = []
                continue
            run.append(spot)
            if len(run) == kind.spots:
                return tuple(run)
        return None

    def _is_free(self, spot: Spot) -> bool:
        return (spot.row, spot.position) in self._free[spot.level, spot.size]
