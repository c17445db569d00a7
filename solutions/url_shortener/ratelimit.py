"""How often a client may call: the RateLimiter role (a Strategy) and a token bucket."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from url_shortener.errors import InvalidValueError
from url_shortener.values import is_positive_span, is_whole

if TYPE_CHECKING:
    from collections.abc import Callable

NOW = timedelta(0)
_MICRO = timedelta(microseconds=1)


class RateLimiter(Protocol):
    """Decides whether a client's request may go ahead now."""

    def wait(self, client: str) -> timedelta:
        """``timedelta(0)`` to let the request through (and count it); else how long to wait."""
        ...


class Unlimited:
    """Lets every request through."""

    def wait(self, client: str) -> timedelta:  # noqa: ARG002 - nobody is limited
        """Always now."""
        return NOW


class TokenBucket:
    """``capacity`` requests at once per client, then one more each ``refill`` that passes.

    Each client's bucket starts full. Time is counted in whole microseconds, so the
    arithmetic is exact: a bucket never gains a token early through rounding.
    """

    def __init__(self, capacity: int, refill: timedelta, clock: Callable[[], datetime]) -> None:
        if not is_whole(capacity, 1):
            raise InvalidValueError(f"capacity must be a positive integer, not {capacity!r}")
        if not is_positive_span(refill) or refill < _MICRO:
            raise InvalidValueError(f"refill must be a positive timedelta, not {refill!r}")
        self._token = refill // _MICRO  # microseconds of credit one request costs
        self._full = capacity * self._token
        self._clock = clock
        self._buckets: dict[str, tuple[int, datetime]] = {}
        self._lock = threading.Lock()

    def wait(self, client: str) -> timedelta:
        """Take a token from the client's bucket, or say how long until there is one."""
        now = self._clock()
        with self._lock:
            credit, then = self._buckets.get(client, (self._full, now))
            credit = min(self._full, credit + max(0, (now - then) // _MICRO))
            if credit < self._token:
                self._buckets[client] = (credit, now)
                return (self._token - credit) * _MICRO
            self._buckets[client] = (credit - self._token, now)
            return NOW
