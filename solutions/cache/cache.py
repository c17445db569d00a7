"""The cache: entries, their weights and deadlines, behind one lock; the policy picks victims."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from cache.clock import Clock, system_clock
from cache.errors import EntryTooHeavyError, InvalidValueError, KeyNotFoundError
from cache.events import Listener, Listeners, RemovalCause, Removed
from cache.expiry import Deadlines
from cache.loading import Flight
from cache.policies import EvictionPolicy, LeastRecentlyUsed
from cache.stats import CacheInfo

if TYPE_CHECKING:
    from collections.abc import Hashable

    from cache.writers import Writer

Weigher = Callable[[object], int]


class _Entry:
    """One value the cache holds, with its weight and the moment it expires (or None)."""

    __slots__ = ("expires_at", "value", "weight")

    def __init__(self, value: object, weight: int, expires_at: datetime | None) -> None:
        self.value = value
        self.weight = weight
        self.expires_at = expires_at


class Cache:
    """A bounded map from keys to values that forgets entries by policy and by time.

    Safe to call from many threads: one re-entrant lock guards the entries, the policy and
    the counters; loaders, stores' slow calls and listeners run outside it.
    Collaborators (policy, clock, weigher, writer) come in through the constructor.
    """

    def __init__(  # noqa: PLR0913 - every collaborator is an injected, optional keyword
        self,
        capacity: int,
        *,
        policy: EvictionPolicy | None = None,
        ttl: timedelta | None = None,
        clock: Clock = system_clock,
        weigher: Weigher | None = None,
        writer: Writer | None = None,
    ) -> None:
        if type(capacity) is not int or capacity < 0:
            raise InvalidValueError(f"capacity must be a whole number >= 0, not {capacity!r}")
        self.capacity = capacity
        self._ttl = _checked_ttl(ttl)
        self._policy: EvictionPolicy = policy if policy is not None else LeastRecentlyUsed()
        self._clock = clock
        self._weigher = weigher
        self._writer = writer
        self._entries: dict[Hashable, _Entry] = {}
        self._weight = 0
        self._deadlines = Deadlines()
        self._hits = self._misses = self._evictions = self._expirations = 0
        self._flights: dict[Hashable, Flight] = {}
        self._listeners = Listeners()
        self._lock = threading.RLock()

    def get(self, key: Hashable, default: object = None) -> object:
        """The live value of ``key`` (a hit, and a use), else ``default`` (a miss); O(1)."""
        with self._lock:
            removals = self._sweep() if self._deadlines.pending else None
            entry = self._entries.get(key)
            if entry is None:
                self._misses += 1
            else:
                self._hits += 1
                self._policy.read(key)
        if removals:
            self._listeners.notify(removals)
        return default if entry is None else entry.value

    def put(self, key: Hashable, value: object, *, ttl: timedelta | None = None) -> None:
        """Store ``value`` under ``key``, evicting by policy until it fits; O(1) amortised."""
        with self._lock:
            removals = self._put(key, value, ttl, write=True)
        if removals:
            self._listeners.notify(removals)

    def delete(self, key: Hashable) -> None:
        """Remove the live entry of ``key``; ``KeyNotFoundError`` when there is none."""
        with self._lock:
            removals = self._sweep()
            entry = self._entries.get(key)
            if entry is not None:
                if self._writer is not None:
                    self._writer.deleted(key)
                self._remove(key, entry)
                removals.append((key, entry.value, RemovalCause.EXPLICIT))
        self._listeners.notify(removals)
        if entry is None:
            raise KeyNotFoundError(f"no entry for key {key!r}")

    def get_or_load(self, key: Hashable, loader: Callable[[Hashable], object]) -> object:
        """The live value of ``key``, else ``loader(key)``'s, kept; one load per key at once."""
        with self._lock:
            removals = self._sweep()
            entry = self._entries.get(key)
            if entry is None:
                self._misses += 1
                new = Flight()
                flight = self._flights.setdefault(key, new)  # a load in flight, or this one
                leading = flight is new
            else:
                self._hits += 1
                self._policy.read(key)
        self._listeners.notify(removals)
        if entry is not None:
            return entry.value
        return self._load(key, loader, flight) if leading else flight.outcome()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Tell ``listener`` of every removal from now on; returns the unsubscribe call."""
        with self._lock:
            return self._listeners.subscribe(listener)

    def info(self) -> CacheInfo:
        """Hits, misses, evictions, expirations, the current total weight and the capacity."""
        with self._lock:
            removals = self._sweep()
            info = CacheInfo(
                hits=self._hits,
                misses=self._misses,
                evictions=self._evictions,
                expirations=self._expirations,
                currsize=self._weight,
                capacity=self.capacity,
            )
        self._listeners.notify(removals)
        return info

    def snapshot(self) -> dict[Hashable, object]:
        """The live entries as a new dict; counts no hit and uses no key."""
        with self._lock:
            removals = self._sweep()
            contents = {key: entry.value for key, entry in self._entries.items()}
        self._listeners.notify(removals)
        return contents

    @property
    def weight(self) -> int:
        """The total weight of the live entries (their number, without a weigher)."""
        return self.info().currsize

    def __len__(self) -> int:
        with self._lock:
            removals = self._sweep()
            count = len(self._entries)
        self._listeners.notify(removals)
        return count

    def __contains__(self, key: object) -> bool:
        with self._lock:
            removals = self._sweep()
            held = key in self._entries
        self._listeners.notify(removals)
        return held

    def _load(self, key: Hashable, loader: Callable[[Hashable], object], flight: Flight) -> object:
        """Run the load this caller leads, keep its value, and share the outcome."""
        try:
            value = loader(key)
            with self._lock:
                try:
                    removals = self._put(key, value, None, write=False)
                except EntryTooHeavyError:
                    removals = []  # returned to every caller, just not kept
        except BaseException as error:
            with self._lock:
                del self._flights[key]
            flight.fail(error)
            raise
        with self._lock:
            del self._flights[key]
        flight.succeed(value)
        self._listeners.notify(removals)
        return value

    def _put(
        self, key: Hashable, value: object, ttl: timedelta | None, *, write: bool
    ) -> list[Removed]:
        """Store one entry under the lock; the removals it caused, for the listeners."""
        weight = 1 if self._weigher is None else _weighed(self._weigher, key, value)
        ttl = self._ttl if ttl is None else _checked_ttl(ttl)
        now = self._now() if ttl is not None or self._deadlines.pending else None
        if weight > self.capacity:
            raise EntryTooHeavyError(
                f"entry {key!r} weighs {weight}, more than the capacity {self.capacity}"
            )
        if write and self._writer is not None:
            self._writer.wrote(key, value)
        removals = self._sweep(now)
        entry = _Entry(value, weight, None if ttl is None or now is None else now + ttl)
        old = self._entries.get(key)
        room = self._weight - (0 if old is None else old.weight)
        if old is not None:
            self._policy.replaced(key)
        while room + weight > self.capacity:
            victim = self._policy.victim()
            evicted = self._entries[victim]
            self._remove(victim, evicted)
            if victim == key:  # the policy gave up the old value itself to make room
                removals.append((key, evicted.value, RemovalCause.REPLACED))
                old = None
            else:
                removals.append((victim, evicted.value, RemovalCause.SIZE))
                self._evictions += 1
            room = self._weight - (0 if old is None else old.weight)
        if old is None:
            self._policy.added(key)
        else:
            removals.append((key, old.value, RemovalCause.REPLACED))
        self._entries[key] = entry
        self._weight = room + weight
        if entry.expires_at is not None:
            self._deadlines.add(entry.expires_at, key, entry)
        return removals

    def _sweep(self, now: datetime | None = None) -> list[Removed]:
        """Remove every entry whose deadline is at or before now, earliest first."""
        if not self._deadlines.pending:
            return []
        removals = []
        for key, token in self._deadlines.due(self._now() if now is None else now):
            entry = self._entries.get(key)
            if entry is not None and entry is token:
                self._remove(key, entry)
                removals.append((key, entry.value, RemovalCause.EXPIRED))
                self._expirations += 1
        self._deadlines.compact(self._entries)
        return removals

    def _remove(self, key: Hashable, entry: _Entry) -> None:
        del self._entries[key]
        self._weight -= entry.weight
        self._policy.removed(key)

    def _now(self) -> datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise InvalidValueError(f"the clock returned a naive datetime, {now!r}")
        return now


def _checked_ttl(ttl: timedelta | None) -> timedelta | None:
    if ttl is not None and not (type(ttl) is timedelta and ttl > timedelta(0)):
        raise InvalidValueError(f"ttl must be a positive timedelta, not {ttl!r}")
    return ttl


def _weighed(weigher: Weigher, key: Hashable, value: object) -> int:
    weight = weigher(value)
    if type(weight) is not int or weight < 1:
        raise InvalidValueError(
            f"the weigher gave entry {key!r} a weight of {weight!r}; a weight is a whole "
            "number >= 1"
        )
    return weight
