"""``Cache.get_or_load`` as a memoizer against ``functools.lru_cache``.

A trace calls a function on small integers through ``functools.lru_cache(maxsize=N)`` and
through ``Cache(N).get_or_load(argument, square)``; after every call the value, ``hits``,
``misses`` and ``currsize`` must be the same (``Cache.info()`` against ``cache_info()``).
What matches exactly: the LRU order, a hit or a miss per call, and capacity 0, where
``lru_cache(maxsize=0)`` keeps nothing and a loaded value heavier than the capacity is
returned and not stored. Not compared: ``maxsize=None`` (a cache has a capacity),
``typed=True``, and ``get``, which ``lru_cache`` has no counterpart of.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import attrs
from cache import Cache

from dojo.verify.check import Check, first_difference, show_parting

if TYPE_CHECKING:
    import random
    from collections.abc import Iterator

CALLS = 60


def square(argument: int) -> int:
    """The function both sides memoize."""
    return argument * argument


@attrs.frozen
class Calls:
    """The capacity (``maxsize``) and the arguments of each call, in order."""

    capacity: int
    arguments: tuple[int, ...]


class MemoizeCheck(Check[Calls]):
    """After each call: the value, hits, misses and currsize."""

    def generate(self, rng: random.Random, index: int) -> Calls:
        """A capacity from 0 to 32, and 60 calls on a spread of arguments."""
        del index
        capacity = rng.choice((0, 1, 2, 3, 8, 32))
        spread = rng.choice((2, capacity + 2, 3 * capacity + 3, 50))
        return Calls(capacity, tuple(rng.randrange(spread) for _ in range(CALLS)))

    def real(self, case: Calls) -> object:
        """``functools.lru_cache``'s answers."""
        memoized = functools.lru_cache(maxsize=case.capacity)(square)
        lines = []
        for argument in case.arguments:
            value = memoized(argument)
            info = memoized.cache_info()
            lines.append([argument, value, info.hits, info.misses, info.currsize])
        return lines

    def theirs(self, case: Calls) -> object:
        """``get_or_load`` and ``info()``'s answers."""
        cache = Cache(case.capacity)
        lines = []
        for argument in case.arguments:
            value = cache.get_or_load(argument, square)  # type: ignore[arg-type]
            info = cache.info()
            lines.append([argument, value, info.hits, info.misses, info.currsize])
        return lines

    def show(self, case: Calls) -> str:
        """Both sides as code."""
        arguments = ", ".join(map(str, case.arguments))
        return (
            "from cache import Cache\n"
            f"cache = Cache({case.capacity})\n"
            f"for argument in ({arguments}{',' if len(case.arguments) == 1 else ''}):\n"
            "    cache.get_or_load(argument, lambda n: n * n)\n"
            "    cache.info()  # hits, misses, currsize after each call\n"
            f"# beside functools.lru_cache(maxsize={case.capacity})(lambda n: n * n)"
            " and its cache_info()"
        )

    def show_answers(self, real: object, theirs: object) -> tuple[str, str]:
        """The first call where the two part."""
        return show_parting(real, theirs, "call", _call)

    def kind(self, case: Calls, real: object, theirs: object) -> str:
        """A value, a hit or a miss, or currsize."""
        del case
        index = first_difference(real, theirs)
        if index is None or not isinstance(theirs, list) or index >= len(theirs):
            return "your code raises"
        assert isinstance(real, list)
        mine, yours = real[index], theirs[index]
        if mine[1] != yours[1]:
            return "another value returned"
        if mine[2:4] != yours[2:4]:
            return "a hit counted as a miss, or a miss as a hit"
        return "another currsize"

    def shrink(self, case: Calls) -> Iterator[Calls]:
        """Fewer calls, a smaller capacity, smaller arguments."""
        arguments = case.arguments
        if len(arguments) > 1:
            yield attrs.evolve(case, arguments=arguments[: len(arguments) // 2])
            yield attrs.evolve(case, arguments=arguments[len(arguments) // 2 :])
        for index in reversed(range(len(arguments))):
            yield attrs.evolve(case, arguments=arguments[:index] + arguments[index + 1 :])
        if case.capacity:
            yield attrs.evolve(case, capacity=case.capacity - 1)
        numbers = {value: number for number, value in enumerate(sorted(set(arguments)))}
        if any(value != number for value, number in numbers.items()):
            yield attrs.evolve(case, arguments=tuple(numbers[value] for value in arguments))

    def size(self, case: Calls) -> tuple[int, ...]:
        """Fewer calls, then a smaller capacity, then smaller arguments."""
        return (len(case.arguments), case.capacity, sum(case.arguments))


def _call(line: list[object], index: int) -> str:
    argument, value, hits, misses, currsize = line
    counts = f"hits={hits} misses={misses} currsize={currsize}"
    return f"call {index + 1}, of {argument}: {value!r}, {counts}"


CHECK = MemoizeCheck()
