from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from cache.driver import get, keys, new_cache_with_ttl, put, size

from tests.interview.cache.support import fill
from tests.interview.support import raises_named
from tests.support import FakeClock

pytestmark = [
    pytest.mark.interview("expiry"),
    pytest.mark.spec(
        '"Prices change: an entry must not be served more than N seconds after it was put."',
        "Each change request adds the functions it needs, given in its own section.",
    ),
]

SECOND = timedelta(seconds=1)


@pytest.mark.spec(
    "new_cache_with_ttl(capacity: int, ttl_seconds: int, clock) -> cache builds an LRU cache "
    "whose entries expire ttl_seconds after their latest put.",
    "An entry put at time t is gone from t + ttl_seconds on: get misses, and it is in neither "
    "size nor keys.",
)
def test_an_entry_is_gone_at_its_deadline_and_not_before() -> None:
    clock = FakeClock()
    cache = fill(new_cache_with_ttl(5, 60, clock), "a", "b")

    clock.advance(59 * SECOND)
    before = (get(cache, "a"), size(cache), keys(cache))
    clock.advance(SECOND)

    assert before == ("A", 2, ("a", "b"))
    assert (get(cache, "a"), size(cache), keys(cache)) == (None, 0, ())


@pytest.mark.spec("it is in neither size nor keys.")
def test_size_counts_no_expired_entry_even_when_asked_first() -> None:
    clock = FakeClock()
    cache = fill(new_cache_with_ttl(5, 60, clock), "a", "b")

    clock.advance(60 * SECOND)
    counted = size(cache)

    assert counted == 0
    assert keys(cache) == ()


@pytest.mark.spec(
    "clock is a callable that returns the time as a timezone-aware datetime; the cache reads "
    "the time only from it."
)
def test_the_cache_reads_time_only_from_its_clock() -> None:
    clock = FakeClock(datetime(2001, 1, 1, tzinfo=UTC))
    cache = fill(new_cache_with_ttl(5, 30, clock), "a")

    clock.advance(29 * SECOND)
    fill(cache, "b")
    clock.advance(SECOND)

    assert keys(cache) == ("b",)


@pytest.mark.spec("A get does not extend its life; a put of the key again does.")
def test_a_put_extends_an_entrys_life_and_a_get_does_not() -> None:
    clock = FakeClock()
    cache = fill(new_cache_with_ttl(5, 10, clock), "put", "read")

    clock.advance(6 * SECOND)
    put(cache, "put", "again")
    get(cache, "read")
    clock.advance(4 * SECOND)

    assert keys(cache) == ("put",)
    assert get(cache, "put") == "again"


@pytest.mark.spec(
    "An expired entry takes no room: a put into a full cache evicts a live entry only when no "
    "entry has expired."
)
def test_expired_entries_make_room_before_live_ones_are_evicted() -> None:
    clock = FakeClock()
    cache = fill(new_cache_with_ttl(3, 10, clock), "old")
    clock.advance(5 * SECOND)
    fill(cache, "b", "c")
    get(cache, "old")

    clock.advance(5 * SECOND)
    fill(cache, "d")
    fill(cache, "e")

    assert keys(cache) == ("c", "d", "e")


@pytest.mark.spec(
    "A ttl_seconds below 1 or not an int is refused with InvalidValueError naming it."
)
@pytest.mark.parametrize(
    "ttl_seconds", [0, -5, 1.5, "60"], ids=["zero", "negative", "a float", "a str"]
)
def test_a_bad_ttl_is_refused(ttl_seconds: Any) -> None:
    with raises_named("InvalidValueError", naming=repr(ttl_seconds)):
        new_cache_with_ttl(3, ttl_seconds, FakeClock())


@pytest.mark.spec("builds an LRU cache")
def test_the_cache_with_a_ttl_is_still_an_lru() -> None:
    clock = FakeClock(datetime(2026, 3, 2, 8, 0).astimezone())
    cache = fill(new_cache_with_ttl(2, 60, clock), "a", "b")

    get(cache, "a")
    fill(cache, "c")

    assert keys(cache) == ("a", "c")


@pytest.mark.spec(
    "A ttl_seconds below 1 or not an int is refused with InvalidValueError naming it."
)
def test_a_ttl_of_one_second_is_accepted() -> None:
    clock = FakeClock()
    cache = fill(new_cache_with_ttl(2, 1, clock), "a")

    alive = keys(cache)
    clock.advance(SECOND)

    assert (alive, keys(cache)) == (("a",), ())
