"""Base62 numerals (step 1)."""

from __future__ import annotations

import string

ALPHABET = string.digits + string.ascii_lowercase + string.ascii_uppercase


def encode_base62(number: int) -> str:
    """The base62 numeral of ``number`` in the digits of ALPHABET, without leading zeros.

    ``0`` is ``"0"``, ``61`` is ``"Z"``, ``62`` is ``"10"``. A negative number, a bool or a
    non-integer raises InvalidValueError naming it.
    """
    raise NotImplementedError


def decode_base62(numeral: str) -> int:
    """The integer a base62 numeral stands for; leading zeros are allowed.

    An empty text, or one with a character outside ALPHABET, raises InvalidValueError.
    """
    raise NotImplementedError
