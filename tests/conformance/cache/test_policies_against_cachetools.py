"""LRU, LFU, FIFO and TTL against cachetools' LRUCache, LFUCache, FIFOCache and TTLCache.

Random traces of puts, gets, deletes and (for TTL) clock steps run on both sides with the
same clock; after every operation the live contents and the keys evicted to make room must
be the same. One documented difference is skipped and counted (the cache kata's README,
"Checked against the real thing"): in a weighted cache, a put that replaces a key's value
with a heavier one evicts before it updates the key in cachetools, so cachetools may evict
that very key; the reference updates the key first and evicts others. A trace ends at the
first such put, since the two then hold different entries by design.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import cachetools
import pytest
from cache import (
    Cache,
    FirstInFirstOut,
    KeyNotFoundError,
    LeastFrequentlyUsed,
    LeastRecentlyUsed,
    RemovalCause,
)

from tests.support import START, FakeClock

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

    from cache import EvictionPolicy

pytestmark = pytest.mark.conformance

TRACES = 400  # per policy, size and weighing
OPERATIONS = 80  # per trace


def recording(base: type[cachetools.Cache[Any, Any]]) -> type[Any]:
    """``base`` with every key it evicts to make room recorded in ``.evicted``."""

    class Recording(base):  # type: ignore[misc, valid-type]
        evicted: list[Hashable]

        def popitem(self) -> tuple[Hashable, object]:
            key, value = super().popitem()
            self.evicted.append(key)
            return key, value

    return Recording


ORACLES: dict[str, tuple[type[Any], Callable[[], EvictionPolicy]]] = {
    "LRU": (recording(cachetools.LRUCache), LeastRecentlyUsed),
    "LFU": (recording(cachetools.LFUCache), LeastFrequentlyUsed),
    "FIFO": (recording(cachetools.FIFOCache), FirstInFirstOut),
}


def weight(value: object) -> int:
    """Values are their own weights in the weighted traces."""
    assert isinstance(value, int)
    return value


class Pair:
    """The reference and its oracle, driven by the same operations."""

    def __init__(self, oracle: Any, cache: Cache) -> None:
        self.oracle, self.cache = oracle, cache
        self.oracle.evicted = []
        self.evicted: list[Hashable] = []
        cache.subscribe(
            lambda removal: (
                self.evicted.append(removal.key) if removal.cause is RemovalCause.SIZE else None
            )
        )

    def put(self, key: int, value: int) -> bool:
        """Put on both sides; False when cachetools evicted the key it was putting."""
        before = len(self.oracle.evicted)
        try:
            self.oracle[key] = value
        except ValueError:  # too large: both refuse
            with pytest.raises(ValueError, match="capacity"):
                self.cache.put(key, value)
            return True
        if key in self.oracle.evicted[before:]:
            return False
        self.cache.put(key, value)
        return True

    def get(self, key: int) -> None:
        """Get on both sides: the same value."""
        assert self.cache.get(key) == self.oracle.get(key)

    def delete(self, key: int) -> None:
        """Delete on both sides: both refuse a missing key."""
        try:
            del self.oracle[key]
        except KeyError:
            with pytest.raises(KeyNotFoundError):
                self.cache.delete(key)
        else:
            self.cache.delete(key)

    def agree(self) -> bool:
        """The same live entries, and the same keys evicted to make room, in order."""
        live = {key: cachetools.Cache.__getitem__(self.oracle, key) for key in self.oracle}
        return live == self.cache.snapshot() and self.evicted == self.oracle.evicted


def run_trace(
    make_pair: Callable[[random.Random], tuple[Pair, FakeClock | None]], seed: int
) -> tuple[int, int, bool]:
    """One trace: (operations after which the two disagree, operations compared, skipped)."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible trace, not a secret
    pair, clock = make_pair(rng)
    keys = rng.choice((3, 6, 12))
    mismatches = 0
    for compared in range(OPERATIONS):
        action = rng.random()
        key = rng.randrange(keys)
        if action < 0.45:
            if not pair.put(key, rng.randint(1, 3)):
                return mismatches, compared, True
        elif action < 0.85:
            pair.get(key)
        elif action < 0.93 or clock is None:
            pair.delete(key)
        else:
            clock.advance(timedelta(seconds=rng.randint(1, 4)))
        mismatches += not pair.agree()
    return mismatches, OPERATIONS, False


def policy_pair(
    name: str, capacity: int, *, weighted: bool
) -> Callable[[random.Random], tuple[Pair, None]]:
    oracle_class, policy = ORACLES[name]

    def make(_rng: random.Random) -> tuple[Pair, None]:
        sizing = weight if weighted else None
        oracle = oracle_class(capacity, getsizeof=sizing)
        return Pair(oracle, Cache(capacity, policy=policy(), weigher=sizing)), None

    return make


CASES = [
    (name, capacity, weighing)
    for name in ORACLES
    for capacity, weighing in (
        (1, "entries"),
        (3, "entries"),
        (8, "entries"),
        (6, "weight"),
        (12, "weight"),
    )
]


@pytest.mark.parametrize(
    ("name", "capacity", "weighing"),
    CASES,
    ids=[f"{name} {capacity} by {weighing}" for name, capacity, weighing in CASES],
)
def test_a_policy_evicts_exactly_as_cachetools(name: str, capacity: int, weighing: str) -> None:
    make = policy_pair(name, capacity, weighted=weighing == "weight")

    outcomes = [run_trace(make, seed) for seed in range(TRACES)]

    assert sum(mismatches for mismatches, _, _ in outcomes) == 0
    assert sum(compared for _, compared, _ in outcomes) > TRACES * OPERATIONS // 4
    if weighing == "entries":
        assert not any(skipped for _, _, skipped in outcomes)


def seconds_since_start(clock: FakeClock) -> float:
    """The timer cachetools reads: a number of seconds, on the same clock."""
    return (clock() - START).total_seconds()


def ttl_pair(capacity: int, ttl: int) -> Callable[[random.Random], tuple[Pair, FakeClock]]:
    def make(_rng: random.Random) -> tuple[Pair, FakeClock]:
        clock = FakeClock(START)
        oracle = recording(cachetools.TTLCache)(
            capacity, ttl, timer=lambda: seconds_since_start(clock)
        )
        cache = Cache(capacity, ttl=timedelta(seconds=ttl), clock=clock)
        return Pair(oracle, cache), clock

    return make


@pytest.mark.parametrize(
    ("capacity", "ttl"),
    [(1, 3), (3, 5), (8, 2)],
    ids=["1 entry, 3 s", "3 entries, 5 s", "8 entries, 2 s"],
)
def test_expiry_is_exactly_cachetools_ttl_cache(capacity: int, ttl: int) -> None:
    outcomes = [run_trace(ttl_pair(capacity, ttl), seed) for seed in range(TRACES)]

    assert sum(mismatches for mismatches, _, _ in outcomes) == 0
    assert not any(skipped for _, _, skipped in outcomes)


def test_the_skipped_case_is_the_documented_one() -> None:
    """Cachetools evicts the key being replaced when it is the least recently used."""
    oracle = recording(cachetools.LRUCache)(4, getsizeof=weight)
    pair = Pair(oracle, Cache(4, weigher=weight))
    pair.put(0, 2)
    pair.put(1, 2)

    kept_going = pair.put(0, 3)

    assert not kept_going
    assert oracle.evicted[0] == 0


def test_a_difference_is_seen() -> None:
    """The comparison can fail: FIFO against cachetools' LRU disagrees on a get."""
    oracle = recording(cachetools.LRUCache)(2)
    pair = Pair(oracle, Cache(2, policy=FirstInFirstOut()))
    for key in (0, 1):
        pair.put(key, 1)
    pair.get(0)
    pair.put(2, 1)

    assert not pair.agree()
