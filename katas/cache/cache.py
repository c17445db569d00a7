"""The cache (steps 1 to 7)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Hashable

    from cache.events import CacheInfo, Listener
    from cache.policies import EvictionPolicy
    from cache.stores import Writer

Clock = Callable[[], datetime]
Weigher = Callable[[object], int]


def system_clock() -> datetime:
    """The machine's time, timezone-aware: the cache's clock when none is given."""
    return datetime.now(UTC)


class Cache:
    """A bounded map from keys to values that forgets entries by policy and by time."""

    capacity: int  # the capacity it was built with

    def __init__(  # noqa: PLR0913 - every collaborator is an injected, optional keyword
        self,
        capacity: int,
        *,
        policy: EvictionPolicy | None = None,
        ttl: timedelta | None = None,
        clock: Clock = system_clock,
        weigher: Weigher | None = None,
        writer: Writer | None = None,
    ) -> None:
        raise NotImplementedError

    def get(self, key: Hashable, default: object = None) -> object:
        """The live value of ``key`` (a hit, and a use), else ``default`` (a miss)."""
        raise NotImplementedError

    def put(self, key: Hashable, value: object, *, ttl: timedelta | None = None) -> None:
        """Store ``value`` under ``key``, evicting by policy until it fits."""
        raise NotImplementedError

    def delete(self, key: Hashable) -> None:
        """Remove the live entry of ``key``; ``KeyNotFoundError`` when there is none."""
        raise NotImplementedError

    def get_or_load(self, key: Hashable, loader: Callable[[Hashable], object]) -> object:
        """The live value of ``key``, else ``loader(key)``'s, kept; one load per key at once."""
        raise NotImplementedError

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Tell ``listener`` of every removal from now on; returns the unsubscribe call."""
        raise NotImplementedError

    def info(self) -> CacheInfo:
        """Hits, misses, evictions, expirations, the current total weight and the capacity."""
        raise NotImplementedError

    def snapshot(self) -> dict[Hashable, object]:
        """The live entries as a new dict; counts no hit and uses no key."""
        raise NotImplementedError

    @property
    def weight(self) -> int:
        """The total weight of the live entries (their number, without a weigher)."""
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def __contains__(self, key: object) -> bool:
        raise NotImplementedError
