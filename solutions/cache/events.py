"""What the cache announces (Observer): removals, their causes, and the listener list."""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Hashable

import attrs

log = logging.getLogger("cache")


class RemovalCause(enum.Enum):
    """Why an entry left the cache."""

    SIZE = "size"  # evicted by the policy to make room
    EXPIRED = "expired"  # its time to live ran out
    EXPLICIT = "explicit"  # delete()
    REPLACED = "replaced"  # a put gave its key a new value


@attrs.frozen
class Removal:
    """One entry that left the cache: its key, the value it had, and why."""

    key: Hashable
    value: object
    cause: RemovalCause


Listener = Callable[[Removal], None]
Removed = tuple[Hashable, object, RemovalCause]
"""A removal as the cache records it: a plain triple, made a ``Removal`` only for listeners."""


class Listeners:
    """The listener list of one cache; never shared between caches."""

    def __init__(self) -> None:
        self._listeners: list[_Subscription] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add ``listener``; the returned callable removes it (calling it twice is harmless)."""
        subscription = _Subscription(listener)
        self._listeners.append(subscription)

        def unsubscribe() -> None:
            if subscription in self._listeners:
                self._listeners.remove(subscription)

        return unsubscribe

    def notify(self, removals: list[Removed]) -> None:
        """Tell every listener of each removal, in order; a listener that raises is logged.

        The cache records removals as triples and builds a ``Removal`` only here, only when
        someone listens: an eviction nobody hears costs a tuple, not an object.
        """
        if not self._listeners:
            return
        for key, value, cause in removals:
            removal = Removal(key, value, cause)
            for subscription in list(self._listeners):  # a listener may unsubscribe itself
                try:
                    subscription.listener(removal)
                except Exception:
                    log.exception("cache listener %r failed on %r", subscription.listener, removal)


@attrs.define(eq=False)
class _Subscription:
    """One subscription: the same callable subscribed twice is told twice."""

    listener: Listener
