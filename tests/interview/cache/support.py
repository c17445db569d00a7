"""Helpers of the cache interview suite, which sees a design only through its driver."""

from __future__ import annotations

from typing import Any, ClassVar

from cache.driver import put


class CountingKey(str):
    """A key that counts how often any design hashes or compares one like it."""

    __slots__ = ()
    work: ClassVar[list[int]] = [0]

    def __hash__(self) -> int:
        CountingKey.work[0] += 1
        return str.__hash__(self)

    def __eq__(self, other: object) -> bool:
        CountingKey.work[0] += 1
        return str.__eq__(self, other)


def fill(cache: Any, *keys: str) -> Any:
    """Put each key with its upper-case self as the value, in order; the cache."""
    for key in keys:
        put(cache, key, key.upper())
    return cache
