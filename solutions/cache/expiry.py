"""When entries expire: a heap of deadlines, swept in order of time."""

from __future__ import annotations

import heapq
import itertools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterator, Mapping
    from datetime import datetime


class Deadlines:
    """The deadlines of the entries that have one, earliest first.

    A replaced or removed entry leaves its deadline behind; the sweep skips it because it
    checks that the entry it names is still the cache's entry for that key (``token``).
    When such stale deadlines outnumber the live ones the heap is rebuilt, so it stays
    O(entries) in size.
    """

    def __init__(self) -> None:
        # The heap itself, earliest first. The cache reads only its truthiness, on every
        # operation: a plain attribute is cheaper than a __bool__ or a property call.
        self.pending: list[tuple[datetime, int, Hashable, object]] = []
        self._order = itertools.count()  # breaks ties without comparing keys

    def add(self, at: datetime, key: Hashable, token: object) -> None:
        """Remember that ``token``, the entry of ``key``, expires at ``at``; O(log n)."""
        heapq.heappush(self.pending, (at, next(self._order), key, token))

    def due(self, now: datetime) -> Iterator[tuple[Hashable, object]]:
        """Pop every deadline at or before ``now``, earliest first: ``(key, token)`` pairs."""
        heap = self.pending
        while heap and heap[0][0] <= now:
            _, _, key, token = heapq.heappop(heap)
            yield key, token

    def compact(self, live: Mapping[Hashable, object]) -> None:
        """Drop the deadlines of entries that are gone, once they are more than half."""
        if len(self.pending) > 2 * len(live) + 8:
            self.pending[:] = [item for item in self.pending if live.get(item[2]) is item[3]]
            heapq.heapify(self.pending)
