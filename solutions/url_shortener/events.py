"""Clicks and their delivery: listeners hear every resolve, on a thread of their own.

Observer, with a queue between the subject and its listeners: the redirect only puts the
event on the queue, so a slow listener delays nobody, and one that raises is logged and
skipped, so it breaks nothing.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

import attrs

from url_shortener.errors import InvalidValueError

LOG = logging.getLogger("url_shortener")


@attrs.frozen
class Click:
    """One resolve of a live code: when, and from which referring host (None if none)."""

    code: str
    at: datetime
    referrer: str | None = None


Listener = Callable[[Click], object]  # what a listener returns is ignored


@attrs.define(eq=False)
class _Subscription:
    listener: Listener


class ClickEvents:
    """The listeners of one service and the queue and thread that deliver to them."""

    def __init__(self) -> None:
        self._subscriptions: list[_Subscription] = []
        # Each click travels with the subscriptions of the moment it happened.
        self._queue: queue.SimpleQueue[tuple[Click, tuple[_Subscription, ...]]] = (
            queue.SimpleQueue()
        )
        self._lock = threading.Lock()
        self._settled = threading.Condition(self._lock)
        self._emitted = 0
        self._delivered = 0
        self._worker: threading.Thread | None = None

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Deliver every later click to ``listener``; the function that stops it."""
        subscription = _Subscription(listener)
        with self._lock:
            self._subscriptions.append(subscription)

        def unsubscribe() -> None:
            with self._lock:
                if subscription in self._subscriptions:
                    self._subscriptions.remove(subscription)

        return unsubscribe

    def emit(self, click: Click) -> None:
        """Queue the click for the present listeners and return at once."""
        with self._lock:
            if not self._subscriptions:
                return  # nobody to tell: no queue, no thread
            self._emitted += 1
            self._queue.put((click, tuple(self._subscriptions)))
            if self._worker is None:
                self._worker = threading.Thread(
                    target=self._deliver_forever, name="url-shortener-clicks", daemon=True
                )
                self._worker.start()

    def flush(self, timeout: timedelta) -> None:
        """Wait until every click emitted so far has reached every listener."""
        if timeout <= timedelta(0):
            raise InvalidValueError(f"timeout must be positive, not {timeout!r}")
        with self._settled:
            target = self._emitted
            if not self._settled.wait_for(
                lambda: self._delivered >= target, timeout.total_seconds()
            ):
                raise TimeoutError(f"clicks still undelivered after {timeout}")

    def _deliver_forever(self) -> None:
        while True:
            click, subscriptions = self._queue.get()
            for subscription in subscriptions:
                self._deliver(subscription, click)
            with self._settled:
                self._delivered += 1
                self._settled.notify_all()

    @staticmethod
    def _deliver(subscription: _Subscription, click: Click) -> None:
        try:
            subscription.listener(click)
        except Exception:
            LOG.exception("a click listener failed on %r; the other listeners still hear it", click)
