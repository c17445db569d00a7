"""The reference's LRU against ``functools.lru_cache`` on random traces of calls.

Each trace calls a memoized function on random arguments; after every call the two must
agree on hits, misses and ``currsize``. The reference memoizes through ``get_or_load``,
which counts a hit or a miss as ``lru_cache`` does and returns a value too heavy to keep
(every value, at capacity 0) without storing it, as ``lru_cache(maxsize=0)`` does.
"""

from __future__ import annotations

import functools
import random

import pytest
from cache import Cache

pytestmark = pytest.mark.conformance

TRACES = 500  # per size: 3,000 traces in all
CALLS = 60  # per trace
SIZES = (0, 1, 2, 3, 8, 32)


def square(argument: int) -> int:
    return argument * argument


def trace_mismatches(size: int, seed: int) -> int:
    """Run one trace; the number of calls after which the two disagree."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible trace, not a secret
    oracle = functools.lru_cache(maxsize=size)(square)
    cache = Cache(size)
    spread = rng.choice((2, size + 2, 3 * size + 3, 50))
    mismatches = 0
    for _ in range(CALLS):
        argument = rng.randrange(spread)
        expected = oracle(argument)
        actual = cache.get_or_load(argument, square)  # type: ignore[arg-type]
        info, ours = oracle.cache_info(), cache.info()
        if (actual, ours.hits, ours.misses, ours.currsize) != (
            expected,
            info.hits,
            info.misses,
            info.currsize,
        ):
            mismatches += 1
    return mismatches


@pytest.mark.parametrize("size", SIZES, ids=[f"maxsize {size}" for size in SIZES])
def test_the_lru_counts_exactly_as_functools_lru_cache(size: int) -> None:
    mismatches = sum(trace_mismatches(size, seed) for seed in range(TRACES))

    assert mismatches == 0


def test_a_trace_that_differs_is_seen() -> None:
    """The comparison can fail: an LRU that never evicts disagrees at once."""
    oracle = functools.lru_cache(maxsize=1)(square)
    cache = Cache(2)
    for argument in (1, 2, 1):
        oracle(argument)
        cache.get_or_load(argument, square)  # type: ignore[arg-type]

    assert cache.info().hits != oracle.cache_info().hits
