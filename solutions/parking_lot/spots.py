"""Spots and the index of free ones that makes parking O(log n)."""

from __future__ import annotations

import heapq
from collections import defaultdict
from typing import TYPE_CHECKING

import attrs

from parking_lot.vehicles import SpotSize

if TYPE_CHECKING:
    from parking_lot.layout import Layout


@attrs.frozen(order=True)
class Spot:
    """A place in the lot; ordered by level, row and position (the walk from the entrance)."""

    level: int
    row: int
    position: int
    size: SpotSize = attrs.field(order=False)


class FreeSpots:
    """Which spots are free, indexed by level and size.

    Each (level, size) keeps a set of free (row, position) pairs and a min-heap of them.
    Taking a spot out of the middle (a bus run) only removes it from the set; its heap
    entry goes stale and is skipped when it reaches the top. That keeps every single-spot
    operation O(log n) without a balanced tree. Plain tuples, not ``Spot`` objects, go in
    the heap and the sets because they compare and hash in C, several times faster.
    """

    def __init__(self, layout: Layout) -> None:
        self.rows: list[list[list[Spot]]] = [
            [
                [Spot(level, row, position, size) for position, size in enumerate(sizes)]
                for row, sizes in enumerate(rows)
            ]
            for level, rows in enumerate(layout.levels)
        ]
        self._free: dict[tuple[int, SpotSize], set[tuple[int, int]]] = defaultdict(set)
        self._heaps: dict[tuple[int, SpotSize], list[tuple[int, int]]] = defaultdict(list)
        # Free spots per level, one list per size, so parking reads counts without a loop.
        self.counts = {size: [0] * len(self.rows) for size in SpotSize}
        for level in self.rows:
            for row in level:
                self.release(row)

    @property
    def levels(self) -> range:
        """Level numbers, from 0."""
        return range(len(self.rows))

    def first(self, level: int, size: SpotSize) -> Spot:
        """The free spot of ``size`` on ``level`` nearest the entrance; one must exist."""
        free, heap = self._free[level, size], self._heaps[level, size]
        while heap[0] not in free:
            heapq.heappop(heap)
        row, position = heap[0]
        return self.rows[level][row][position]

    def find_run(self, level: int, size: SpotSize, length: int) -> tuple[Spot, ...] | None:
        """The first ``length`` consecutive free spots, each at least ``size``, in one row.

        Multi-spot vehicles are rare, so this scans the level: O(spots on the level).
        """
        for row in self.rows[level]:
            run: list[Spot] = []
            for spot in row:
                if spot.size < size or not self.is_free(spot):
                    run = []
                    continue
                run.append(spot)
                if len(run) == length:
                    return tuple(run)
        return None

    def is_free(self, spot: Spot) -> bool:
        """Whether nobody occupies ``spot``."""
        return (spot.row, spot.position) in self._free[spot.level, spot.size]

    def take(self, spots: tuple[Spot, ...]) -> None:
        """Occupy the given free spots (their heap entries go stale)."""
        for spot in spots:
            self._free[spot.level, spot.size].remove((spot.row, spot.position))
            self.counts[spot.size][spot.level] -= 1

    def release(self, spots: list[Spot] | tuple[Spot, ...]) -> None:
        """Free the given spots again."""
        for spot in spots:
            key = (spot.row, spot.position)
            self._free[spot.level, spot.size].add(key)
            heapq.heappush(self._heaps[spot.level, spot.size], key)
            self.counts[spot.size][spot.level] += 1
