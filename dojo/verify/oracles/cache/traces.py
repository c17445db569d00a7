"""A trace of cache operations: its lines, the clock both sides share, and simpler traces.

A trace is a capacity, a policy, whether values weigh what they are, a default time to
live, and operations on small integer keys. Each side answers with one entry per line:
the line, what it gave (a get's value, ``refused`` for an error the spec names) and what
the cache holds after it, as ``{key: value}`` in key order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from dojo.verify.check import first_difference, show_parting

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

PUT, GET, DELETE, ADVANCE = "put", "get", "delete", "advance"
REFUSED = "refused"
WEIGHER = "lambda value: value"
CONSTRUCTORS = {
    "LRU": "LeastRecentlyUsed()",
    "LFU": "LeastFrequentlyUsed()",
    "FIFO": "FirstInFirstOut()",
}
Line = list[object]  # [the line, what it gave, what the cache holds after it]


@attrs.frozen
class Op:
    """One line of a trace: a put of ``value``, a get, a delete, or the clock moved on."""

    name: str
    key: int = 0
    value: int = 0

    def code(self) -> str:
        """The line as Python."""
        if self.name == PUT:
            return f"cache.put({self.key}, {self.value})"
        if self.name == ADVANCE:
            return f"clock.advance(seconds={self.value})"
        return f"cache.{self.name}({self.key})"


@attrs.frozen
class Trace:
    """A cache's settings and the operations run on it."""

    capacity: int
    ops: tuple[Op, ...]
    policy: str = "LRU"
    weighted: bool = False
    ttl: int = 0

    def setup(self) -> str:
        """The lines that build the cache."""
        options = [str(self.capacity)]
        options += [f"policy={CONSTRUCTORS[self.policy]}"] if self.policy != "LRU" else []
        options += [f"ttl=timedelta(seconds={self.ttl}), clock=clock"] if self.ttl else []
        options += [f"weigher={WEIGHER}"] if self.weighted else []
        policy = [CONSTRUCTORS[self.policy].removesuffix("()")] if self.policy != "LRU" else []
        lines = [f"from cache import {', '.join(['Cache', *policy])}"]
        if self.ttl:
            lines += [
                "from datetime import timedelta",
                "from dojo.verify.clock import ManualClock",
                "clock = ManualClock()",
            ]
        return "\n".join([*lines, f"cache = Cache({', '.join(options)})"])

    def show(self) -> str:
        """The whole trace as code, then how the answers read."""
        body = "\n".join(op.code() for op in self.ops)
        return f"{self.setup()}\n{body}\n# after each line: the get's value and cache.snapshot()"

    def size(self) -> tuple[int, ...]:
        """Fewer lines first, then a smaller cache, fewer keys, lighter values, a shorter life."""
        return (
            len(self.ops),
            self.capacity,
            len({op.key for op in self.ops if op.name != ADVANCE}),
            sum(op.key for op in self.ops),
            sum(op.value for op in self.ops),
            self.weighted,
            self.ttl,
            self.policy != "LRU",
        )

    def simpler(self) -> Iterator[Trace]:
        """Half the lines, one line fewer (the last first), then smaller settings and values."""
        ops = self.ops
        if len(ops) > 1:
            yield attrs.evolve(self, ops=ops[: len(ops) // 2])
            yield attrs.evolve(self, ops=ops[len(ops) // 2 :])
        for index in reversed(range(len(ops))):
            yield attrs.evolve(self, ops=ops[:index] + ops[index + 1 :])
        yield from self._plainer()

    def _plainer(self) -> Iterator[Trace]:
        """The same lines with smaller settings, keys and values."""
        ops = self.ops
        if self.capacity:
            yield attrs.evolve(self, capacity=self.capacity - 1)
        if self.ttl > 1:
            yield attrs.evolve(self, ttl=self.ttl - 1)
        if self.policy != "LRU":
            yield attrs.evolve(self, policy="LRU")
        if self.weighted:
            # Without weights every value weighs 1: a smaller capacity keeps the cache as full.
            light = tuple(attrs.evolve(op, value=1) if op.name == PUT else op for op in ops)
            for capacity in range(self.capacity + 1):
                yield attrs.evolve(self, ops=light, weighted=False, capacity=capacity)
        keys = sorted({op.key for op in ops if op.name != ADVANCE})
        renumbered = {key: number for number, key in enumerate(keys)}
        if any(key != number for key, number in renumbered.items()):
            yield attrs.evolve(self, ops=tuple(_renumber(op, renumbered) for op in ops))
        for index, op in enumerate(ops):
            if op.value > 1:
                lighter = attrs.evolve(op, value=op.value - 1)
                yield attrs.evolve(self, ops=(*ops[:index], lighter, *ops[index + 1 :]))


def _renumber(op: Op, numbers: Mapping[int, int]) -> Op:
    return op if op.name == ADVANCE else attrs.evolve(op, key=numbers[op.key])


def holds(entries: Mapping[object, object]) -> str:
    """What a cache holds, as ``{key: value}`` in key order."""
    pairs = sorted(entries.items(), key=lambda pair: repr(pair[0]))
    return "{" + ", ".join(f"{key!r}: {value!r}" for key, value in pairs) + "}"


def show_lines(real: object, theirs: object) -> tuple[str, str]:
    """The first line where the two part: what each gave and holds after it."""
    return show_parting(real, theirs, "line", _line)


def _line(line: Line, index: int) -> str:
    code, gave, after = line
    said = "" if gave is None and not str(code).startswith("cache.get") else f" gives {gave},"
    return f"line {index + 1}, {code}:{said} then holds {after}"


def line_kind(real: object, theirs: object) -> str:
    """What sort of line the two first part on."""
    index = first_difference(real, theirs)
    if not (isinstance(real, list) and isinstance(theirs, list)):
        return RAISES
    if index is None or index >= min(len(theirs), len(real)):
        return RAISES
    code, gave, _ = real[index]
    _, yours, _ = theirs[index]
    if isinstance(yours, str) and yours.startswith("raised"):
        return RAISES
    if (gave == REFUSED) != (yours == REFUSED):
        return "refused by one side only"
    verb = str(code).removeprefix("cache.").split("(")[0]
    if verb == GET and gave != yours:
        return "a get finds another value"
    return KEEPS[verb]


RAISES = "your code raises"
KEEPS = {
    GET: "a get keeps other entries",
    PUT: "a put keeps other entries",
    DELETE: "a delete keeps other entries",
    "clock.advance": "other entries left when the clock moved on",
}
