"""The interview driver over the reference design: plain values in, the design's cache out.

An adapter: it turns the interview's words (a capacity, a policy name, a number of
seconds) into the reference's ``Cache`` and its collaborators, and hands the ``Cache``
back as the opaque handle the suite passes in again. The domain's errors already carry
the names the contract gives, so they pass through; only the interview's own stricter
rules (a capacity of at least 1) are checked here.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from cache import Cache, InvalidValueError, policy_named

if TYPE_CHECKING:
    from collections.abc import Callable

    from cache import Clock


def new_cache(capacity: int) -> Cache:
    """An empty LRU cache of ``capacity`` entries."""
    return new_cache_with_policy(capacity, "lru")


def put(cache: Cache, key: str, value: str) -> None:
    """Store ``value`` under ``key``."""
    cache.put(key, value)


def get(cache: Cache, key: str) -> str | None:
    """The value of ``key``, or ``None`` on a miss."""
    value = cache.get(key)
    return None if value is None else str(value)


def delete(cache: Cache, key: str) -> None:
    """Remove the entry of ``key``."""
    cache.delete(key)


def size(cache: Cache) -> int:
    """The number of entries."""
    return len(cache)


def keys(cache: Cache) -> tuple[str, ...]:
    """The keys held, sorted."""
    return tuple(sorted(str(key) for key in cache.snapshot()))


def new_cache_with_policy(capacity: int, policy: str) -> Cache:
    """A cache evicting by the policy named ``policy``."""
    return Cache(_capacity(capacity), policy=policy_named(policy))


def new_cache_with_ttl(capacity: int, ttl_seconds: int, clock: Clock) -> Cache:
    """An LRU cache whose entries live ``ttl_seconds``."""
    if type(ttl_seconds) is not int or ttl_seconds < 1:
        raise InvalidValueError(f"ttl_seconds must be a whole number >= 1, not {ttl_seconds!r}")
    return Cache(_capacity(capacity), ttl=timedelta(seconds=ttl_seconds), clock=clock)


def get_or_load(cache: Cache, key: str, loader: Callable[[str], str]) -> str:
    """The value of ``key``, else ``loader(key)``'s."""
    return str(cache.get_or_load(key, lambda wanted: loader(str(wanted))))


def stats(cache: Cache) -> tuple[int, int, int, int]:
    """The hits, misses, evictions and expirations so far."""
    info = cache.info()
    return info.hits, info.misses, info.evictions, info.expirations


def _capacity(capacity: int) -> int:
    if type(capacity) is not int or capacity < 1:
        raise InvalidValueError(f"capacity must be a whole number >= 1, not {capacity!r}")
    return capacity
