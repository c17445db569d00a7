"""Which entry leaves when the cache is full (step 2)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Hashable


class EvictionPolicy(Protocol):
    """Keeps the order of one cache's keys and names the next one to evict."""

    def added(self, key: Hashable) -> None:
        """``key`` was put and the cache did not hold it."""

    def replaced(self, key: Hashable) -> None:
        """``key`` was put and the cache held it."""

    def read(self, key: Hashable) -> None:
        """``get`` found ``key``."""

    def removed(self, key: Hashable) -> None:
        """``key`` left the cache: evicted, expired or deleted."""

    def victim(self) -> Hashable:
        """The key to evict next; asked only while the cache holds an entry."""
        ...


class LeastRecentlyUsed:
    """Evicts the key used longest ago (the default)."""

    def added(self, key: Hashable) -> None:
        """``key`` was put and the cache did not hold it."""
        raise NotImplementedError

    def replaced(self, key: Hashable) -> None:
        """``key`` was put and the cache held it."""
        raise NotImplementedError

    def read(self, key: Hashable) -> None:
        """``get`` found ``key``."""
        raise NotImplementedError

    def removed(self, key: Hashable) -> None:
        """``key`` left the cache."""
        raise NotImplementedError

    def victim(self) -> Hashable:
        """The least recently used key."""
        raise NotImplementedError


class LeastFrequentlyUsed:
    """Evicts the key used the fewest times; among those, the one used longest ago. O(1)."""

    def added(self, key: Hashable) -> None:
        """``key`` was put and the cache did not hold it: its first use."""
        raise NotImplementedError

    def replaced(self, key: Hashable) -> None:
        """One more use."""
        raise NotImplementedError

    def read(self, key: Hashable) -> None:
        """One more use."""
        raise NotImplementedError

    def removed(self, key: Hashable) -> None:
        """``key`` left the cache; its count is forgotten."""
        raise NotImplementedError

    def victim(self) -> Hashable:
        """The key used least often, the oldest use first."""
        raise NotImplementedError


class FirstInFirstOut:
    """Evicts the key whose latest put is the oldest; a get changes nothing."""

    def added(self, key: Hashable) -> None:
        """``key`` joins the back of the queue."""
        raise NotImplementedError

    def replaced(self, key: Hashable) -> None:
        """``key`` is queued again, at the back."""
        raise NotImplementedError

    def read(self, key: Hashable) -> None:
        """Nothing changes."""
        raise NotImplementedError

    def removed(self, key: Hashable) -> None:
        """``key`` left the cache."""
        raise NotImplementedError

    def victim(self) -> Hashable:
        """The key at the front of the queue."""
        raise NotImplementedError
