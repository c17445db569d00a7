"""A check that is interrupted while it makes its first case."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dojo.verify.check import Check

if TYPE_CHECKING:
    import random


class Interrupted(Check[int]):
    """Ctrl-C arrives while the first case is made."""

    def generate(self, rng: random.Random, index: int) -> int:
        """Never returns."""
        del rng, index
        raise KeyboardInterrupt

    def real(self, case: int) -> object:
        """Not reached."""
        return case

    def theirs(self, case: int) -> object:
        """Not reached."""
        return case

    def show(self, case: int) -> str:
        """Not reached."""
        return str(case)


CHECK = Interrupted()
