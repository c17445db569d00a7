"""The interview driver: the only door the interview suite uses into your design.

Write your own classes first, in modules of your own beside this one; then fill in these
functions so each one translates plain values into your design and back (an adapter).
INTERVIEW.md's "Driver contract" says what each takes, returns and raises. The handle (a
cache) is whatever your design returns: the suite only passes it back. The last four
functions belong to the change requests; leave them until asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime


def new_cache(capacity: int) -> object:
    """An empty LRU cache of ``capacity`` entries; ``InvalidValueError`` for a bad capacity."""
    raise NotImplementedError


def put(cache: object, key: str, value: str) -> None:
    """Store ``value`` under ``key``, evicting the least recently used entry when full."""
    raise NotImplementedError


def get(cache: object, key: str) -> str | None:
    """The value of ``key``, or ``None`` on a miss."""
    raise NotImplementedError


def delete(cache: object, key: str) -> None:
    """Remove the entry of ``key``; ``KeyNotFoundError`` when there is none."""
    raise NotImplementedError


def size(cache: object) -> int:
    """The number of entries the cache holds; not a use."""
    raise NotImplementedError


def keys(cache: object) -> tuple[str, ...]:
    """The keys the cache holds, sorted alphabetically; not a use."""
    raise NotImplementedError


def new_cache_with_policy(capacity: int, policy: str) -> object:
    """Change request 1: a cache evicting by ``"lru"`` or ``"lfu"``; else ``UnknownPolicyError``."""
    raise NotImplementedError


def new_cache_with_ttl(capacity: int, ttl_seconds: int, clock: Callable[[], datetime]) -> object:
    """Change request 2: an LRU cache whose entries expire ``ttl_seconds`` after their put."""
    raise NotImplementedError


def get_or_load(cache: object, key: str, loader: Callable[[str], str]) -> str:
    """Change request 3: the value of ``key``, else ``loader(key)``'s, kept; one load per key."""
    raise NotImplementedError


def stats(cache: object) -> tuple[int, int, int, int]:
    """Change request 3: the hits, misses, evictions and expirations so far."""
    raise NotImplementedError
