"""How often a client may call: the RateLimiter role (a Strategy) and a token bucket (step 7)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime, timedelta


class RateLimiter(Protocol):
    """Decides whether a client's request may go ahead now."""

    def wait(self, client: str) -> timedelta:
        """``timedelta(0)`` to let the request through (and count it); else how long to wait."""
        raise NotImplementedError


class Unlimited:
    """Lets every request through."""

    def wait(self, client: str) -> timedelta:
        """Always ``timedelta(0)``."""
        raise NotImplementedError


class TokenBucket:
    """``capacity`` tokens per client, full at first; one back each ``refill``, up to capacity.

    A capacity below 1 or a refill that is not a positive timedelta is InvalidValueError.
    """

    def __init__(self, capacity: int, refill: timedelta, clock: Callable[[], datetime]) -> None:
        raise NotImplementedError

    def wait(self, client: str) -> timedelta:
        """Take a token, or say how long until the client's next one."""
        raise NotImplementedError
