from __future__ import annotations

from collections import OrderedDict
from typing import ClassVar

import pytest
from cache import Cache, CacheError, EntryTooHeavyError, InvalidValueError, KeyNotFoundError
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

pytestmark = [
    pytest.mark.step(1),
    pytest.mark.spec(
        "A cache of fixed capacity that forgets the least recently used entry when it is full.",
        "Keys are any hashable values, values any objects.",
    ),
]


def filled(capacity: int, *keys: str) -> Cache:
    cache = Cache(capacity)
    for number, key in enumerate(keys):
        cache.put(key, number)
    return cache


@pytest.mark.spec(
    "Cache(capacity) holds at most capacity entries.",
    "cache.capacity is the capacity it was built with.",
)
@pytest.mark.parametrize("capacity", [1, 3, 50], ids=["1 entry", "3 entries", "50 entries"])
def test_a_cache_never_holds_more_than_its_capacity(capacity: int) -> None:
    cache = Cache(capacity)

    for number in range(capacity * 3):
        cache.put(number, str(number))

    assert cache.capacity == capacity
    assert len(cache) == capacity


@pytest.mark.spec(
    "A capacity that is negative or not an int (a bool is not one) raises InvalidValueError "
    "naming it.",
    "Every error the cache raises derives from CacheError and from the builtin it resembles",
    "a capacity that is negative or not an int",
)
@pytest.mark.parametrize(
    "capacity", [-1, 2.0, "3", True, None], ids=["-1", "a float", "a str", "a bool", "None"]
)
def test_a_capacity_that_is_not_a_whole_number_is_refused(capacity: object) -> None:
    with pytest.raises(InvalidValueError, match="capacity") as raised:
        Cache(capacity)  # type: ignore[arg-type]

    assert repr(capacity) in str(raised.value)
    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, CacheError)


@pytest.mark.spec("cache.put(key, value) stores value under key")
def test_put_then_get_returns_the_value() -> None:
    cache = Cache(2)
    value = object()

    cache.put(("a", 1), value)

    assert cache.get(("a", 1)) is value


@pytest.mark.spec(
    "a put of a key the cache holds replaces its value and leaves the other entries alone."
)
def test_a_put_of_a_held_key_replaces_its_value_only() -> None:
    cache = filled(3, "a", "b", "c")

    cache.put("b", "new")

    assert cache.snapshot() == {"a": 0, "b": "new", "c": 2}


@pytest.mark.spec(
    "cache.get(key) returns the value stored under key, and None for a key the cache does "
    "not hold (a miss)",
    "cache.get(key, default) returns default on a miss instead.",
)
def test_a_miss_returns_none_or_the_default() -> None:
    cache = filled(2, "a")
    marker = object()

    assert cache.get("b") is None
    assert cache.get("b", marker) is marker
    assert cache.get("a", marker) == 0


@pytest.mark.spec(
    "len(cache) is the number of entries, key in cache says whether key has one, and "
    "cache.snapshot() returns the entries as a new dict of key to value"
)
def test_len_in_and_snapshot_describe_the_entries() -> None:
    cache = filled(5, "a", "b")

    snapshot = cache.snapshot()
    snapshot["z"] = 9

    assert len(cache) == 2
    assert "a" in cache
    assert "z" not in cache
    assert cache.snapshot() == {"a": 0, "b": 1}
    assert len(Cache(3)) == 0


@pytest.mark.spec("none of the three counts as a use of a key.")
@pytest.mark.parametrize(
    "look",
    [len, lambda cache: "a" in cache, Cache.snapshot],
    ids=["len", "in", "snapshot"],
)
def test_looking_at_the_cache_is_not_a_use(look: object) -> None:
    cache = filled(2, "a", "b")

    assert callable(look)
    look(cache)
    cache.put("c", 2)

    assert "a" not in cache


@pytest.mark.spec("cache.delete(key) removes the entry of key.")
def test_delete_removes_the_entry_and_frees_its_room() -> None:
    cache = filled(2, "a", "b")

    cache.delete("a")
    cache.put("c", 2)

    assert cache.snapshot() == {"b": 1, "c": 2}


@pytest.mark.spec(
    "A key the cache does not hold raises KeyNotFoundError naming it.",
    "delete of a key the cache holds no live entry for; the message names the key",
    "An operation that raises changes no entry",
    "Messages name the offending value as repr() shows it.",
)
def test_deleting_a_key_not_held_is_refused() -> None:
    cache = filled(2, "a")

    with pytest.raises(KeyNotFoundError) as raised:
        cache.delete("ghost")

    assert "'ghost'" in str(raised.value)
    assert isinstance(raised.value, LookupError)
    assert cache.snapshot() == {"a": 0}


@pytest.mark.spec(
    "When a put of a new key finds the cache full, the least recently used entry leaves to "
    "make room.",
)
def test_the_least_recently_put_entry_leaves_first() -> None:
    cache = filled(3, "a", "b", "c")

    cache.put("d", 3)
    cache.put("e", 4)

    assert cache.snapshot() == {"c": 2, "d": 3, "e": 4}


@pytest.mark.spec("A use is a put of the key or a get that finds it.")
@pytest.mark.parametrize(
    "use",
    [lambda cache: cache.get("a"), lambda cache: cache.put("a", "again")],
    ids=["a get", "a put"],
)
def test_a_use_makes_a_key_the_most_recent(use: object) -> None:
    cache = filled(3, "a", "b", "c")

    assert callable(use)
    use(cache)
    cache.put("d", 3)

    assert set(cache.snapshot()) == {"a", "c", "d"}


@pytest.mark.spec("A use is a put of the key or a get that finds it.")
def test_a_get_that_misses_uses_nothing() -> None:
    cache = filled(2, "a", "b")

    cache.get("z")
    cache.put("c", 2)

    assert set(cache.snapshot()) == {"b", "c"}


@pytest.mark.spec(
    "When a put of a new key finds the cache full",
    "a put of a key the cache holds replaces its value and leaves the other entries alone.",
)
def test_replacing_in_a_full_cache_evicts_nothing() -> None:
    cache = filled(2, "a", "b")

    cache.put("a", "new")

    assert cache.snapshot() == {"a": "new", "b": 1}


@pytest.mark.spec(
    "A cache of capacity 0 holds nothing: every put raises EntryTooHeavyError, and every get "
    "is a miss.",
)
def test_a_cache_of_capacity_zero_holds_nothing() -> None:
    cache = Cache(0)

    with pytest.raises(EntryTooHeavyError):
        cache.put("a", 1)

    assert cache.get("a") is None
    assert len(cache) == 0


@pytest.mark.spec("A use is a put of the key or a get that finds it.")
def test_spec_example() -> None:
    cache = Cache(2)
    cache.put("a", 1)
    cache.put("b", 2)

    assert cache.get("a") == 1
    cache.put("c", 3)

    assert cache.snapshot() == {"a": 1, "c": 3}


class CountingKey:
    """A key that counts how often the cache hashes or compares any key."""

    work: ClassVar[list[int]] = [0]

    def __init__(self, name: int) -> None:
        self.name = name

    def __hash__(self) -> int:
        CountingKey.work[0] += 1
        return hash(self.name)

    def __eq__(self, other: object) -> bool:
        CountingKey.work[0] += 1
        return isinstance(other, CountingKey) and other.name == self.name


def work_per_operation(size: int) -> int:
    cache = Cache(size)
    keys = [CountingKey(number) for number in range(size + 1)]
    for key in keys[:size]:
        cache.put(key, key.name)
    CountingKey.work[0] = 0
    cache.get(keys[size // 2])
    cache.get(keys[0])
    cache.put(keys[size // 3], "again")
    cache.put(keys[size], "new")
    cache.delete(keys[size // 2])
    "x" in cache  # noqa: B015 - the lookup is the operation measured
    len(cache)
    return CountingKey.work[0]


@pytest.mark.spec(
    "Every operation takes the same time however many entries the cache holds: none scans "
    "the entries."
)
def test_the_work_per_operation_does_not_grow_with_the_number_of_entries() -> None:
    """Counts hashes and comparisons of keys: a scan of the entries makes them grow."""
    small, large = work_per_operation(10), work_per_operation(2000)

    assert large == small


class LruModel(RuleBasedStateMachine):
    """The cache against the plainest correct LRU: an OrderedDict scanned by hand."""

    def __init__(self) -> None:
        super().__init__()
        self.cache = Cache(1)
        self.model: OrderedDict[int, int] = OrderedDict()
        self.capacity = 1

    @initialize(capacity=st.integers(1, 5))
    def build(self, capacity: int) -> None:
        """A cache of a drawn capacity."""
        self.cache = Cache(capacity)
        self.capacity = capacity

    @rule(key=st.integers(0, 8), value=st.integers())
    def put(self, key: int, value: int) -> None:
        """Put on both sides."""
        self.cache.put(key, value)
        if key in self.model:
            self.model.move_to_end(key)
        elif len(self.model) == self.capacity:
            self.model.popitem(last=False)
        self.model[key] = value

    @rule(key=st.integers(0, 8))
    def get(self, key: int) -> None:
        """Get on both sides."""
        expected = self.model.get(key)
        if key in self.model:
            self.model.move_to_end(key)

        assert self.cache.get(key) == expected

    @rule(key=st.integers(0, 8))
    def delete(self, key: int) -> None:
        """Delete on both sides."""
        if key in self.model:
            del self.model[key]
            self.cache.delete(key)
        else:
            with pytest.raises(KeyNotFoundError):
                self.cache.delete(key)

    @invariant()
    def same_entries(self) -> None:
        """The entries agree after every step."""
        assert self.cache.snapshot() == dict(self.model)
        assert len(self.cache) == len(self.model)


@pytest.mark.spec(
    "cache.put(key, value) stores value under key",
    "When a put of a new key finds the cache full, the least recently used entry leaves to "
    "make room.",
)
def test_the_cache_behaves_like_a_simple_lru_model() -> None:
    """The state machine, run as a plain test so that any runner can collect it."""
    run_state_machine_as_test(
        LruModel, settings=settings(max_examples=60, stateful_step_count=40, deadline=None)
    )
