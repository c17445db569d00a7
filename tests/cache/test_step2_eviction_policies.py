from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import ClassVar

import pytest
from cache import (
    Cache,
    EvictionPolicy,
    FirstInFirstOut,
    LeastFrequentlyUsed,
    LeastRecentlyUsed,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cache.support import MostRecentlyUsed

pytestmark = [
    pytest.mark.step(2),
    pytest.mark.spec(
        "Which entry leaves is a policy the cache is given: Cache(capacity, policy=...)."
    ),
]

Step = Callable[[Cache], object]


def run(policy: EvictionPolicy, *steps: Step, capacity: int = 3) -> dict[Hashable, object]:
    cache = Cache(capacity, policy=policy)
    for step in steps:
        step(cache)
    return cache.snapshot()


def put(key: str) -> Step:
    return lambda cache: cache.put(key, key.upper())


def get(key: str) -> Step:
    return lambda cache: cache.get(key)


@pytest.mark.spec(
    "LeastRecentlyUsed() (the default) evicts the entry used longest ago, as in step 1."
)
def test_least_recently_used_evicts_the_entry_used_longest_ago() -> None:
    steps = (put("a"), put("b"), put("c"), get("a"), put("b"), put("d"))

    assert set(run(LeastRecentlyUsed(), *steps)) == {"a", "b", "d"}


@pytest.mark.spec("LeastFrequentlyUsed() evicts the entry used the fewest times")
def test_least_frequently_used_evicts_the_entry_used_fewest_times() -> None:
    steps = (put("a"), get("a"), get("a"), put("b"), get("b"), put("c"), put("d"))

    assert set(run(LeastFrequentlyUsed(), *steps)) == {"a", "b", "d"}


@pytest.mark.spec("among those, the one used longest ago.")
def test_least_frequently_used_breaks_ties_by_recency() -> None:
    steps = (put("a"), put("b"), put("c"), get("a"), get("b"), get("c"), get("a"), put("d"))

    assert set(run(LeastFrequentlyUsed(), *steps)) == {"a", "c", "d"}


@pytest.mark.spec(
    "A put of a key the cache does not hold is its first use; every later put of it and "
    "every get that finds it is one more."
)
def test_a_put_of_a_held_key_counts_as_a_use() -> None:
    steps = (put("a"), put("b"), put("a"), put("c"), put("b"), put("b"), put("d"))

    assert set(run(LeastFrequentlyUsed(), *steps)) == {"a", "b", "d"}


@pytest.mark.spec(
    "A put of a key the cache does not hold is its first use; every later put of it and "
    "every get that finds it is one more."
)
def test_a_get_that_misses_counts_no_use() -> None:
    steps = (put("a"), get("z"), get("z"), put("b"), get("b"), put("c"), get("a"), put("d"))

    assert set(run(LeastFrequentlyUsed(), *steps)) == {"a", "b", "d"}


@pytest.mark.spec("A key that leaves and comes back starts counting again from one.")
def test_a_key_that_comes_back_starts_again_from_one() -> None:
    def delete_a(cache: Cache) -> None:
        cache.delete("a")

    steps = (put("a"), get("a"), get("a"), delete_a, put("a"), put("b"), get("b"), put("c"))

    assert set(run(LeastFrequentlyUsed(), *steps, get("c"), put("d"))) == {"b", "c", "d"}


@pytest.mark.spec(
    "FirstInFirstOut() evicts the entry whose latest put is the oldest; a get changes nothing"
)
def test_first_in_first_out_ignores_gets() -> None:
    steps = (put("a"), put("b"), put("c"), get("a"), get("a"), put("d"))

    assert set(run(FirstInFirstOut(), *steps)) == {"b", "c", "d"}


@pytest.mark.spec("a put of a key the cache holds queues it again as the newest.")
def test_first_in_first_out_queues_a_replaced_key_again() -> None:
    steps = (put("a"), put("b"), put("c"), put("a"), put("d"))

    assert set(run(FirstInFirstOut(), *steps)) == {"a", "c", "d"}


@pytest.mark.spec(
    "A policy is any object with the methods of EvictionPolicy, including one written in "
    "your own code; the cache needs no change for it.",
    "victim() when it needs room, then evicts the key victim() returns.",
)
def test_a_policy_written_outside_the_package_decides_what_leaves() -> None:
    steps = (put("a"), put("b"), put("c"), get("a"), put("d"))

    assert set(run(MostRecentlyUsed(), *steps)) == {"b", "c", "d"}


@pytest.mark.spec(
    "The cache calls added(key) after a put of a key it did not hold, replaced(key) after a "
    "put of a key it held, read(key) after a get that finds the key, removed(key) after an "
    "entry leaves for any reason"
)
def test_the_cache_tells_its_policy_what_happened_to_each_key() -> None:
    policy = MostRecentlyUsed()
    cache = Cache(2, policy=policy)

    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("a", 3)
    cache.get("b")
    cache.get("zz")
    "a" in cache  # noqa: B015 - looking is not a use; the policy hears nothing
    cache.put("c", 4)
    cache.delete("a")

    assert policy.calls == [
        ("added", "a"),
        ("added", "b"),
        ("replaced", "a"),
        ("read", "b"),
        ("victim", "b"),
        ("removed", "b"),
        ("added", "c"),
        ("removed", "a"),
    ]


class CountingKey:
    """A key that counts how often a policy hashes or compares any key."""

    work: ClassVar[list[int]] = [0]

    def __init__(self, name: int) -> None:
        self.name = name

    def __hash__(self) -> int:
        CountingKey.work[0] += 1
        return hash(self.name)

    def __eq__(self, other: object) -> bool:
        CountingKey.work[0] += 1
        return isinstance(other, CountingKey) and other.name == self.name


def policy_work(make: Callable[[], EvictionPolicy], size: int) -> int:
    policy = make()
    keys = [CountingKey(number) for number in range(size)]
    for key in keys:
        policy.added(key)
    for key in keys[::3]:
        policy.read(key)
    CountingKey.work[0] = 0
    policy.read(keys[size // 2])
    policy.replaced(keys[size // 3])
    policy.removed(keys[size // 4])
    victim = policy.victim()
    policy.removed(victim)
    policy.added(CountingKey(size + 1))
    return CountingKey.work[0]


@pytest.mark.spec(
    "Each policy takes the same time for every call however many keys it tracks, including "
    "LeastFrequentlyUsed: none scans its keys or counts."
)
@pytest.mark.parametrize(
    "make",
    [LeastRecentlyUsed, LeastFrequentlyUsed, FirstInFirstOut],
    ids=["LRU", "LFU", "FIFO"],
)
def test_the_work_of_a_policy_does_not_grow_with_its_keys(
    make: Callable[[], EvictionPolicy],
) -> None:
    """Counts hashes and comparisons of keys: a scan of the keys makes them grow."""
    assert policy_work(make, 2000) == policy_work(make, 12)


def lfu_model_victim(counts: dict[int, int], last_use: dict[int, int]) -> int:
    return min(counts, key=lambda key: (counts[key], last_use[key]))


@pytest.mark.spec(
    "LeastFrequentlyUsed() evicts the entry used the fewest times; among those, the one used "
    "longest ago."
)
@settings(max_examples=150, deadline=None)
@given(
    capacity=st.integers(1, 4),
    operations=st.lists(st.tuples(st.booleans(), st.integers(0, 6)), max_size=60),
)
def test_least_frequently_used_matches_a_model_that_scans(
    capacity: int, operations: list[tuple[bool, int]]
) -> None:
    cache = Cache(capacity, policy=LeastFrequentlyUsed())
    counts: dict[int, int] = {}
    last_use: dict[int, int] = {}

    for moment, (is_put, key) in enumerate(operations):
        if is_put:
            cache.put(key, moment)
            if key not in counts and len(counts) == capacity:
                victim = lfu_model_victim(counts, last_use)
                del counts[victim], last_use[victim]
            counts[key] = counts.get(key, 0) + 1
            last_use[key] = moment
        else:
            cache.get(key)
            if key in counts:
                counts[key] += 1
                last_use[key] = moment

        assert set(cache.snapshot()) == set(counts)
