"""``toy.double`` against ``*``; and a check whose real thing raises."""

from __future__ import annotations

from typing import TYPE_CHECKING

from toy import double  # type: ignore[import-not-found]  # the implementation under test

from dojo.verify.check import Check

if TYPE_CHECKING:
    import random
    from collections.abc import Iterator


class Doubling(Check[int]):
    """Numbers from 0 to 99, doubled."""

    def generate(self, rng: random.Random, index: int) -> int:
        """Any number below 100."""
        del index
        return rng.randrange(100)

    def real(self, case: int) -> object:
        """Twice the number."""
        return case * 2

    def theirs(self, case: int) -> object:
        """What the toy's ``double`` says."""
        answer: object = double(case)
        return answer

    def show(self, case: int) -> str:
        """The call."""
        return f"double({case})"

    def shrink(self, case: int) -> Iterator[int]:
        """Smaller numbers."""
        yield from (case // 2, case - 1)

    def size(self, case: int) -> tuple[int, ...]:
        """The number."""
        return (case,)


class Failing(Doubling):
    """A real thing that fails, as a missing program would."""

    def real(self, case: int) -> object:
        """Always fails."""
        raise RuntimeError(f"no real answer for {case}")


CHECK = Doubling()
BROKEN = Failing()
