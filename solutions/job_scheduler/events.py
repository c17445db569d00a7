"""Lifecycle events and the bus that delivers them to subscribers (Observer)."""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable, Iterable
from datetime import datetime

import attrs

logger = logging.getLogger("job_scheduler")


class EventKind(enum.Enum):
    """The kinds of thing that happen to a job."""

    SCHEDULED = "scheduled"
    STARTED = "started"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    RETRYING = "retrying"
    MISSED = "missed"
    CANCELLED = "cancelled"
    DEAD_LETTERED = "dead_lettered"
    LEASE_LOST = "lease_lost"


@attrs.frozen
class Event:
    """Something that happened to a job, at a time read from the scheduler's clock."""

    kind: EventKind
    job_id: str
    at: datetime
    occurrence: datetime | None = None
    attempt: int = 0
    error: BaseException | None = None


Listener = Callable[[Event], object]


@attrs.define(eq=False)
class _Subscription:
    listener: Listener
    kinds: frozenset[EventKind]


@attrs.define(eq=False)
class EventBus:
    """Delivers events to subscribers; a listener that raises is logged and skipped.

    The subscriptions are a tuple that (un)subscribing replaces and nothing changes in
    place, so publishing reads it without a lock and delivers over the snapshot it read:
    listeners may (un)subscribe meanwhile, and the change applies from the next event.
    """

    _subscriptions: tuple[_Subscription, ...] = attrs.field(default=(), init=False)
    _lock: threading.Lock = attrs.field(factory=threading.Lock, init=False)

    def subscribe(
        self, listener: Listener, kinds: Iterable[EventKind] | None = None
    ) -> Callable[[], None]:
        """Call `listener` for events of `kinds` (all when None); returns the unsubscriber."""
        subscription = _Subscription(listener, frozenset(EventKind if kinds is None else kinds))
        with self._lock:
            self._subscriptions = (*self._subscriptions, subscription)

        def unsubscribe() -> None:
            with self._lock:
                kept = (each for each in self._subscriptions if each is not subscription)
                self._subscriptions = tuple(kept)

        return unsubscribe

    def publish(self, event: Event) -> None:
        """Deliver `event` to every subscription of its kind."""
        for subscription in self._subscriptions:
            if event.kind not in subscription.kinds:
                continue
            try:
                subscription.listener(event)
            except Exception:
                # Isolation: a broken listener must not stop the scheduler or other listeners.
                logger.exception("listener %r failed on %s", subscription.listener, event.kind)
