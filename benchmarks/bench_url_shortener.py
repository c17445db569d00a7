"""The URL shortener's reference beside the libraries a user would pick instead.

Run with ``make bench``. Three measurements, in one run:

- **shorten and resolve per second**, in memory and in SQLite, with the store already
  holding 1,000, 100,000 and 1,000,000 links (filled in bulk), so a cost per operation
  that grows with the store shows;
- **codes**: making a code with the reference's generators and with the PyPI libraries
  that make short ids (pybase62, hashids, sqids, shortuuid, nanoid), and base62 against
  pybase62;
- **redirect latency over HTTP**: a bounded loop of GET requests to 127.0.0.1, one
  connection each, to the reference's ``RunningServer`` (wsgiref, a thread per request)
  and to the same ``ShortenerApp`` under waitress; the median and the 99th percentile.

The peers are installed from PyPI, at the versions pinned in
``requirements-url-shortener.txt``, into ``build/bench-venv-url-shortener``; the script
creates that environment on first use and runs itself there. Figures are wall-clock on a
shared machine: read the ratios, not the absolute numbers.
"""

from __future__ import annotations

import argparse
import http.client
import importlib
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import venv
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from url_shortener import InMemoryLinkStore, Shortener

ROOT = Path(__file__).resolve().parent.parent
BENCH_VENV = ROOT / "build" / "bench-venv-url-shortener"
REQUIREMENTS = Path(__file__).with_name("requirements-url-shortener.txt")
SIZES = (1_000, 100_000, 1_000_000)
BATCH = 10_000
CODES = 100_000
REQUESTS = 2_000
NOW = datetime(2030, 1, 1, tzinfo=UTC)


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


def per_second(count: int, work: Callable[[], object]) -> float:
    """Calls of ``work`` per second, over ``count`` calls."""
    start = time.perf_counter()
    for _ in range(count):
        work()
    return count / (time.perf_counter() - start)


def fill_memory(store: InMemoryLinkStore, size: int) -> None:
    """Put ``size`` links in an in-memory store, coded "x-0" .. (never a counter code)."""
    from url_shortener import Link  # noqa: PLC0415 - imported once --impl is on the path

    for number in range(size):
        store.add(Link(f"x-{number}", f"https://example.com/{number}", NOW))


def fill_sqlite(path: Path, size: int) -> None:
    """Put ``size`` rows in the links table in one transaction, as step 6 documents it."""
    micros = (NOW - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds() * 1_000_000
    with sqlite3.connect(path) as db:
        db.executemany(
            "INSERT INTO links (code, url, created_at) VALUES (?, ?, ?)",
            ((f"x-{n}", f"https://example.com/{n}", int(micros)) for n in range(size)),
        )
    db.close()


def stores(sizes: list[int]) -> None:
    """Shorten and resolve per second against stores of each size."""
    from url_shortener import InMemoryLinkStore, Shortener, SqliteLinkStore  # noqa: PLC0415

    print(f"shorten and resolve, {BATCH:,} of each against a store of N links (per second)")
    columns = ("memory shorten", "memory resolve", "sqlite shorten", "sqlite resolve")
    print(f"{'N':>10} " + " ".join(f"{column:>15}" for column in columns))
    for size in sizes:
        memory = InMemoryLinkStore()
        fill_memory(memory, size)
        figures = [*_shorten_resolve(Shortener(memory, clock=lambda: NOW), size)]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "links.sqlite"
            SqliteLinkStore(path).close()
            fill_sqlite(path, size)
            store = SqliteLinkStore(path)
            figures += _shorten_resolve(Shortener(store, clock=lambda: NOW), size)
            store.close()
        print(f"{size:>10,} " + " ".join(f"{figure:>15,.0f}" for figure in figures), flush=True)


def _shorten_resolve(shortener: Shortener, size: int) -> tuple[float, float]:
    urls = iter([f"https://example.com/new/{n}" for n in range(BATCH)])
    shorten = per_second(BATCH, lambda: shortener.shorten(next(urls)))
    rng = random.Random(size)  # noqa: S311 - which codes to look up, not secrets
    codes = iter([f"x-{rng.randrange(size)}" for _ in range(BATCH)])
    resolve = per_second(BATCH, lambda: shortener.resolve(next(codes)))
    return shorten, resolve


def codes() -> None:
    """Codes per second: the reference's generators beside the PyPI id libraries."""
    # The peers exist only in the benchmark's environment, so they are imported by name.
    base62, hashids, nanoid, shortuuid, sqids = map(
        importlib.import_module, ("base62", "hashids", "nanoid", "shortuuid", "sqids")
    )
    from url_shortener import (  # noqa: PLC0415
        CounterCodes,
        HashCodes,
        RandomCodes,
        decode_base62,
        encode_base62,
    )

    numbers = [random.Random(1).getrandbits(40) for _ in range(CODES)]  # noqa: S311
    counter, hashes = CounterCodes(), HashCodes()
    drawn = RandomCodes(random.Random(1))  # noqa: S311 - a benchmark's codes
    hasher, squid = hashids.Hashids(), sqids.Sqids()
    url = "https://example.com/some/long/path?query=1"
    numbered = iter(numbers * 2)
    rows: list[tuple[str, Callable[[], object]]] = [
        ("encode_base62 (reference)", lambda: encode_base62(next(numbered))),
        ("pybase62 encode", lambda: base62.encode(next(numbered), charset=base62.CHARSET_INVERTED)),
        ("decode_base62 (reference)", lambda: decode_base62("3Ab9xZq")),
        ("pybase62 decode", lambda: base62.decode("3Ab9xZq", charset=base62.CHARSET_INVERTED)),
        ("CounterCodes (reference)", lambda: counter.candidate(url, 0)),
        ("HashCodes (reference)", lambda: hashes.candidate(url, 0)),
        ("RandomCodes (reference)", lambda: drawn.candidate(url, 0)),
        ("hashids encode", lambda: hasher.encode(123456789)),
        ("sqids encode", lambda: squid.encode([123456789])),
        ("shortuuid, 7 characters", lambda: shortuuid.random(length=7)),
        ("nanoid, 7 characters", lambda: nanoid.generate(size=7)),
    ]
    print(f"\ncodes per second ({CODES:,} calls each)")
    for name, work in rows:
        print(f"  {name:<28} {per_second(CODES, work):>12,.0f}", flush=True)


def latency() -> None:
    """Median and p99 of a redirect over HTTP, under wsgiref and under waitress."""
    waitress = importlib.import_module("waitress")
    from url_shortener import RunningServer, Shortener, ShortenerApp  # noqa: PLC0415

    shortener = Shortener(clock=lambda: NOW)
    shortener.shorten("https://example.com/landing")
    print(f"\nredirect latency, {REQUESTS:,} GET /1 to 127.0.0.1, a connection each (ms)")
    with RunningServer(shortener) as server:
        _report("reference (wsgiref, threads)", server.port)
    app = ShortenerApp(shortener, base_url="http://127.0.0.1")
    served = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    _report("the same app under waitress", served.effective_port)
    served.close()


def _report(name: str, port: int) -> None:
    laps = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/1")
        response = connection.getresponse()
        response.read()
        connection.close()
        laps.append(time.perf_counter() - start)
        assert response.status == 302  # a benchmark of the wrong thing is worthless
    laps.sort()
    median, p99 = statistics.median(laps) * 1000, laps[int(len(laps) * 0.99)] * 1000
    print(f"  {name:<30} median {median:6.3f}   p99 {p99:6.3f}", flush=True)


def main() -> None:
    """Parse the options, enter the benchmark's environment, measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--impl", default=str(ROOT / "solutions"), help="folder that holds url_shortener/"
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args()
    in_bench_venv()
    sys.path.insert(0, str(Path(args.impl).resolve()))
    stores(args.sizes)
    codes()
    latency()


if __name__ == "__main__":
    main()
