from __future__ import annotations

import gc
import logging
import weakref
from datetime import timedelta

import pytest
from cache import (
    Cache,
    CacheInfo,
    EntryTooHeavyError,
    KeyNotFoundError,
    Removal,
    RemovalCause,
)

from tests.cache.support import MostRecentlyUsed, Recorder
from tests.support import FakeClock

pytestmark = [pytest.mark.step(5)]

SECOND = timedelta(seconds=1)


def weigh(value: object) -> int:
    """Strings weigh their length."""
    assert isinstance(value, str)
    return len(value)


@pytest.mark.spec(
    "cache.subscribe(listener) registers a callable that is called with a Removal(key, value, "
    "cause) for every entry that leaves the cache from then on",
    "value is the value that left.",
    "cause is a RemovalCause: SIZE (evicted by the policy to make room), EXPIRED (its time to "
    "live ran out), EXPLICIT (delete) or REPLACED (a put gave its key a new value).",
)
def test_every_removal_is_told_with_its_cause() -> None:
    clock = FakeClock()
    cache = Cache(2, clock=clock)
    cache.put("gone", 0)
    recorder = Recorder()
    cache.subscribe(recorder)

    cache.put("a", 1, ttl=SECOND)
    cache.put("b", 2)
    cache.put("b", 3)
    clock.advance(SECOND)
    cache.put("c", 4)
    cache.delete("c")

    assert recorder.causes() == [
        ("gone", 0, RemovalCause.SIZE),
        ("b", 2, RemovalCause.REPLACED),
        ("a", 1, RemovalCause.EXPIRED),
        ("c", 4, RemovalCause.EXPLICIT),
    ]
    assert recorder.removals[0] == Removal("gone", 0, RemovalCause.SIZE)


@pytest.mark.spec(
    "and returns a function that unsubscribes it (calling that twice is harmless).",
    "from then on",
)
def test_an_unsubscribed_listener_hears_nothing_more() -> None:
    cache = Cache(1)
    recorder, staying = Recorder(), Recorder()
    unsubscribe = cache.subscribe(recorder)
    cache.subscribe(staying)
    cache.put("a", 1)
    cache.put("b", 2)

    unsubscribe()
    unsubscribe()
    cache.put("c", 3)

    assert recorder.causes() == [("a", 1, RemovalCause.SIZE)]
    assert staying.causes() == [("a", 1, RemovalCause.SIZE), ("b", 2, RemovalCause.SIZE)]


@pytest.mark.spec("and returns a function that unsubscribes it")
def test_the_cache_holds_no_reference_to_an_unsubscribed_listener() -> None:
    cache = Cache(1)
    recorder = Recorder()
    unsubscribe = cache.subscribe(recorder)
    held = weakref.ref(recorder)

    unsubscribe()
    del recorder, unsubscribe
    gc.collect()

    assert held() is None


@pytest.mark.spec(
    "Listeners are called after the change, in the order they subscribed, once per removal in "
    "the order the entries left."
)
def test_listeners_hear_each_removal_in_order_after_the_change() -> None:
    cache = Cache(4, weigher=weigh)
    for key in "abcd":
        cache.put(key, "x")
    heard: list[tuple[str, object, bool]] = []
    cache.subscribe(lambda removal: heard.append(("first", removal.key, "e" in cache)))
    cache.subscribe(lambda removal: heard.append(("second", removal.key, "e" in cache)))

    cache.put("e", "xxx")

    assert heard == [
        ("first", "a", True),
        ("second", "a", True),
        ("first", "b", True),
        ("second", "b", True),
        ("first", "c", True),
        ("second", "c", True),
    ]


@pytest.mark.spec("A listener may call the cache while it hears a removal.")
def test_a_listener_may_call_the_cache() -> None:
    cache = Cache(2)
    seen: list[tuple[dict[object, object], object]] = []
    cache.subscribe(lambda _removal: seen.append((cache.snapshot(), cache.get("b"))))
    cache.put("a", 1)
    cache.put("b", 2)

    cache.put("c", 3)
    cache.put("d", 4)

    assert seen == [({"b": 2, "c": 3}, 2), ({"b": 2, "d": 4}, 2)]


@pytest.mark.spec(
    "A listener that raises is logged (one record on logger cache, level ERROR, with the "
    "exception, and a message that names the listener's repr and the removal's) and neither "
    "stops the other listeners nor undoes the change."
)
def test_a_listener_that_raises_is_logged_and_changes_nothing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    cache = Cache(1)
    recorder = Recorder()

    def broken(removal: Removal) -> None:
        raise RuntimeError(f"listener broke on {removal.key}")

    cache.subscribe(broken)
    cache.subscribe(recorder)
    cache.put("a", 1)

    with caplog.at_level(logging.ERROR, logger="cache"):
        cache.put("b", 2)

    records = [record for record in caplog.records if record.name == "cache"]
    assert len(records) == 1
    assert records[0].levelno == logging.ERROR
    assert records[0].exc_info is not None
    assert "listener broke on a" in str(records[0].exc_info[1])
    assert repr(broken) in records[0].getMessage()
    assert repr(Removal("a", 1, RemovalCause.SIZE)) in records[0].getMessage()
    assert recorder.causes() == [("a", 1, RemovalCause.SIZE)]
    assert cache.snapshot() == {"b": 2}


@pytest.mark.spec(
    "cache.info() returns a CacheInfo(hits, misses, evictions, expirations, currsize, "
    "capacity), like functools.lru_cache's cache_info(): hits and misses count the lookups "
    "(get, and get_or_load of step 6) that found a live entry and those that did not, "
    "evictions the entries that left with cause SIZE, expirations those that left with cause "
    "EXPIRED, and currsize is cache.weight."
)
def test_info_counts_hits_misses_evictions_and_expirations() -> None:
    clock = FakeClock()
    cache = Cache(7, clock=clock, weigher=weigh)
    cache.put("a", "xx")
    cache.put("b", "xx", ttl=SECOND)
    cache.put("t", "x", ttl=SECOND)
    cache.get("a")
    cache.get("a")
    cache.get("nope")
    "a" in cache  # noqa: B015 - looking is not a lookup that counts
    cache.put("c", "xx")
    cache.put("c", "x")
    clock.advance(SECOND)
    cache.delete("c")
    cache.put("d", "xxxx")
    cache.put("e", "xx")
    cache.put("f", "xxxx")

    assert cache.info() == CacheInfo(
        hits=2, misses=1, evictions=2, expirations=2, currsize=6, capacity=7
    )
    assert cache.info().currsize == cache.weight


@pytest.mark.spec(
    "A refused operation counts nothing, and emits no removal other than those of the entries "
    "that had expired."
)
def test_a_refused_operation_counts_and_emits_nothing() -> None:
    clock = FakeClock()
    cache = Cache(3, clock=clock, weigher=weigh)
    cache.put("a", "xx")
    cache.put("b", "x", ttl=SECOND)
    recorder = Recorder()
    cache.subscribe(recorder)
    before = cache.info()

    with pytest.raises(EntryTooHeavyError):
        cache.put("a", "yyyy")
    clock.advance(SECOND)
    with pytest.raises(KeyNotFoundError):
        cache.delete("nope")

    assert recorder.causes() == [("b", "x", RemovalCause.EXPIRED)]
    assert cache.info() == CacheInfo(
        hits=before.hits,
        misses=before.misses,
        evictions=before.evictions,
        expirations=1,
        currsize=2,
        capacity=3,
    )


@pytest.mark.spec(
    "cache.subscribe(listener) registers a callable that is called with a Removal(key, value, "
    "cause) for every entry that leaves the cache from then on"
)
@pytest.mark.parametrize(
    "operation",
    [
        lambda cache: cache.get("x"),
        len,
        lambda cache: "x" in cache,
        Cache.snapshot,
        Cache.info,
        lambda cache: cache.get_or_load("x", str),
        lambda cache: cache.put("x", "new"),
    ],
    ids=["get", "len", "in", "snapshot", "info", "get_or_load", "put"],
)
def test_every_operation_tells_the_expiries_it_sweeps(operation: object) -> None:
    clock = FakeClock()
    cache = Cache(3, ttl=SECOND, clock=clock)
    cache.put("gone", "old")
    recorder = Recorder()
    cache.subscribe(recorder)
    clock.advance(SECOND)

    assert callable(operation)
    operation(cache)

    assert recorder.causes()[0] == ("gone", "old", RemovalCause.EXPIRED)


@pytest.mark.spec("REPLACED (a put gave its key a new value)")
def test_a_value_its_policy_gives_up_is_told_as_replaced() -> None:
    cache = Cache(6, weigher=weigh, policy=MostRecentlyUsed())
    cache.put("a", "xx")
    cache.put("b", "xx")
    recorder = Recorder()
    cache.subscribe(recorder)

    cache.put("b", "yyyyyy")

    assert recorder.causes() == [
        ("b", "xx", RemovalCause.REPLACED),
        ("a", "xx", RemovalCause.SIZE),
    ]
