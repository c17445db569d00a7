"""A click counter: one listener that counts clicks per code, day and referring host."""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from datetime import UTC, date

from url_shortener.events import Click  # noqa: TC001 - kept real, as attrs-style modules do


class ClickCounter:
    """Counts the clicks it hears; subscribe it with ``shortener.subscribe(counter)``."""

    def __init__(self) -> None:
        self._counts: defaultdict[tuple[str, date], Counter[str | None]] = defaultdict(Counter)
        self._lock = threading.Lock()

    def __call__(self, click: Click) -> None:
        """Count one click, on the UTC day it happened."""
        with self._lock:
            self._counts[click.code, click.at.astimezone(UTC).date()][click.referrer] += 1

    def count(self, code: str, day: date) -> int:
        """The clicks on ``code`` during the UTC ``day``, from every referrer."""
        with self._lock:
            return self._counts[code, day].total()

    def by_referrer(self, code: str, day: date) -> dict[str | None, int]:
        """The clicks on ``code`` during ``day``, per referring host (None: no referrer)."""
        with self._lock:
            return dict(self._counts[code, day])
