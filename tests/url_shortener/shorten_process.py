"""A process that shortens URLs into a shared SQLite file, for the multi-process test.

    python shorten_process.py DATABASE SEED COUNT

It says ``ready``, waits for a line on stdin so that every process starts together, then
shortens COUNT URLs with two-character random codes (so processes collide often) and
writes one line ``CODE URL`` per link, then ``done``.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime

from url_shortener import RandomCodes, Shortener, SqliteLinkStore


def main(database: str, seed: int, count: int) -> None:
    """Shorten ``count`` URLs into ``database`` and report each code."""
    store = SqliteLinkStore(database)
    generator = RandomCodes(random.Random(seed), 2)  # noqa: S311 - codes, not secrets
    shortener = Shortener(
        store, generator, clock=lambda: datetime(2030, 1, 1, tzinfo=UTC), max_attempts=200
    )
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    sys.stdin.readline()
    for number in range(count):
        link = shortener.shorten(f"https://example.com/{seed}/{number}")
        sys.stdout.write(f"{link.code} {link.url}\n")
    sys.stdout.write("done\n")
    sys.stdout.flush()
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
