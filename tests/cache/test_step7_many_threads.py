from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pytest
from cache import Cache, LeastFrequentlyUsed

from tests.support import THREAD_TIMEOUT, run_concurrently, values

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

pytestmark = [
    pytest.mark.step(7),
    pytest.mark.spec(
        "get, put, delete, get_or_load, len, info and subscribe may be called from many "
        "threads at once:"
    ),
]

THREADS = 8


def wait_until(condition: Callable[[], bool]) -> None:
    """Wait, bounded, until ``condition()`` holds; fails instead of hanging."""
    idle = threading.Event()
    for _ in range(int(THREAD_TIMEOUT * 1000)):
        if condition():
            return
        idle.wait(0.001)
    pytest.fail("the condition never held")


@pytest.mark.spec(
    "no update is lost: what every thread put is there (when it fits), and info() counts every get;"
)
def test_no_put_and_no_get_is_lost() -> None:
    cache = Cache(THREADS * 50, policy=LeastFrequentlyUsed())

    def work(index: int) -> int:
        for number in range(50):
            cache.put((index, number), number)
            cache.get((index, number))
            cache.get((index, -number - 1))
        return index

    values(run_concurrently(THREADS, work))

    info = cache.info()
    assert len(cache) == THREADS * 50
    assert all(cache.snapshot()[(index, 7)] == 7 for index in range(THREADS))
    assert (info.hits, info.misses) == (THREADS * 50, THREADS * 50)


@pytest.mark.spec("the capacity holds at every moment: no thread ever sees cache.weight above it;")
def test_the_capacity_holds_at_every_moment() -> None:
    cache = Cache(10, weigher=lambda value: 1 + int(str(value)) % 3)

    def work(index: int) -> int:
        heaviest = 0
        for number in range(200):
            cache.put((index, number % 17), number)
            heaviest = max(heaviest, cache.weight, cache.info().currsize)
            if number % 5 == 0:
                cache.get_or_load((index, number), lambda key: key[1])  # type: ignore[index]
        return heaviest

    heaviest = values(run_concurrently(THREADS, work))

    assert max(heaviest) <= 10
    assert cache.weight == sum(1 + int(str(v)) % 3 for v in cache.snapshot().values())


@pytest.mark.spec(
    "single-flight: concurrent get_or_load calls that miss the same key call the loader once.",
    "The others wait, and each counts a miss; when the load returns, they all return its value",
)
def test_concurrent_misses_on_one_key_load_it_once() -> None:
    cache = Cache(10)
    calls: list[Hashable] = []

    def slow_loader(key: Hashable) -> object:
        calls.append(key)
        wait_until(lambda: cache.info().misses >= THREADS)  # every caller has missed
        return object()

    results = values(run_concurrently(THREADS, lambda _: cache.get_or_load("k", slow_loader)))

    assert calls == ["k"]
    assert len(results) == THREADS
    assert all(result is results[0] for result in results)
    assert cache.get("k") is results[0]


@pytest.mark.spec("and when it raises, they all raise that same exception object.")
def test_concurrent_misses_share_the_loaders_error() -> None:
    cache = Cache(10)
    calls: list[Hashable] = []
    error = TimeoutError("the service timed out")

    def failing_loader(key: Hashable) -> object:
        calls.append(key)
        wait_until(lambda: cache.info().misses >= THREADS)
        raise error

    outcomes = run_concurrently(THREADS, lambda _: cache.get_or_load("k", failing_loader))

    assert calls == ["k"]
    assert all(outcome.error is error for outcome in outcomes)
    assert "k" not in cache


@pytest.mark.spec("Loads of different keys run at the same time.")
def test_loads_of_different_keys_overlap() -> None:
    cache = Cache(10)
    both_loading = threading.Barrier(2, timeout=THREAD_TIMEOUT)

    def loader(key: Hashable) -> object:
        both_loading.wait()  # a cache that loads one key at a time breaks this barrier
        return key

    results = values(run_concurrently(2, lambda index: cache.get_or_load(index, loader)))

    assert sorted(results) == [0, 1]  # type: ignore[type-var]


@pytest.mark.spec("get, put, delete, get_or_load, len, info and subscribe")
def test_deletes_and_subscriptions_from_many_threads_keep_the_cache_whole() -> None:
    cache = Cache(THREADS * 20)
    heard: list[Hashable] = []

    def work(index: int) -> int:
        unsubscribe = cache.subscribe(lambda removal: heard.append(removal.key))
        for number in range(20):
            cache.put((index, number), number)
        for number in range(0, 20, 2):
            cache.delete((index, number))
        unsubscribe()
        return len(cache)

    values(run_concurrently(THREADS, work))

    assert len(cache) == THREADS * 10
    assert all((index, 1) in cache and (index, 0) not in cache for index in range(THREADS))
    assert set(heard) >= {(index, 0) for index in range(THREADS)}
