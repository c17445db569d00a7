"""Base62 numerals: the digits, then the lower-case and the upper-case letters."""

from __future__ import annotations

import string

from url_shortener.errors import InvalidValueError
from url_shortener.values import is_whole

ALPHABET = string.digits + string.ascii_lowercase + string.ascii_uppercase
BASE = len(ALPHABET)
_VALUES = {character: value for value, character in enumerate(ALPHABET)}


def encode_base62(number: int) -> str:
    """The base62 numeral of a non-negative integer, without leading zeros ("0" for 0)."""
    if not is_whole(number, 0):
        raise InvalidValueError(f"base62 encodes non-negative integers, not {number!r}")
    digits = []
    while True:
        number, digit = divmod(number, BASE)
        digits.append(ALPHABET[digit])
        if not number:
            return "".join(reversed(digits))


def decode_base62(numeral: str) -> int:
    """The integer a base62 numeral stands for; leading zeros are allowed."""
    if not numeral or any(character not in _VALUES for character in numeral):
        raise InvalidValueError(f"{numeral!r} is not a base62 numeral")
    number = 0
    for character in numeral:
        number = number * BASE + _VALUES[character]
    return number
