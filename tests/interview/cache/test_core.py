from __future__ import annotations

from collections import OrderedDict
from typing import Any

import pytest
from cache.driver import delete, get, keys, new_cache, put, size
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from tests.interview.cache.support import CountingKey, fill
from tests.interview.support import names_of, raises_named

pytestmark = [
    pytest.mark.interview("core"),
    pytest.mark.spec(
        "The suite talks to your design only through cache/driver.py: the functions below, "
        "which take and return plain values and the handle your own function returns.",
        "The handle is whatever your design returns: the suite never looks inside it and only "
        "passes it back to the driver.",
    ),
]


@pytest.mark.spec(
    "A fixed capacity, counted in entries. A cache is built with its capacity, a whole number "
    "of at least 1.",
    "new_cache(capacity: int) -> cache builds an empty LRU cache of that capacity, as "
    "requirement 1 says",
    "size(cache) -> int is the number of entries the cache holds.",
)
@pytest.mark.parametrize("capacity", [1, 2, 30], ids=["1 entry", "2 entries", "30 entries"])
def test_a_cache_holds_at_most_its_capacity(capacity: int) -> None:
    cache = new_cache(capacity)
    empty = size(cache)

    fill(cache, *(f"k{number}" for number in range(capacity + 5)))

    assert empty == 0
    assert size(cache) == capacity


@pytest.mark.spec(
    "A capacity of 0, a negative one, or one that is not an int (a bool is not one) is refused "
    "with InvalidValueError naming it.",
    "it raises InvalidValueError for a bad capacity.",
    "Errors are matched by name: an error matches when its class, or one of its base classes, "
    "has the name given here",
    "Where a requirement says an error names a value, str(error) contains its repr().",
)
@pytest.mark.parametrize(
    "capacity", [0, -3, 2.5, "4", True], ids=["zero", "negative", "a float", "a str", "a bool"]
)
def test_a_bad_capacity_is_refused(capacity: Any) -> None:
    with raises_named("InvalidValueError", naming=repr(capacity)):
        new_cache(capacity)


@pytest.mark.spec(
    "Keys and values are strings. put stores a value under a key and replaces the value of a "
    "key the cache holds; get returns the value, or None when the cache does not hold the key "
    "(a miss).",
    "put(cache, key: str, value: str) -> None stores value under key",
    "get(cache, key: str) -> str | None returns the value of key, or None on a miss.",
)
def test_put_stores_and_replaces_and_get_reads_or_misses() -> None:
    cache = new_cache(3)

    put(cache, "a", "one")
    put(cache, "b", "two")
    put(cache, "a", "uno")

    assert get(cache, "a") == "uno"
    assert get(cache, "b") == "two"
    assert get(cache, "c") is None


@pytest.mark.spec(
    "keys(cache) -> tuple[str, ...] is the keys the cache holds, sorted alphabetically.",
)
def test_keys_are_sorted_alphabetically() -> None:
    cache = fill(new_cache(4), "pear", "apple", "fig")

    assert keys(cache) == ("apple", "fig", "pear")
    assert keys(new_cache(1)) == ()


@pytest.mark.spec(
    "The least recently used entry leaves. When a put of a new key finds the cache full, the "
    "entry used longest ago is evicted to make room.",
    "evicting as requirement 3 says.",
)
def test_the_entry_used_longest_ago_leaves() -> None:
    cache = fill(new_cache(3), "a", "b", "c")

    fill(cache, "d", "e")

    assert keys(cache) == ("c", "d", "e")


@pytest.mark.spec("A use is a put of the key or a get that finds it")
@pytest.mark.parametrize(
    "use",
    [lambda cache: get(cache, "a"), lambda cache: put(cache, "a", "again")],
    ids=["a get", "a put"],
)
def test_a_use_saves_an_entry_from_eviction(use: Any) -> None:
    cache = fill(new_cache(3), "a", "b", "c")

    use(cache)
    fill(cache, "d")

    assert keys(cache) == ("a", "c", "d")


@pytest.mark.spec(
    "a get that misses uses nothing, and looking at the size or the keys is not a use.",
    "Neither size nor keys is a use.",
)
@pytest.mark.parametrize(
    "look",
    [lambda cache: get(cache, "zzz"), size, keys],
    ids=["a get that misses", "size", "keys"],
)
def test_misses_and_looks_are_not_uses(look: Any) -> None:
    cache = fill(new_cache(2), "a", "b")

    look(cache)
    fill(cache, "c")

    assert keys(cache) == ("b", "c")


@pytest.mark.spec(
    "Replacing evicts nothing. A put of a key the cache holds replaces its value, counts as a "
    "use, and leaves every other entry in the cache, even when the cache is full."
)
def test_replacing_in_a_full_cache_evicts_nothing() -> None:
    cache = fill(new_cache(3), "a", "b", "c")

    put(cache, "a", "new")
    fill(cache, "d")

    assert keys(cache) == ("a", "c", "d")
    assert get(cache, "a") == "new"


@pytest.mark.spec(
    "Delete removes an entry. Deleting a key removes its entry and frees its room",
    "delete(cache, key: str) -> None removes the entry of key",
)
def test_delete_removes_the_entry_and_frees_its_room() -> None:
    cache = fill(new_cache(3), "a", "b", "c")

    delete(cache, "b")
    fill(cache, "d")

    assert keys(cache) == ("a", "c", "d")
    assert get(cache, "b") is None


@pytest.mark.spec(
    "deleting a key the cache does not hold is refused with KeyNotFoundError naming the key.",
    "it raises KeyNotFoundError when there is none.",
    "A refusal changes nothing. After a refused operation, the cache holds exactly the entries "
    "it held before, and the recency order is unchanged.",
)
def test_deleting_a_missing_key_is_refused_and_changes_nothing() -> None:
    cache = fill(new_cache(2), "a", "b")

    with raises_named("KeyNotFoundError", naming=repr("ghost")):
        delete(cache, "ghost")
    fill(cache, "c")

    assert keys(cache) == ("b", "c")


@pytest.mark.spec("so you may root them all in one class of your own")
def test_the_missing_key_error_is_not_the_capacity_error() -> None:
    cache = new_cache(1)

    with pytest.raises(Exception) as raised:  # noqa: PT011 - the name is checked below
        delete(cache, "ghost")

    assert "InvalidValueError" not in names_of(raised.value)
    assert "KeyNotFoundError" in names_of(raised.value)


def work_for(capacity: int) -> int:
    cache = new_cache(capacity)
    held = [CountingKey(f"key-{number}") for number in range(capacity + 1)]
    fill(cache, *held[:capacity])
    CountingKey.work[0] = 0
    get(cache, held[capacity // 2])
    get(cache, held[0])
    put(cache, held[capacity // 3], "again")
    put(cache, held[capacity], "new")
    delete(cache, held[capacity // 2])
    get(cache, CountingKey("missing"))
    return CountingKey.work[0]


@pytest.mark.spec(
    "Every operation in O(1). Get, put and delete take the same time however many entries the "
    "cache holds: none scans the keys, so none hashes or compares more keys in a full cache of "
    "thousands than in one of ten.",
    "The suite may pass keys that are instances of a subclass of str, to count how often your "
    "design hashes and compares them.",
)
def test_get_put_and_delete_do_the_same_work_in_a_large_cache() -> None:
    assert work_for(3000) == work_for(10)


class LruModel(RuleBasedStateMachine):
    """The design against the plainest LRU there is: an OrderedDict."""

    def __init__(self) -> None:
        super().__init__()
        self.capacity = 1
        self.cache: Any = new_cache(1)
        self.model: OrderedDict[str, str] = OrderedDict()

    @initialize(capacity=st.integers(1, 4))
    def build(self, capacity: int) -> None:
        """A cache of a drawn capacity."""
        self.capacity = capacity
        self.cache = new_cache(capacity)

    @rule(key=st.sampled_from("abcdef"), value=st.sampled_from(["x", "y"]))
    def put(self, key: str, value: str) -> None:
        """Put on both sides."""
        put(self.cache, key, value)
        if key in self.model:
            self.model.move_to_end(key)
        elif len(self.model) == self.capacity:
            self.model.popitem(last=False)
        self.model[key] = value

    @rule(key=st.sampled_from("abcdef"))
    def get(self, key: str) -> None:
        """Get on both sides."""
        if key in self.model:
            self.model.move_to_end(key)

        assert get(self.cache, key) == self.model.get(key)

    @rule(key=st.sampled_from("abcdef"))
    def delete(self, key: str) -> None:
        """Delete on both sides."""
        if key in self.model:
            del self.model[key]
            delete(self.cache, key)
        else:
            with raises_named("KeyNotFoundError"):
                delete(self.cache, key)

    @invariant()
    def same_keys(self) -> None:
        """The keys agree after every step."""
        assert keys(self.cache) == tuple(sorted(self.model))
        assert size(self.cache) == len(self.model)


@pytest.mark.spec(
    "The least recently used entry leaves.",
    "A use is a put of the key or a get that finds it",
)
def test_the_design_behaves_like_an_ordered_dict() -> None:
    """The state machine, run as a plain test so that any runner can collect it."""
    run_state_machine_as_test(
        LruModel, settings=settings(max_examples=50, stateful_step_count=30, deadline=None)
    )
