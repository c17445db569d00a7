"""Where codes come from: the CodeGenerator role (a Strategy) and three generators (steps 1, 3)."""

from __future__ import annotations

import random
from typing import Protocol

import attrs


class CodeGenerator(Protocol):
    """Proposes a code for a URL; ``attempt`` is 0, then 1, 2, ... while codes are taken."""

    def candidate(self, url: str, attempt: int) -> str:
        """A code to try for ``url``: 1 to 32 letters, digits, ``_`` or ``-``."""
        raise NotImplementedError


@attrs.define(eq=False)
class CounterCodes:
    """The base62 numerals of start, start + 1, ...; start below 1 is InvalidValueError.

    Safe to share between threads: no two calls get the same number.
    """

    start: int = 1

    def candidate(self, url: str, attempt: int) -> str:
        """The next number's numeral."""
        raise NotImplementedError


@attrs.frozen
class HashCodes:
    """The last ``length`` (1 to 32) base62 digits of the SHA-256 of the URL, zero-padded.

    Attempt n above 0 hashes the URL followed by ``#`` and n.
    """

    length: int = 7

    def candidate(self, url: str, attempt: int) -> str:
        """The same URL and attempt always give the same code."""
        raise NotImplementedError


@attrs.define(eq=False)
class RandomCodes:
    """``length`` (1 to 32) characters, each ``rng.choice(ALPHABET)`` in turn."""

    rng: random.Random
    length: int = 7

    def candidate(self, url: str, attempt: int) -> str:
        """A fresh random code."""
        raise NotImplementedError
