"""``Cache`` against cachetools' ``LRUCache``, ``LFUCache``, ``FIFOCache`` and ``TTLCache``.

Traces of puts, gets, deletes and (with a time to live) clock steps run on both sides with
the same clock; after every line the get's value and the live entries must be the same.
What matches exactly, and so is all that is compared: eviction by each of the three
policies (cachetools breaks LFU ties by recency too), by count and by weight (a value
weighs what it is, 1 to 3); a put heavier than the capacity refused with the old value
kept; a delete of a missing key refused; a default time to live, swept before a put
evicts, with an entry gone at its deadline. One difference is by design (the spec's
"Checked against the real thing"): with a weigher, a put that gives a held key a heavier
value makes room before it counts the use in cachetools, which may then evict that very
key; the kata counts the use first. A trace therefore ends before the first such put.
Not compared: a time to live per entry (cachetools' ``TLRUCache`` evicts by its own
order), events, statistics (cachetools keeps none), loaders and stores.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import attrs
import cachetools
from cache import Cache, FirstInFirstOut, LeastFrequentlyUsed, LeastRecentlyUsed

from dojo.verify.check import Check
from dojo.verify.clock import ManualClock
from dojo.verify.oracles.cache.traces import (
    ADVANCE,
    DELETE,
    GET,
    PUT,
    REFUSED,
    Line,
    Op,
    Trace,
    holds,
    line_kind,
    show_lines,
)

if TYPE_CHECKING:
    import random
    from collections.abc import Hashable, Iterator

ORACLES: dict[str, type[Any]] = {
    "LRU": cachetools.LRUCache,
    "LFU": cachetools.LFUCache,
    "FIFO": cachetools.FIFOCache,
}
CLASSES = {"LRU": LeastRecentlyUsed, "LFU": LeastFrequentlyUsed, "FIFO": FirstInFirstOut}


def weight(value: object) -> int:
    """Values weigh what they are."""
    assert isinstance(value, int)
    return value


class Real:
    """The cachetools cache of a trace, recording the keys it evicts to make room."""

    def __init__(self, trace: Trace, clock: ManualClock) -> None:
        """The cache the trace's settings name."""
        sizing = weight if trace.weighted else None
        evicted: list[Hashable] = []
        self.evicted = evicted

        base: type[Any] = cachetools.TTLCache if trace.ttl else ORACLES[trace.policy]

        class Recording(base):  # type: ignore[misc]  # a base chosen at run time
            def popitem(self) -> tuple[Hashable, object]:
                key, value = super().popitem()
                evicted.append(key)
                return key, value

        if trace.ttl:
            self.cache = Recording(trace.capacity, trace.ttl, timer=clock.seconds, getsizeof=sizing)
        else:
            self.cache = Recording(trace.capacity, getsizeof=sizing)

    def live(self) -> dict[object, object]:
        """The live entries, read without counting a use."""
        return {key: cachetools.Cache.__getitem__(self.cache, key) for key in self.cache}


def run_real(trace: Trace) -> tuple[list[Line], int]:
    """The lines of cachetools, and how many lines run before the first put the kata defines apart.

    That put is one whose key cachetools evicts to make room for its own heavier value.
    """
    clock = ManualClock()
    real = Real(trace, clock)
    lines: list[Line] = []
    for number, op in enumerate(trace.ops):
        gave: object = None
        if op.name == PUT:
            before = len(real.evicted)
            try:
                real.cache[op.key] = op.value
            except ValueError:
                gave = REFUSED
            if op.key in real.evicted[before:]:
                return lines, number
        elif op.name == GET:
            gave = real.cache.get(op.key)
        elif op.name == DELETE:
            try:
                del real.cache[op.key]
            except KeyError:
                gave = REFUSED
        else:
            clock.advance(seconds=op.value)
        lines.append([op.code(), gave, holds(real.live())])
    return lines, len(trace.ops)


def within_scope(trace: Trace) -> Trace:
    """The trace cut before the first put on which the kata and cachetools differ by design."""
    _, agreed = run_real(trace)
    return trace if agreed == len(trace.ops) else attrs.evolve(trace, ops=trace.ops[:agreed])


def run_theirs(trace: Trace) -> list[Line]:
    """The implementation's lines; an error the spec does not name ends the trace."""
    clock = ManualClock()
    options: dict[str, Any] = {}
    if trace.policy != "LRU":
        options["policy"] = CLASSES[trace.policy]()
    if trace.ttl:
        options |= {"ttl": timedelta(seconds=trace.ttl), "clock": clock}
    if trace.weighted:
        options["weigher"] = weight
    cache = Cache(trace.capacity, **options)
    lines: list[Line] = []
    for op in trace.ops:
        gave: object = None
        try:
            gave = _apply(cache, op, clock)
        except NotImplementedError:
            raise
        except (ValueError, LookupError) as error:
            gave = REFUSED if _named(op, error) else f"raised {type(error).__name__}: {error}"
        except Exception as error:  # noqa: BLE001 - their code's failure is their answer
            lines.append([op.code(), f"raised {type(error).__name__}: {error}", ""])
            return lines
        lines.append([op.code(), gave, holds(cache.snapshot())])
    return lines


def _apply(cache: Cache, op: Op, clock: ManualClock) -> object:
    if op.name == PUT:
        cache.put(op.key, op.value)
    elif op.name == GET:
        return cache.get(op.key)
    elif op.name == DELETE:
        cache.delete(op.key)
    else:
        clock.advance(seconds=op.value)
    return None


def _named(op: Op, error: Exception) -> bool:
    """The error the spec names for this line: too heavy for a put, no key for a delete."""
    if op.name == PUT:
        return isinstance(error, ValueError)
    return op.name == DELETE and isinstance(error, LookupError)


class EvictionCheck(Check[Trace]):
    """A trace on both sides; the lines' answers compared one by one."""

    def __init__(self, *, expiry: bool) -> None:
        """With ``expiry``, LRU traces with a default time to live and clock steps."""
        self.expiry = expiry

    def generate(self, rng: random.Random, index: int) -> Trace:
        """Settings, then 60 lines on 3, 6 or 12 keys, cut where the kata differs by design."""
        del index
        weighted = rng.random() < 0.4
        capacity = rng.choice((4, 6, 12) if weighted else (0, 1, 2, 3, 5, 8))
        policy = "LRU" if self.expiry else rng.choice(tuple(ORACLES))
        ttl = rng.randint(1, 6) if self.expiry else 0
        keys = rng.choice((3, 6, 12))
        ops = []
        for _ in range(60):
            action, key = rng.random(), rng.randrange(keys)
            if action < 0.45:
                ops.append(Op(PUT, key, rng.randint(1, 3)))
            elif action < 0.85 or (action < 0.93 and self.expiry):
                ops.append(Op(GET, key))
            elif self.expiry and action >= 0.93:
                ops.append(Op(ADVANCE, value=rng.randint(1, 4)))
            else:
                ops.append(Op(DELETE, key))
        return within_scope(Trace(capacity, tuple(ops), policy, weighted=weighted, ttl=ttl))

    def real(self, case: Trace) -> object:
        """The lines of cachetools."""
        return run_real(case)[0]

    def theirs(self, case: Trace) -> object:
        """The implementation's lines."""
        return run_theirs(case)

    def show(self, case: Trace) -> str:
        """The trace as code."""
        return case.show()

    def show_answers(self, real: object, theirs: object) -> tuple[str, str]:
        """The first line where the two part."""
        return show_lines(real, theirs)

    def kind(self, case: Trace, real: object, theirs: object) -> str:
        """What sort of line the two first part on."""
        del case
        return line_kind(real, theirs)

    def shrink(self, case: Trace) -> Iterator[Trace]:
        """Simpler traces, each cut where the kata differs by design."""
        for simpler in case.simpler():
            if self.expiry and not simpler.ttl:
                continue
            yield within_scope(simpler)

    def size(self, case: Trace) -> tuple[int, ...]:
        """Fewer lines, then smaller settings."""
        return case.size()

    def step(self, case: Trace) -> int | None:
        """Weights are step 4, LFU and FIFO step 2, LRU step 1, expiry step 3."""
        if case.ttl:
            return 3
        if case.weighted:
            return 4
        return 1 if case.policy == "LRU" else 2


POLICIES = EvictionCheck(expiry=False)
EXPIRY = EvictionCheck(expiry=True)
