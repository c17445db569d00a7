"""Least frequently used, ties broken by recency, in O(1): a list of frequency buckets.

Each bucket holds the keys used exactly ``count`` times, oldest use first, and the buckets
form a doubly linked list in increasing count. A use moves a key to the bucket of the next
count (created beside it when missing) and drops its old bucket once empty, so no step
ever scans keys or counts. The victim is the first key of the first bucket.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Hashable


class _Bucket:
    """The keys used ``count`` times, in the order they reached that count."""

    __slots__ = ("count", "keys", "next", "prev")

    def __init__(self, count: int) -> None:
        self.count = count
        self.keys: OrderedDict[Hashable, None] = OrderedDict()
        self.prev: _Bucket = self
        self.next: _Bucket = self

    def insert_after(self, bucket: _Bucket) -> None:
        """Link ``bucket`` in right after this one."""
        bucket.prev, bucket.next = self, self.next
        self.next.prev = bucket
        self.next = bucket

    def unlink(self) -> None:
        """Take this bucket out of the list."""
        self.prev.next = self.next
        self.next.prev = self.prev


class LeastFrequentlyUsed:
    """Evicts the key used least often; among those, the one used longest ago.

    A put of a new key is its first use; every hit and every put that replaces a value is
    one more.
    """

    def __init__(self) -> None:
        self._root = _Bucket(0)  # sentinel: root.next is the lowest count
        self._bucket_of: dict[Hashable, _Bucket] = {}

    def added(self, key: Hashable) -> None:
        """``key`` has been used once."""
        first = self._root.next
        if first.count != 1:
            first = _Bucket(1)
            self._root.insert_after(first)
        first.keys[key] = None
        self._bucket_of[key] = first

    def replaced(self, key: Hashable) -> None:
        """A put is a use."""
        self._use(key)

    def read(self, key: Hashable) -> None:
        """A hit is a use."""
        self._use(key)

    def removed(self, key: Hashable) -> None:
        """Forget ``key`` and its count."""
        bucket = self._bucket_of.pop(key)
        self._leave(bucket, key)

    def victim(self) -> Hashable:
        """The oldest key of the lowest count."""
        return next(iter(self._root.next.keys))

    def _use(self, key: Hashable) -> None:
        bucket = self._bucket_of[key]
        following = bucket.next
        if following.count != bucket.count + 1:
            following = _Bucket(bucket.count + 1)
            bucket.insert_after(following)
        following.keys[key] = None
        self._bucket_of[key] = following
        self._leave(bucket, key)

    @staticmethod
    def _leave(bucket: _Bucket, key: Hashable) -> None:
        del bucket.keys[key]
        if not bucket.keys:
            bucket.unlink()
