"""Where codes come from: the CodeGenerator role (a Strategy) and three generators.

A generator only proposes; the service checks each candidate against the store and asks
again, with the next attempt number, when the code is taken or reserved.
"""

from __future__ import annotations

import hashlib
import random
import threading
from typing import Protocol

import attrs

from url_shortener.base62 import ALPHABET, BASE, encode_base62
from url_shortener.codes import MAX_CODE_LENGTH
from url_shortener.errors import InvalidValueError
from url_shortener.values import is_whole


class CodeGenerator(Protocol):
    """Proposes a code for a URL; ``attempt`` counts from 0 for each new link."""

    def candidate(self, url: str, attempt: int) -> str:
        """A code to try for ``url``; the service asks again when it is taken."""
        ...


MAX_START = 2**63


def _in_range(attribute: attrs.Attribute[int], value: int, highest: int) -> None:
    if not is_whole(value, 1, highest):
        raise InvalidValueError(
            f"{attribute.name} must be an integer from 1 to {highest}, not {value!r}"
        )


def _valid_start(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    _in_range(attribute, value, MAX_START)


def _valid_length(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    _in_range(attribute, value, MAX_CODE_LENGTH)


@attrs.define(eq=False)
class CounterCodes:
    """The base62 numeral of a counter that starts at ``start`` and goes up by one per call."""

    start: int = attrs.field(default=1, validator=_valid_start)
    _next: int = attrs.field(init=False)
    _lock: threading.Lock = attrs.field(factory=threading.Lock, init=False)

    def __attrs_post_init__(self) -> None:
        self._next = self.start

    def candidate(self, url: str, attempt: int) -> str:  # noqa: ARG002 - a counter needs neither
        """The next number's numeral; every call, from any thread, gets a new one."""
        with self._lock:
            number, self._next = self._next, self._next + 1
        return encode_base62(number)


@attrs.frozen
class HashCodes:
    """The last ``length`` base62 digits of the SHA-256 of the URL (and of the attempt)."""

    length: int = attrs.field(default=7, validator=_valid_length)

    def candidate(self, url: str, attempt: int) -> str:
        """The same URL and attempt always give the same code; attempt n > 0 hashes url#n."""
        text = url if attempt == 0 else f"{url}#{attempt}"
        value = int.from_bytes(hashlib.sha256(text.encode()).digest(), "big")
        return encode_base62(value % BASE**self.length).rjust(self.length, "0")


@attrs.define(eq=False)
class RandomCodes:
    """``length`` characters, each ``rng.choice(ALPHABET)`` in turn, from the injected random."""

    rng: random.Random
    length: int = attrs.field(default=7, validator=_valid_length)
    _lock: threading.Lock = attrs.field(factory=threading.Lock, init=False)

    def candidate(self, url: str, attempt: int) -> str:  # noqa: ARG002 - chance needs neither
        """A fresh random code; the lock keeps each code's characters from one thread."""
        with self._lock:
            return "".join(self.rng.choice(ALPHABET) for _ in range(self.length))
