"""How failed runs are retried: the RetryPolicy protocol and three policies (step 4).

The three policies are frozen values: equal exactly when built from equal settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import timedelta
    from random import Random


class RetryPolicy(Protocol):
    """Decides whether, and after how long, a failed run is tried again."""

    def delay(self, failed_attempts: int, random: Random) -> timedelta | None:
        """The wait before the next attempt after `failed_attempts` failures; None: give up."""
        ...


class NoRetry:
    """Never retry: the first failure is final."""

    def delay(self, failed_attempts: int, random: Random) -> timedelta | None:
        """See RetryPolicy."""
        raise NotImplementedError


class FixedDelay:
    """Retry after the same `wait`, up to `attempts` attempts in all (the first included)."""

    def __init__(self, wait: timedelta, attempts: int = 3) -> None:
        """ValueError naming the setting when `wait` is negative or `attempts` below 1."""
        raise NotImplementedError

    def delay(self, failed_attempts: int, random: Random) -> timedelta | None:
        """See RetryPolicy."""
        raise NotImplementedError


class ExponentialBackoff:
    """Retry after `initial`, then `multiplier` times longer each time, never above `cap`.

    With `jitter` j, each delay is scaled by a factor drawn uniformly from [1 - j, 1].
    """

    def __init__(
        self,
        initial: timedelta,
        cap: timedelta,
        attempts: int = 5,
        multiplier: float = 2.0,
        jitter: float = 0.0,
    ) -> None:
        """ValueError naming the setting when a setting makes no sense."""
        raise NotImplementedError

    def delay(self, failed_attempts: int, random: Random) -> timedelta | None:
        """See RetryPolicy."""
        raise NotImplementedError
