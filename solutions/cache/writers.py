"""Where puts and deletes go besides the cache (Strategy): write-through or write-behind."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Hashable


class BackingStore(Protocol):
    """The port to the slow, durable store behind the cache."""

    def write(self, key: Hashable, value: object) -> None:
        """Store ``value`` under ``key``."""

    def delete(self, key: Hashable) -> None:
        """Remove ``key``; a key the store does not hold is no error."""


class Writer(Protocol):
    """Told of every put and delete before the cache changes; raising refuses the change."""

    def wrote(self, key: Hashable, value: object) -> None:
        """A put of ``value`` under ``key``."""

    def deleted(self, key: Hashable) -> None:
        """A delete of ``key``."""


class WriteThrough:
    """Every put and delete reaches the store before the cache changes."""

    def __init__(self, store: BackingStore) -> None:
        self._store = store

    def wrote(self, key: Hashable, value: object) -> None:
        """Write to the store now; if it raises, the cache refuses the put."""
        self._store.write(key, value)

    def deleted(self, key: Hashable) -> None:
        """Delete from the store now; if it raises, the cache refuses the delete."""
        self._store.delete(key)


_DELETE = object()  # a pending delete, told apart from any value


class WriteBehind:
    """Puts and deletes wait in a queue until ``flush``; only a key's latest change is kept."""

    def __init__(self, store: BackingStore) -> None:
        self._store = store
        self._pending: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def pending(self) -> int:
        """The number of keys whose latest change the store has not seen."""
        with self._lock:
            return len(self._pending)

    def wrote(self, key: Hashable, value: object) -> None:
        """Queue the put; a pending change of the same key is replaced."""
        self._queue(key, value)

    def deleted(self, key: Hashable) -> None:
        """Queue the delete; a pending change of the same key is replaced."""
        self._queue(key, _DELETE)

    def flush(self) -> int:
        """Send the pending changes to the store, oldest first; how many were sent.

        A change the store refuses stays pending, with every change after it, and its
        error propagates: the next flush tries it again.
        """
        sent = 0
        with self._lock:
            while self._pending:
                key, change = next(iter(self._pending.items()))
                if change is _DELETE:
                    self._store.delete(key)
                else:
                    self._store.write(key, change)
                del self._pending[key]
                sent += 1
        return sent

    def _queue(self, key: Hashable, change: object) -> None:
        with self._lock:
            self._pending.pop(key, None)
            self._pending[key] = change
