"""Which entry leaves when the cache is full (Strategy): the role and two simple policies."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Hashable


class EvictionPolicy(Protocol):
    """Keeps the order of one cache's keys and names the next one to evict.

    The cache tells the policy what happened to a key and asks it for a victim; the
    policy never sees values, weights or the clock. Every method is O(1) in the policies
    that ship.
    """

    def added(self, key: Hashable) -> None:
        """``key`` was put and the cache did not hold it."""

    def replaced(self, key: Hashable) -> None:
        """``key`` was put and the cache held it: its value changed."""

    def read(self, key: Hashable) -> None:
        """``get`` found ``key`` (a hit)."""

    def removed(self, key: Hashable) -> None:
        """``key`` left the cache: evicted, expired or deleted."""

    def victim(self) -> Hashable:
        """The key to evict next; asked only while the cache holds an entry."""
        ...


class LeastRecentlyUsed:
    """Evicts the key read or put longest ago; an ``OrderedDict`` is the recency list."""

    def __init__(self) -> None:
        self._order: OrderedDict[Hashable, None] = OrderedDict()  # oldest first

    def added(self, key: Hashable) -> None:
        """``key`` is now the most recently used."""
        self._order[key] = None

    def replaced(self, key: Hashable) -> None:
        """A put is a use."""
        self._order.move_to_end(key)

    def read(self, key: Hashable) -> None:
        """A hit is a use."""
        self._order.move_to_end(key)

    def removed(self, key: Hashable) -> None:
        """Forget ``key``."""
        del self._order[key]

    def victim(self) -> Hashable:
        """The least recently used key."""
        return next(iter(self._order))


class FirstInFirstOut:
    """Evicts the key whose latest put is the oldest; reads change nothing."""

    def __init__(self) -> None:
        self._order: OrderedDict[Hashable, None] = OrderedDict()  # oldest put first

    def added(self, key: Hashable) -> None:
        """``key`` joins the back of the queue."""
        self._order[key] = None

    def replaced(self, key: Hashable) -> None:
        """A put of a held key queues it again, at the back."""
        self._order.move_to_end(key)

    def read(self, key: Hashable) -> None:
        """A hit does not move a key."""

    def removed(self, key: Hashable) -> None:
        """Forget ``key``."""
        del self._order[key]

    def victim(self) -> Hashable:
        """The key at the front of the queue."""
        return next(iter(self._order))
