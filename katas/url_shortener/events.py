"""Clicks, and a listener that counts them (step 5)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import attrs


@attrs.frozen
class Click:
    """One successful resolve: the code, the clock's time, the referring host or None."""

    code: str
    at: datetime
    referrer: str | None = None


Listener = Callable[[Click], object]  # what a listener returns is ignored


class ClickCounter:
    """A listener that counts clicks per code, UTC day and referrer."""

    def __init__(self) -> None:
        raise NotImplementedError

    def __call__(self, click: Click) -> None:
        """Count one click, on the UTC date of ``click.at``."""
        raise NotImplementedError

    def count(self, code: str, day: date) -> int:
        """The clicks on ``code`` during the UTC date ``day``."""
        raise NotImplementedError

    def by_referrer(self, code: str, day: date) -> dict[str | None, int]:
        """The clicks on ``code`` during ``day``, per referrer (None: no referrer)."""
        raise NotImplementedError
