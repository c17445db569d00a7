from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from cache import (
    BackingStore,
    Cache,
    FirstInFirstOut,
    InvalidValueError,
    LeastFrequentlyUsed,
    LeastRecentlyUsed,
    RemovalCause,
    UnknownPolicyError,
    WriteBehind,
    WriteThrough,
    cache_from_config,
    policy_named,
)

from tests.cache.support import MemoryStore, Recorder
from tests.support import FakeClock

if TYPE_CHECKING:
    from collections.abc import Hashable

pytestmark = [pytest.mark.step(6)]

SECOND = timedelta(seconds=1)


class Loader:
    """A loader that counts its calls and returns the key doubled."""

    def __init__(self, error: BaseException | None = None) -> None:
        self.calls: list[Hashable] = []
        self.error = error

    def __call__(self, key: Hashable) -> object:
        """Load ``key``."""
        self.calls.append(key)
        if self.error is not None:
            raise self.error
        return f"{key}{key}"


@pytest.mark.spec(
    "cache.get_or_load(key, loader) returns the live value of key (a hit); on a miss it calls "
    "loader(key), stores what it returns under key with the default time to live, and returns "
    "it."
)
def test_get_or_load_loads_once_then_hits() -> None:
    clock = FakeClock()
    cache = Cache(3, ttl=SECOND, clock=clock)
    loader = Loader()

    first = cache.get_or_load("k", loader)
    second = cache.get_or_load("k", loader)
    third = cache.get_or_load("k", loader)
    clock.advance(SECOND)
    after_expiry = cache.get_or_load("k", loader)

    assert (first, second, third, after_expiry) == ("kk", "kk", "kk", "kk")
    assert loader.calls == ["k", "k"]
    assert (cache.info().hits, cache.info().misses) == (2, 2)


@pytest.mark.spec("returns the live value of key (a hit)")
def test_get_or_load_of_a_held_key_is_a_use() -> None:
    cache = Cache(2)
    cache.put("a", 1)
    cache.put("b", 2)

    value = cache.get_or_load("a", Loader())
    cache.put("c", 3)

    assert value == 1
    assert set(cache.snapshot()) == {"a", "c"}


@pytest.mark.spec("A loader that raises stores nothing and its error reaches the caller.")
def test_a_loader_that_raises_stores_nothing() -> None:
    cache = Cache(3)
    error = ConnectionError("the service is down")

    with pytest.raises(ConnectionError) as raised:
        cache.get_or_load("k", Loader(error))

    assert raised.value is error
    assert "k" not in cache
    assert cache.get_or_load("k", Loader()) == "kk"


@pytest.mark.spec("A loaded value heavier than the capacity is returned but not stored.")
def test_a_loaded_value_too_heavy_to_keep_is_returned() -> None:
    cache = Cache(3, weigher=lambda value: len(str(value)))
    cache.put("a", "x")
    recorder = Recorder()
    cache.subscribe(recorder)

    value = cache.get_or_load("long", Loader())

    assert value == "longlong"
    assert cache.snapshot() == {"a": "x"}
    assert recorder.removals == []


@pytest.mark.spec("stores what it returns under key")
def test_a_loaded_value_evicts_like_a_put_and_says_so() -> None:
    cache = Cache(1)
    cache.put("a", "x")
    recorder = Recorder()
    cache.subscribe(recorder)

    cache.get_or_load("b", Loader())

    assert cache.snapshot() == {"b": "bb"}
    assert recorder.causes() == [("a", "x", RemovalCause.SIZE)]


@pytest.mark.spec(
    "Cache(capacity, writer=...) takes a writer, which hears every put and delete before the "
    "cache changes.",
    "WriteThrough(store) writes each put to store.write(key, value) and each delete to "
    "store.delete(key) at once",
    "A BackingStore is any object with those two methods.",
)
def test_write_through_reaches_the_store_at_once() -> None:
    store: BackingStore = MemoryStore()
    cache = Cache(3, writer=WriteThrough(store))

    cache.put("a", 1)
    cache.put("b", 2)
    cache.delete("a")

    assert isinstance(store, MemoryStore)
    assert store.calls == [("write", "a"), ("write", "b"), ("delete", "a")]
    assert store.data == {"b": 2}


@pytest.mark.spec(
    "if the store raises, the error reaches the caller and the cache does not change.",
    "which hears every put and delete before the cache changes.",
)
def test_a_store_that_refuses_refuses_the_put_and_the_delete() -> None:
    store = MemoryStore()
    cache = Cache(1, writer=WriteThrough(store))
    cache.put("a", 1)
    recorder = Recorder()
    cache.subscribe(recorder)
    store.refuse = {"a", "b"}

    with pytest.raises(OSError, match="'b'"):
        cache.put("b", 2)
    with pytest.raises(OSError, match="'a'"):
        cache.put("a", 3)
    with pytest.raises(OSError, match="'a'"):
        cache.delete("a")

    assert cache.snapshot() == {"a": 1}
    assert recorder.removals == []


@pytest.mark.spec(
    "WriteBehind(store) queues each put and delete instead; writer.pending is the number of "
    "keys with a change the store has not seen, and writer.flush() sends them, oldest first, "
    "and returns how many it sent."
)
def test_write_behind_sends_the_queue_on_flush() -> None:
    store = MemoryStore()
    writer = WriteBehind(store)
    cache = Cache(3, writer=writer)

    cache.put("a", 1)
    cache.put("b", 2)
    cache.delete("a")
    cache.put("c", 3)
    queued, sent_before = writer.pending, list(store.calls)
    sent = writer.flush()

    assert (queued, sent_before) == (3, [])
    assert sent == 3
    assert writer.pending == 0
    assert store.calls == [("write", "b"), ("delete", "a"), ("write", "c")]
    assert writer.flush() == 0


@pytest.mark.spec("Only the latest change of a key is kept, and it counts as the newest.")
def test_write_behind_keeps_only_the_latest_change_of_a_key() -> None:
    store = MemoryStore()
    writer = WriteBehind(store)
    cache = Cache(3, writer=writer)

    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("a", 3)
    writer.flush()

    assert store.calls == [("write", "b"), ("write", "a")]
    assert store.data == {"a": 3, "b": 2}


@pytest.mark.spec(
    "If the store raises, that change and the ones after it stay pending, and the error "
    "reaches the caller of flush."
)
def test_a_change_the_store_refuses_stays_pending_with_the_rest() -> None:
    store = MemoryStore()
    writer = WriteBehind(store)
    cache = Cache(3, writer=writer)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("c", 3)
    store.refuse = {"b"}

    with pytest.raises(OSError, match="'b'"):
        writer.flush()
    pending = writer.pending
    store.refuse = set()
    sent = writer.flush()

    assert pending == 2
    assert sent == 2
    assert store.calls == [("write", "a"), ("write", "b"), ("write", "c")]


@pytest.mark.spec("Evictions, expiry and get_or_load never call the writer.")
def test_evictions_expiry_and_loads_never_reach_the_store() -> None:
    clock = FakeClock()
    store = MemoryStore()
    cache = Cache(1, ttl=SECOND, clock=clock, writer=WriteThrough(store))
    cache.put("a", 1)
    cache.put("b", 2)
    clock.advance(SECOND)
    len(cache)

    cache.get_or_load("c", Loader())

    assert store.calls == [("write", "a"), ("write", "b")]


@pytest.mark.spec('policy_named(name) returns a new policy by name: "lru", "lfu" or "fifo".')
@pytest.mark.parametrize(
    ("name", "kind"),
    [("lru", LeastRecentlyUsed), ("lfu", LeastFrequentlyUsed), ("fifo", FirstInFirstOut)],
    ids=["lru", "lfu", "fifo"],
)
def test_policy_named_builds_a_new_policy_each_time(name: str, kind: type) -> None:
    first, second = policy_named(name), policy_named(name)

    assert isinstance(first, kind)
    assert first is not second


@pytest.mark.spec(
    'cache_from_config(config, clock=...) builds a cache from a mapping such as {"capacity": '
    '100, "policy": "lfu", "ttl_seconds": 60}: capacity is required, policy defaults to '
    '"lru", and ttl_seconds, a whole number of seconds of at least 1, is the default time to '
    "live (none when absent)."
)
def test_a_cache_built_from_a_config_has_its_policy_and_ttl() -> None:
    clock = FakeClock()
    cache = cache_from_config({"capacity": 2, "policy": "fifo", "ttl_seconds": 60}, clock=clock)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.get("a")
    cache.put("c", 3)
    first_in_first_out = cache.snapshot()
    clock.advance(60 * SECOND)
    cache.put("d", 4)

    assert cache.capacity == 2
    assert first_in_first_out == {"b": 2, "c": 3}
    assert cache.snapshot() == {"d": 4}


@pytest.mark.spec("ttl_seconds, a whole number of seconds of at least 1")
def test_a_ttl_of_one_second_is_the_shortest() -> None:
    clock = FakeClock()
    cache = cache_from_config({"capacity": 2, "ttl_seconds": 1}, clock=clock)
    cache.put("a", 1)

    alive = cache.snapshot()
    clock.advance(SECOND)

    assert (alive, cache.snapshot()) == ({"a": 1}, {})


@pytest.mark.spec('policy defaults to "lru"', "(none when absent)")
def test_a_config_with_only_a_capacity_is_an_lru_without_expiry() -> None:
    clock = FakeClock()
    cache = cache_from_config({"capacity": 2}, clock=clock)
    cache.put("a", 1)
    cache.get("a")  # used twice, but longest ago when "c" comes
    cache.put("b", 2)
    cache.put("c", 3)
    clock.advance(timedelta(days=1000))

    assert cache.snapshot() == {"b": 2, "c": 3}


@pytest.mark.spec(
    "An unknown policy name raises UnknownPolicyError",
    "policy_named or cache_from_config with a policy name it does not know; the message names "
    "it and lists the known names",
)
@pytest.mark.parametrize(
    "build",
    [
        lambda: policy_named("random"),
        lambda: cache_from_config({"capacity": 1, "policy": "random"}),
    ],
    ids=["policy_named", "cache_from_config"],
)
def test_an_unknown_policy_name_is_refused_with_the_known_names(build: object) -> None:
    assert callable(build)

    with pytest.raises(UnknownPolicyError) as raised:
        build()

    assert isinstance(raised.value, LookupError)
    assert all(name in str(raised.value) for name in ("'random'", "fifo", "lfu", "lru"))


@pytest.mark.spec(
    "a config without a capacity, with a setting it does not know (the message names it), or "
    "with a bad value raises InvalidValueError.",
    "a config that cannot build a cache",
)
@pytest.mark.parametrize(
    ("config", "named"),
    [
        ({"policy": "lru"}, "capacity"),
        ({"capacity": 3, "size": 4}, "'size'"),
        ({"capacity": "3"}, "'3'"),
        ({"capacity": -1}, "-1"),
        ({"capacity": 3, "ttl_seconds": 0}, "ttl_seconds"),
        ({"capacity": 3, "ttl_seconds": 1.5}, "1.5"),
        ({"capacity": 3, "ttl_seconds": True}, "True"),
    ],
    ids=[
        "no capacity",
        "an unknown setting",
        "a str capacity",
        "a negative capacity",
        "a zero ttl",
        "a float ttl",
        "a bool ttl",
    ],
)
def test_a_config_that_cannot_build_a_cache_is_refused(
    config: dict[str, object], named: str
) -> None:
    with pytest.raises(InvalidValueError) as raised:
        cache_from_config(config)

    assert named in str(raised.value)
