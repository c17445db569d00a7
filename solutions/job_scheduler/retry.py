"""How failed runs are retried: the RetryPolicy role and three policies (Strategy)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Protocol

import attrs

from job_scheduler.validators import at_least_one, fraction, not_negative

if TYPE_CHECKING:
    from random import Random


class RetryPolicy(Protocol):
    """Decides whether, and after how long, a failed run is tried again."""

    def delay(self, failed_attempts: int, random: Random) -> timedelta | None:
        """The wait before the next attempt after `failed_attempts` failures; None: give up."""
        ...


@attrs.frozen
class NoRetry:
    """Never retry: the first failure is final."""

    def delay(self, failed_attempts: int, random: Random) -> None:  # noqa: ARG002 - never retries
        """Always give up."""
        return


@attrs.frozen
class FixedDelay:
    """Retry after the same `wait`, up to `attempts` attempts in all (the first included)."""

    wait: timedelta = attrs.field(validator=not_negative)
    attempts: int = attrs.field(default=3, validator=at_least_one)

    def delay(self, failed_attempts: int, random: Random) -> timedelta | None:  # noqa: ARG002 - no jitter
        """Return `wait`, or None once `attempts` attempts have failed."""
        return self.wait if failed_attempts < self.attempts else None


@attrs.frozen
class ExponentialBackoff:
    """Retry after `initial`, then `multiplier` times longer each time, never above `cap`.

    With `jitter` j, each delay is scaled by a factor drawn uniformly from [1 - j, 1] with
    the injected random, so retries of many jobs spread out and still never exceed `cap`.
    """

    initial: timedelta = attrs.field(validator=not_negative)
    cap: timedelta = attrs.field(validator=not_negative)
    attempts: int = attrs.field(default=5, validator=at_least_one)
    multiplier: float = attrs.field(default=2.0, validator=at_least_one)
    jitter: float = attrs.field(default=0.0, validator=fraction)

    def delay(self, failed_attempts: int, random: Random) -> timedelta | None:
        """min(cap, initial * multiplier ** (failed_attempts - 1)), jittered; None at the end."""
        if failed_attempts >= self.attempts:
            return None
        seconds, cap = self.initial.total_seconds(), self.cap.total_seconds()
        for _ in range(failed_attempts - 1):
            if seconds >= cap:  # stop growing early so huge attempt counts cannot overflow
                break
            seconds *= self.multiplier
        return min(self.cap, timedelta(seconds=seconds)) * (1.0 - self.jitter * random.random())
