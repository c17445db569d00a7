from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from cache.driver import (
    delete,
    get,
    get_or_load,
    keys,
    new_cache,
    new_cache_with_ttl,
    put,
    size,
    stats,
)

from tests.support import THREAD_TIMEOUT, FakeClock, run_concurrently, values

pytestmark = [
    pytest.mark.interview("single-flight"),
    pytest.mark.spec(
        '"The cache now sits in front of a slow pricing service and is shared by many threads. '
        "When a key is missing, the service must not be called twice for it at the same "
        'time."',
        "Each change request adds the functions it needs, given in its own section.",
    ),
]

THREADS = 8
# How long the first load lets the other callers reach the cache; see Service.
MOMENT = 0.5


class Service:
    """A slow service that counts its calls and gives a second caller time to arrive.

    The suite cannot see inside a design to know when other threads wait in it, so the
    first call lets the others run for up to ``MOMENT`` before it answers: a design without
    single-flight calls the service again in that time, and the call is counted. No result
    depends on how long that takes, only on whether a second call happens.
    """

    def __init__(self, error: BaseException | None = None) -> None:
        self.calls: list[str] = []
        self.error = error
        self._second_call = threading.Event()
        self._lock = threading.Lock()

    def __call__(self, key: str) -> str:
        """Load ``key``."""
        with self._lock:
            self.calls.append(key)
            if len(self.calls) > 1:
                self._second_call.set()
        self._second_call.wait(MOMENT)
        if self.error is not None:
            raise self.error
        return f"price of {key}"


@pytest.mark.spec(
    "get_or_load(cache, key: str, loader) -> str returns the value of key; on a miss it calls "
    "loader(key), keeps what it returns under key, and returns it."
)
def test_get_or_load_loads_a_miss_once_and_then_hits() -> None:
    cache = new_cache(3)
    put(cache, "held", "cached")
    service = Service()

    first = get_or_load(cache, "k", service)
    second = get_or_load(cache, "k", service)
    held = get_or_load(cache, "held", service)

    assert (first, second, held) == ("price of k", "price of k", "cached")
    assert service.calls == ["k"]
    assert get(cache, "k") == "price of k"


@pytest.mark.spec("on a miss it calls loader(key)")
def test_an_expired_entry_is_a_miss_that_loads_again() -> None:
    clock = FakeClock()
    cache = new_cache_with_ttl(3, 10, clock)
    put(cache, "k", "old price")
    service = Service()

    clock.advance(timedelta(seconds=10))
    loaded = get_or_load(cache, "k", service)

    assert loaded == "price of k"
    assert service.calls == ["k"]


@pytest.mark.spec(
    "stats(cache) -> tuple[int, int, int, int] is the hits, misses, evictions and expirations "
    "so far.",
    "A get or get_or_load that finds its key is a hit and one that does not is a miss",
    "an eviction is an entry that left to make room for another, and neither a delete nor an "
    "expiry is one;",
    "Neither size, keys nor stats counts a hit or a miss.",
)
def test_stats_count_hits_misses_and_evictions() -> None:
    cache = new_cache(2)
    put(cache, "a", "A")
    put(cache, "b", "B")
    before = stats(cache)

    get(cache, "a")
    get(cache, "zzz")
    get(cache, "yyy")
    get_or_load(cache, "b", Service())
    get_or_load(cache, "c", Service())  # a miss that evicts "a", used longest ago
    put(cache, "c", "again")
    delete(cache, "b")
    put(cache, "d", "D")
    size(cache)
    keys(cache)
    stats(cache)

    assert before == (0, 0, 0, 0)
    assert stats(cache) == (2, 3, 1, 0)
    assert keys(cache) == ("c", "d")


@pytest.mark.spec(
    "neither a delete nor an expiry is one;",
    "an expiration is an entry whose time to live ran out, counted as soon as it has.",
)
def test_an_expired_entry_is_an_expiration_and_no_eviction() -> None:
    clock = FakeClock()
    cache = new_cache_with_ttl(1, 10, clock)
    put(cache, "a", "A")

    clock.advance(timedelta(seconds=10))
    at_expiry = stats(cache)
    put(cache, "b", "B")
    clock.advance(timedelta(seconds=5))
    put(cache, "c", "C")
    clock.advance(timedelta(seconds=10))

    assert at_expiry == (0, 0, 0, 1)
    assert stats(cache) == (0, 0, 1, 2)
    assert keys(cache) == ()


@pytest.mark.spec("A loader that raises keeps nothing, and its exception reaches the caller.")
def test_a_failing_load_keeps_nothing() -> None:
    cache = new_cache(3)
    error = ConnectionError("pricing is down")

    with pytest.raises(ConnectionError) as raised:
        get_or_load(cache, "k", Service(error))

    assert raised.value is error
    assert keys(cache) == ()


@pytest.mark.spec(
    "Every driver function may be called from many threads at once; no put is lost, no hit "
    "or miss goes uncounted, and the capacity holds at every moment."
)
def test_many_threads_lose_no_put_and_never_overfill() -> None:
    cache = new_cache(THREADS * 30)

    def work(index: int) -> int:
        biggest = 0
        for number in range(30):
            put(cache, f"{index}-{number}", str(number))
            get(cache, f"{index}-{number // 2}")
            biggest = max(biggest, size(cache))
        return biggest

    biggest = values(run_concurrently(THREADS, work))

    assert size(cache) == THREADS * 30
    assert max(biggest) <= THREADS * 30
    assert stats(cache) == (THREADS * 30, 0, 0, 0)
    small = new_cache(5)

    def crowd(index: int) -> int:
        for number in range(40):
            put(small, f"{index}-{number}", "v")
        return size(small)

    assert max(values(run_concurrently(THREADS, crowd))) <= 5
    assert size(small) == 5
    assert stats(small) == (0, 0, THREADS * 40 - 5, 0)


@pytest.mark.spec(
    "Concurrent get_or_load calls that miss the same key call the loader once: the others "
    "wait, and return its value"
)
def test_concurrent_misses_on_one_key_call_the_loader_once() -> None:
    cache = new_cache(10)
    service = Service()

    results = values(run_concurrently(THREADS, lambda _: get_or_load(cache, "k", service)))

    assert service.calls == ["k"]
    assert results == ["price of k"] * THREADS
    assert stats(cache) == (0, THREADS, 0, 0)


@pytest.mark.spec("or raise the same exception object when it raises.")
def test_concurrent_misses_share_the_loaders_exception() -> None:
    cache = new_cache(10)
    error = TimeoutError("pricing timed out")
    service = Service(error)

    outcomes = run_concurrently(THREADS, lambda _: get_or_load(cache, "k", service))

    assert service.calls == ["k"]
    assert [outcome.error for outcome in outcomes] == [error] * THREADS
    assert keys(cache) == ()


@pytest.mark.spec("Loads of different keys run at the same time.")
def test_loads_of_different_keys_overlap() -> None:
    cache = new_cache(10)
    both_loading = threading.Barrier(2, timeout=THREAD_TIMEOUT)

    def loader(key: str) -> str:
        both_loading.wait()  # a cache that loads one key at a time breaks this barrier
        return key.upper()

    results = values(run_concurrently(2, lambda index: get_or_load(cache, f"k{index}", loader)))

    assert sorted(results) == ["K0", "K1"]
