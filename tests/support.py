"""Helpers shared by the acceptance suites: a controllable clock and a thread runner."""

from __future__ import annotations

import sys
import threading
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

# Long enough for any sane implementation; short enough that a deadlock fails, not hangs.
THREAD_TIMEOUT = 30.0


class FakeClock:
    """A clock that stands still until a test moves it; always timezone-aware.

    The one fake clock of every suite. Safe to read from worker threads.
    """

    def __init__(self, start: datetime = START) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        """The current time."""
        with self._lock:
            return self._now

    def advance(self, delta: timedelta) -> datetime:
        """Move the clock by ``delta`` (a negative one turns it back); the new time."""
        with self._lock:
            self._now += delta
            return self._now

    def set(self, moment: datetime) -> datetime:
        """Jump to ``moment``; the new time."""
        with self._lock:
            self._now = moment
            return self._now


class Outcome(Generic[T]):
    """What one thread's call ended with: a value or an exception."""

    def __init__(self, value: T | None = None, error: BaseException | None = None) -> None:
        self.value = value
        self.error = error


def run_concurrently(count: int, work: Callable[[int], T]) -> list[Outcome[T]]:
    """Call ``work(0)`` .. ``work(count - 1)`` from ``count`` threads released at once.

    Every thread waits on one barrier first, so the calls really overlap, and while they
    run the interpreter switches threads every microsecond instead of every 5 ms, so an
    unguarded read-then-write is interrupted in the middle often enough to show. Exceptions
    are recorded, never left to kill a thread silently, and the joins are bounded: a
    deadlock makes the calling test fail instead of hanging it.
    """
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        return _run_threads(count, work)
    finally:
        sys.setswitchinterval(interval)


def _run_threads(count: int, work: Callable[[int], T]) -> list[Outcome[T]]:
    barrier = threading.Barrier(count, timeout=THREAD_TIMEOUT)
    outcomes: list[Outcome[T] | None] = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = Outcome(value=work(index))
        except BaseException as error:  # noqa: BLE001 - recorded and asserted on by the caller
            outcomes[index] = Outcome(error=error)

    threads = [threading.Thread(target=run, args=(index,), daemon=True) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(THREAD_TIMEOUT)
    stuck = [thread.name for thread in threads if thread.is_alive()]
    assert not stuck, f"threads still running after {THREAD_TIMEOUT}s: {stuck}"
    return [outcome for outcome in outcomes if outcome is not None]


def values(outcomes: list[Outcome[T]]) -> list[T]:
    """The results of the calls that returned; fails on any unexpected exception."""
    errors = [outcome.error for outcome in outcomes if outcome.error is not None]
    assert not errors, f"calls raised: {errors!r}"
    return [outcome.value for outcome in outcomes if outcome.value is not None]
