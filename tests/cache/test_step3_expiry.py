from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from cache import Cache, InvalidValueError

from tests.support import FakeClock

pytestmark = [
    pytest.mark.step(3),
    pytest.mark.spec("Entries can have a time to live, on a clock the cache is given."),
]

SECOND = timedelta(seconds=1)
MINUTE = timedelta(minutes=1)


@pytest.mark.spec(
    "Cache(capacity, ttl=..., clock=...) takes a default time to live (a positive timedelta, "
    "or None for entries that never expire) and a clock, any callable that returns a "
    "timezone-aware datetime.",
    "An entry put at time t with a time to live d expires at t + d: from that moment on it "
    "is gone.",
)
def test_an_entry_lives_for_the_default_ttl_and_not_a_moment_longer() -> None:
    clock = FakeClock()
    cache = Cache(5, ttl=MINUTE, clock=clock)
    cache.put("a", 1)

    clock.advance(MINUTE - SECOND)
    alive = cache.get("a")
    clock.advance(SECOND)

    assert alive == 1
    assert cache.get("a") is None


@pytest.mark.spec("or None for entries that never expire")
def test_without_a_ttl_entries_never_expire() -> None:
    clock = FakeClock()
    cache = Cache(5, ttl=None, clock=clock)
    cache.put("a", 1)

    clock.advance(timedelta(days=3650))

    assert cache.get("a") == 1


@pytest.mark.spec(
    "cache.put(key, value, ttl=...) gives one entry its own time to live instead of the default."
)
def test_a_ttl_given_to_put_overrides_the_default() -> None:
    clock = FakeClock()
    cache = Cache(5, ttl=MINUTE, clock=clock)
    cache.put("short", 1, ttl=5 * SECOND)
    cache.put("long", 2, ttl=2 * MINUTE)
    cache.put("default", 3)

    clock.advance(5 * SECOND)
    after_five = cache.snapshot()
    clock.advance(MINUTE)

    assert after_five == {"long": 2, "default": 3}
    assert cache.snapshot() == {"long": 2}


@pytest.mark.spec(
    "cache.put(key, value, ttl=...) gives one entry its own time to live instead of the default."
)
def test_a_ttl_given_to_put_works_without_a_default() -> None:
    clock = FakeClock()
    cache = Cache(5, clock=clock)
    cache.put("a", 1, ttl=SECOND)
    cache.put("b", 2)

    clock.advance(SECOND)

    assert cache.snapshot() == {"b": 2}


@pytest.mark.spec("A put of the key again starts a new time to live; a get does not extend it.")
def test_a_put_starts_a_new_ttl_and_a_get_does_not() -> None:
    clock = FakeClock()
    cache = Cache(5, ttl=MINUTE, clock=clock)
    cache.put("put again", 1)
    cache.put("read", 2)

    clock.advance(30 * SECOND)
    cache.put("put again", 3)
    cache.get("read")
    clock.advance(30 * SECOND)

    assert cache.snapshot() == {"put again": 3}


@pytest.mark.spec(
    "An expired entry is never returned: get misses, key in cache is False, and it is not in "
    "len(cache) or cache.snapshot()."
)
def test_an_expired_entry_is_invisible_to_every_operation() -> None:
    clock = FakeClock()
    cache = Cache(5, ttl=MINUTE, clock=clock)
    cache.put("a", 1)
    cache.put("b", 2, ttl=2 * MINUTE)

    clock.advance(MINUTE)

    assert len(cache) == 1
    assert "a" not in cache
    assert cache.snapshot() == {"b": 2}
    assert cache.get("a", "missed") == "missed"


@pytest.mark.spec(
    "An expired entry is never returned: get misses, key in cache is False, and it is not in "
    "len(cache) or cache.snapshot()."
)
@pytest.mark.parametrize(
    "look",
    [len, lambda cache: "a" in cache, Cache.snapshot, lambda cache: cache.get("a")],
    ids=["len", "in", "snapshot", "get"],
)
def test_each_look_alone_leaves_out_an_expired_entry(look: object) -> None:
    clock = FakeClock()
    cache = Cache(5, ttl=MINUTE, clock=clock)
    cache.put("a", 1)
    clock.advance(MINUTE)

    assert callable(look)
    seen = look(cache)

    assert seen in (0, False, {}, None)


@pytest.mark.spec(
    "Expiry is swept, not only lazy: every operation first removes every entry that has "
    "expired by the clock's current time, the earliest deadline first.",
    "So expired entries never take up room, and a put into a full cache evicts by policy only "
    "if no entry has expired.",
)
def test_a_put_into_a_full_cache_replaces_expired_entries_before_evicting() -> None:
    clock = FakeClock()
    cache = Cache(3, ttl=MINUTE, clock=clock)
    cache.put("old", 1)
    cache.put("fresh", 2)
    cache.put("short", 3, ttl=SECOND)
    cache.get("short")  # the most recently used, yet the one to go

    clock.advance(SECOND)
    cache.put("new", 4)

    assert cache.snapshot() == {"old": 1, "fresh": 2, "new": 4}


@pytest.mark.spec(
    "every operation first removes every entry that has expired by the clock's current time"
)
def test_a_key_deleted_after_it_expired_is_not_found() -> None:
    clock = FakeClock()
    cache = Cache(3, ttl=MINUTE, clock=clock)
    cache.put("a", 1)

    clock.advance(MINUTE)

    with pytest.raises(LookupError, match="'a'"):
        cache.delete("a")


@pytest.mark.spec(
    "every operation first removes every entry that has expired by the clock's current time"
)
def test_an_entry_replaced_before_it_expired_keeps_its_new_deadline() -> None:
    clock = FakeClock()
    cache = Cache(3, clock=clock)
    cache.put("a", 1, ttl=SECOND)
    cache.put("a", 2, ttl=MINUTE)
    cache.put("b", 3, ttl=SECOND)
    cache.delete("b")
    cache.put("b", 4)

    clock.advance(2 * SECOND)

    assert cache.snapshot() == {"a": 2, "b": 4}


@pytest.mark.spec(
    "every operation first removes every entry that has expired by the clock's current time"
)
def test_many_replaced_deadlines_still_expire_the_live_entries() -> None:
    clock = FakeClock()
    cache = Cache(4, clock=clock)

    for round_number in range(50):
        for key in "abc":
            cache.put(key, round_number, ttl=MINUTE + round_number * SECOND)
    clock.advance(MINUTE + 48 * SECOND)
    before = cache.snapshot()
    clock.advance(SECOND)

    assert before == {"a": 49, "b": 49, "c": 49}
    assert cache.snapshot() == {}


@pytest.mark.spec(
    "every operation first removes every entry that has expired by the clock's current time"
)
def test_an_entry_left_alone_expires_while_others_are_replaced_again_and_again() -> None:
    clock = FakeClock()
    cache = Cache(4, clock=clock)
    cache.put("kept", 1, ttl=MINUTE)

    for round_number in range(100):
        cache.put("churn", round_number, ttl=timedelta(days=1))
    clock.advance(MINUTE)

    assert cache.snapshot() == {"churn": 99}


@pytest.mark.spec(
    "A ttl that is zero, negative or not a timedelta raises InvalidValueError naming it",
    "a ttl that is not a positive timedelta",
)
@pytest.mark.parametrize(
    "ttl", [timedelta(0), -SECOND, 60, "60s"], ids=["zero", "negative", "an int", "a str"]
)
def test_a_ttl_that_is_not_a_positive_timedelta_is_refused(ttl: object) -> None:
    clock = FakeClock()
    cache = Cache(3, clock=clock)
    cache.put("a", 1)

    with pytest.raises(InvalidValueError, match="ttl") as raised:
        cache.put("a", 2, ttl=ttl)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="ttl"):
        Cache(3, ttl=ttl, clock=clock)  # type: ignore[arg-type]

    assert repr(ttl) in str(raised.value)
    assert cache.snapshot() == {"a": 1}


@pytest.mark.spec(
    "a clock that returns a naive datetime makes the operation that read it raise "
    "InvalidValueError.",
    "a clock that returns a naive datetime",
)
def test_a_naive_clock_is_refused_when_it_is_read() -> None:
    naive = datetime(2026, 3, 2, 8, 0)  # noqa: DTZ001 - the naive time under test
    cache = Cache(3, ttl=MINUTE, clock=lambda: naive)

    with pytest.raises(InvalidValueError, match="naive"):
        cache.put("a", 1)

    assert len(cache) == 0


@pytest.mark.spec("A cache without any time to live never reads its clock.")
def test_a_cache_without_ttls_never_reads_its_clock() -> None:
    reads: list[int] = []

    def clock() -> datetime:
        reads.append(1)
        raise AssertionError

    cache = Cache(2, clock=clock)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("c", 3)
    cache.get("b")
    cache.delete("b")
    "a" in cache  # noqa: B015 - the lookup is the operation under test

    assert (len(cache), cache.snapshot(), reads) == (1, {"c": 3}, [])


@pytest.mark.spec("Expiry is swept, not only lazy")
def test_spec_example() -> None:
    clock = FakeClock()
    cache = Cache(10, ttl=timedelta(seconds=60), clock=clock)
    cache.put("a", 1)
    cache.put("b", 2, ttl=timedelta(seconds=5))

    clock.advance(timedelta(seconds=5))

    assert cache.get("b") is None
    assert len(cache) == 1
