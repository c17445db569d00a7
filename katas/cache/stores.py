"""Writers, backing stores and the factory (step 6)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from cache.cache import Clock, system_clock

if TYPE_CHECKING:
    from collections.abc import Hashable, Mapping

    from cache.cache import Cache
    from cache.policies import EvictionPolicy


class BackingStore(Protocol):
    """The port to the slow, durable store behind the cache."""

    def write(self, key: Hashable, value: object) -> None:
        """Store ``value`` under ``key``."""

    def delete(self, key: Hashable) -> None:
        """Remove ``key``."""


class Writer(Protocol):
    """Told of every put and delete before the cache changes; raising refuses the change."""

    def wrote(self, key: Hashable, value: object) -> None:
        """A put of ``value`` under ``key``."""

    def deleted(self, key: Hashable) -> None:
        """A delete of ``key``."""


class WriteThrough:
    """Every put and delete reaches the store before the cache changes."""

    def __init__(self, store: BackingStore) -> None:
        raise NotImplementedError

    def wrote(self, key: Hashable, value: object) -> None:
        """Write to the store now."""
        raise NotImplementedError

    def deleted(self, key: Hashable) -> None:
        """Delete from the store now."""
        raise NotImplementedError


class WriteBehind:
    """Puts and deletes wait in a queue until ``flush``; only a key's latest change is kept."""

    def __init__(self, store: BackingStore) -> None:
        raise NotImplementedError

    @property
    def pending(self) -> int:
        """The number of keys whose latest change the store has not seen."""
        raise NotImplementedError

    def wrote(self, key: Hashable, value: object) -> None:
        """Queue the put."""
        raise NotImplementedError

    def deleted(self, key: Hashable) -> None:
        """Queue the delete."""
        raise NotImplementedError

    def flush(self) -> int:
        """Send the pending changes to the store, oldest first; how many were sent."""
        raise NotImplementedError


def policy_named(name: str) -> EvictionPolicy:
    """A new policy by name: ``lru``, ``lfu`` or ``fifo``."""
    raise NotImplementedError


def cache_from_config(config: Mapping[str, object], *, clock: Clock = system_clock) -> Cache:
    """A cache built from ``{"capacity": 100, "policy": "lfu", "ttl_seconds": 60}``."""
    raise NotImplementedError
