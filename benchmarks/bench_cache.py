"""Get and put per second: the reference cache beside functools.lru_cache, cachetools, lru-dict.

Run with ``make bench``. Each cache is filled to N entries (N is 1,000, 100,000 and
1,000,000, so a cost per operation that grows with N shows), then timed on:

- **get (hit)**: 200,000 reads of keys it holds, in a random order;
- **put (evicting)**: 200,000 writes of new keys into the full cache, each evicting one.

Side by side, in one run: the reference's ``Cache`` with ``LeastRecentlyUsed`` (and with
``LeastFrequentlyUsed``), ``functools.lru_cache`` (C; a hit is a call of the memoized
function with a held argument, a put one with a new argument), cachetools' ``LRUCache``
(and ``LFUCache``, and ``LRUCache`` behind a ``threading.Lock``, which is what a program
with threads must add, since cachetools is not thread-safe and the reference is) and
``lru-dict``'s ``LRU`` (C). The figures are CPU time of the
process, which on a shared machine is steadier than the wall clock. Memory per entry is
what ``tracemalloc`` sees allocated by filling a cache with 100,000 entries whose keys
and values exist already.

The peers are installed from PyPI, at the versions pinned in ``requirements-cache.txt``,
into ``build/bench-venv-cache``; the script creates that environment on first use and
runs itself there. It prints nanoseconds per operation and how many times longer each
peer takes than the reference LRU (a ratio below 1 means the peer is faster).
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import random
import subprocess
import sys
import threading
import time
import tracemalloc
import venv
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

ROOT = Path(__file__).resolve().parent.parent
BENCH_VENV = ROOT / "build" / "bench-venv-cache"
REQUIREMENTS = Path(__file__).with_name("requirements-cache.txt")
SIZES = (1_000, 100_000, 1_000_000)
OPERATIONS = 200_000
MEMORY_SIZE = 100_000


def in_bench_venv() -> None:
    """Re-run this script in its own environment, creating it first if it is missing."""
    python = BENCH_VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == BENCH_VENV.resolve():
        return
    if not python.exists():
        print(f"creating {BENCH_VENV.relative_to(ROOT)} for the peers ...", flush=True)
        venv.create(BENCH_VENV, with_pip=True)
        install = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*install, "-r", str(REQUIREMENTS)], check=True)  # noqa: S603 - pinned file
    os.execv(python, [str(python), __file__, *sys.argv[1:]])  # noqa: S606 - this very script


class Subject:
    """One cache under test, seen through three operations: fill, get and put."""

    def __init__(
        self,
        name: str,
        build: Callable[[int], Any],
        get: Callable[[Any], Callable[[int], object]],
        put: Callable[[Any], Callable[[int], object]],
    ) -> None:
        self.name, self.build, self.get, self.put = name, build, get, put


class LockedLRU:
    """cachetools' LRUCache behind a lock, as its documentation asks for threads."""

    def __init__(self, size: int) -> None:
        import cachetools  # noqa: PLC0415 - the peers exist only in the benchmark's environment

        self.cache: Any = cachetools.LRUCache(size)
        self.lock = threading.Lock()

    def get(self, key: int) -> object:
        """Read under the lock."""
        with self.lock:
            return self.cache[key]

    def put(self, key: int) -> None:
        """Write under the lock."""
        with self.lock:
            self.cache[key] = key


def identity(key: int) -> int:
    """The function functools.lru_cache memoizes."""
    return key


def subjects() -> list[Subject]:
    """The reference and its peers, imported inside the benchmark's environment."""
    import cachetools  # noqa: PLC0415 - the peers exist only in the benchmark's environment
    import lru  # type: ignore[import-not-found]  # noqa: PLC0415 - lru-dict, ditto
    from cache import Cache, LeastFrequentlyUsed  # noqa: PLC0415 - on the --impl path

    def setter(cache: Any) -> Callable[[int], object]:  # noqa: ANN401 - any peer's type
        return lambda key: cache.__setitem__(key, key)

    def reference(policy: Callable[[], Any] | None) -> Callable[[int], Any]:
        return lambda size: Cache(size, policy=None if policy is None else policy())

    return [
        Subject("reference LRU", reference(None), lambda c: c.get, lambda c: lambda k: c.put(k, k)),
        Subject(
            "reference LFU",
            reference(LeastFrequentlyUsed),
            lambda c: c.get,
            lambda c: lambda k: c.put(k, k),
        ),
        Subject(
            "functools.lru_cache (C)",
            lambda size: functools.lru_cache(maxsize=size)(identity),
            lambda c: c,
            lambda c: c,
        ),
        Subject("cachetools LRUCache", cachetools.LRUCache, lambda c: c.__getitem__, setter),
        Subject("cachetools LRU + Lock", LockedLRU, lambda c: c.get, lambda c: c.put),
        Subject("cachetools LFUCache", cachetools.LFUCache, lambda c: c.__getitem__, setter),
        Subject("lru-dict LRU (C)", lru.LRU, lambda c: c.__getitem__, setter),
    ]


def filled(subject: Subject, size: int, keys: Sequence[int]) -> Any:  # noqa: ANN401 - any peer
    """A cache of ``subject``'s kind holding ``keys``."""
    cache = subject.build(size)
    put = subject.put(cache)
    for key in keys:
        put(key)
    return cache


def cpu_ns_per_call(call: Callable[[int], object], keys: Sequence[int]) -> float:
    """CPU nanoseconds per ``call(key)`` over ``keys``, with the collector off."""
    gc.disable()
    try:
        start = time.process_time_ns()
        for key in keys:
            call(key)
        return (time.process_time_ns() - start) / len(keys)
    finally:
        gc.enable()


def bytes_per_entry(subject: Subject) -> float:
    """Bytes tracemalloc sees allocated by filling a cache with MEMORY_SIZE entries."""
    keys = list(range(10**9, 10**9 + MEMORY_SIZE))
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        cache = filled(subject, MEMORY_SIZE, keys)
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    del cache
    return (after - before) / MEMORY_SIZE


def measure(sizes: Sequence[int]) -> None:
    """Print the table of figures, then the ratios to the reference LRU."""
    rng = random.Random(2026)  # noqa: S311 - a reproducible order, not a secret
    results: dict[str, dict[int, tuple[float, float]]] = {}
    for size in sizes:
        keys = list(range(size))
        hits = [rng.randrange(size) for _ in range(OPERATIONS)]
        new = list(range(size, size + OPERATIONS))
        for subject in subjects():
            cache = filled(subject, size, keys)
            get = cpu_ns_per_call(subject.get(cache), hits)
            put = cpu_ns_per_call(subject.put(cache), new)
            results.setdefault(subject.name, {})[size] = (get, put)
            del cache
            gc.collect()
    print(f"CPU ns per operation, {OPERATIONS:,} operations per figure")
    header = "".join(f"{f'{size:,} get':>16}{f'{size:,} put':>16}" for size in sizes)
    print(f"{'cache':<26}{header}")
    for name, by_size in results.items():
        row = "".join(f"{by_size[size][0]:>16.0f}{by_size[size][1]:>16.0f}" for size in sizes)
        print(f"{name:<26}{row}")
    print("how many times longer than the reference LRU (get, put)")
    ours = results["reference LRU"]
    for name, by_size in results.items():
        cells = "".join(
            f"{by_size[s][0] / ours[s][0]:>16.2f}{by_size[s][1] / ours[s][1]:>16.2f}" for s in sizes
        )
        print(f"{name:<26}{cells}")
    print(f"bytes per entry, {MEMORY_SIZE:,} entries (keys and values not counted)")
    for subject in subjects():
        print(f"{subject.name:<26}{bytes_per_entry(subject):>16.0f}")


def main() -> None:
    """Parse the options, enter the benchmark's environment, measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", default=str(ROOT / "solutions"), help="folder that holds cache/")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args()
    in_bench_venv()
    sys.path.insert(0, str(Path(args.impl).resolve()))
    measure(args.sizes)


if __name__ == "__main__":
    main()
