"""Removals, their causes, and the statistics (step 5)."""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable

import attrs


class RemovalCause(enum.Enum):
    """Why an entry left the cache."""

    SIZE = "size"  # evicted by the policy to make room
    EXPIRED = "expired"  # its time to live ran out
    EXPLICIT = "explicit"  # delete()
    REPLACED = "replaced"  # a put gave its key a new value


@attrs.frozen
class Removal:
    """One entry that left the cache: its key, the value it had, and why."""

    key: Hashable
    value: object
    cause: RemovalCause


Listener = Callable[[Removal], None]


@attrs.frozen
class CacheInfo:
    """Counters since the cache was built, and its size at the moment of the call."""

    hits: int
    misses: int
    evictions: int
    expirations: int
    currsize: int
    capacity: int
