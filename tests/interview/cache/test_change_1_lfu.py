from __future__ import annotations

from typing import Any

import pytest
from cache.driver import delete, get, keys, new_cache, new_cache_with_policy, put

from tests.interview.cache.support import fill
from tests.interview.support import names_of, raises_named

pytestmark = [
    pytest.mark.interview("lfu"),
    pytest.mark.spec(
        '"Some of our callers read a few keys over and over; for them, evict the least '
        "frequently used entry instead. The same cache, with the policy chosen when it is "
        'built."',
        "Each change request adds the functions it needs, given in its own section.",
    ),
]


@pytest.mark.spec(
    "new_cache_with_policy(capacity: int, policy: str) -> cache builds a cache as new_cache "
    'does, evicting by the policy named "lru" or "lfu".',
    'Under "lfu" a full cache evicts the entry used the fewest times',
)
def test_lfu_evicts_the_entry_used_fewest_times() -> None:
    cache = fill(new_cache_with_policy(3, "lfu"), "a", "b", "c")
    get(cache, "a")
    get(cache, "a")
    get(cache, "b")
    get(cache, "c")

    fill(cache, "d")
    get(cache, "d")
    fill(cache, "e")

    assert keys(cache) == ("a", "d", "e")


@pytest.mark.spec("and among those the one used longest ago.")
def test_lfu_breaks_ties_by_recency() -> None:
    cache = fill(new_cache_with_policy(3, "lfu"), "a", "b", "c")
    get(cache, "b")
    get(cache, "a")
    get(cache, "c")

    fill(cache, "d")

    assert keys(cache) == ("a", "c", "d")


@pytest.mark.spec(
    "A put of a new key is its first use; every later put of it and every get that finds it "
    "is one more."
)
def test_a_put_of_a_held_key_counts_and_a_miss_does_not() -> None:
    cache = fill(new_cache_with_policy(2, "lfu"), "a", "b")
    put(cache, "a", "again")
    get(cache, "zzz")
    get(cache, "zzz")

    fill(cache, "c")

    assert keys(cache) == ("a", "c")


def use(cache: Any, key: str, times: int) -> None:
    for _ in range(times):
        get(cache, key)


@pytest.mark.spec("A key that is evicted or deleted and comes back starts again from one.")
def test_a_key_evicted_and_back_starts_again_from_one() -> None:
    cache = fill(new_cache_with_policy(3, "lfu"), "a", "b", "c")
    use(cache, "a", 3)
    use(cache, "b", 5)
    use(cache, "c", 5)
    fill(cache, "d")  # "a", used 4 times, is the least used
    delete(cache, "b")

    fill(cache, "a")
    use(cache, "d", 1)
    fill(cache, "x")

    assert keys(cache) == ("c", "d", "x")


@pytest.mark.spec("A key that is evicted or deleted and comes back starts again from one.")
def test_a_key_deleted_and_back_starts_again_from_one() -> None:
    cache = fill(new_cache_with_policy(3, "lfu"), "a")
    use(cache, "a", 3)
    delete(cache, "a")

    fill(cache, "a", "b", "c")
    use(cache, "b", 1)
    use(cache, "c", 1)
    fill(cache, "x")

    assert keys(cache) == ("b", "c", "x")


@pytest.mark.spec('Under "lfu" a full cache evicts the entry used the fewest times')
def test_lfu_counts_stay_right_when_a_key_catches_up_and_a_busier_one_leaves() -> None:
    cache = fill(new_cache_with_policy(3, "lfu"), "a", "b")
    use(cache, "a", 2)  # "a" used 3 times, "b" once
    use(cache, "b", 1)  # "b" used twice: a count between the others
    delete(cache, "a")

    fill(cache, "c", "d")
    fill(cache, "e")

    assert keys(cache) == ("b", "d", "e")


@pytest.mark.spec('A cache built with "lru" behaves exactly as one built by new_cache.')
def test_lru_by_name_is_the_plain_cache() -> None:
    by_name, plain = new_cache_with_policy(3, "lru"), new_cache(3)

    for cache in (by_name, plain):
        fill(cache, "a", "b", "c")
        get(cache, "a")
        fill(cache, "d", "e")

    assert keys(by_name) == keys(plain) == ("a", "d", "e")


@pytest.mark.spec("Another name is refused with UnknownPolicyError naming it")
@pytest.mark.parametrize("name", ["random", "LRU", ""], ids=["random", "upper case", "empty"])
def test_an_unknown_policy_is_refused(name: str) -> None:
    with raises_named("UnknownPolicyError", naming=repr(name)):
        new_cache_with_policy(3, name)


@pytest.mark.spec(
    "Another name is refused with UnknownPolicyError naming it and the names it knows."
)
def test_the_refusal_of_a_policy_names_the_known_ones() -> None:
    with pytest.raises(Exception) as raised:  # noqa: PT011 - the name is checked below
        new_cache_with_policy(3, "random")

    assert "UnknownPolicyError" in names_of(raised.value)
    assert "lfu" in str(raised.value)
    assert "lru" in str(raised.value)


@pytest.mark.spec("builds a cache as new_cache does")
@pytest.mark.parametrize("capacity", [0, -1], ids=["zero", "negative"])
def test_a_bad_capacity_is_refused_whatever_the_policy(capacity: Any) -> None:
    with raises_named("InvalidValueError", naming=repr(capacity)):
        new_cache_with_policy(capacity, "lfu")
