"""``encode_base62`` and ``decode_base62`` against pybase62 with the same alphabet.

pybase62's ``CHARSET_INVERTED`` is the spec's ``ALPHABET`` (``0-9``, ``a-z``, ``A-Z``).
What matches exactly, and so is compared: the numeral of a non-negative integer, without
leading zeros (``0`` is ``"0"``), and the number a numeral reads as, leading zeros
allowed. Not compared: what is refused (pybase62 reads an empty text as 0 and takes a
``bool`` as a number; the spec refuses both).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import base62  # type: ignore[import-untyped]  # pybase62 ships no type hints
from url_shortener import decode_base62, encode_base62

from dojo.verify.check import Check

if TYPE_CHECKING:
    import random
    from collections.abc import Iterator

EDGES = (0, 1, 61, 62, 63, 3843, 3844, 2**31 - 1, 2**32, 2**53, 2**63 - 1, 2**64, 2**128)


class NumeralCheck(Check[int]):
    """A number: its numeral, that numeral read back, and read back after two zeros."""

    def generate(self, rng: random.Random, index: int) -> int:
        """An edge, a power of 62 give or take one, or up to 160 random bits."""
        del index
        kind = rng.randrange(4)
        if kind == 0:
            edge: int = rng.choice(EDGES)
            return edge
        if kind == 1:
            power: int = 62 ** rng.randint(1, 22)
            return max(power + rng.randint(-1, 1), 0)
        return rng.getrandbits(rng.randint(1, 160))

    def real(self, case: int) -> object:
        """pybase62's answers."""
        numeral = base62.encode(case, charset=base62.CHARSET_INVERTED)
        return [numeral, base62.decode(numeral, charset=base62.CHARSET_INVERTED), case]

    def theirs(self, case: int) -> object:
        """``encode_base62(n)``, then ``decode_base62`` of pybase62's numeral, bare and padded."""
        numeral = base62.encode(case, charset=base62.CHARSET_INVERTED)
        return [encode_base62(case), decode_base62(numeral), decode_base62("00" + numeral)]

    def show(self, case: int) -> str:
        """The calls."""
        numeral = base62.encode(case, charset=base62.CHARSET_INVERTED)
        return (
            f"encode_base62({case})\ndecode_base62({numeral!r}), decode_base62({'00' + numeral!r})"
        )

    def show_answers(self, real: object, theirs: object) -> tuple[str, str]:
        """The numeral and the two numbers read."""
        return _said(real), _said(theirs)

    def kind(self, case: int, real: object, theirs: object) -> str:
        """Which of the three differs first."""
        del case
        if not isinstance(theirs, list) or not isinstance(real, list):
            return "your code raises"
        if real[0] != theirs[0]:
            return "another numeral"
        return "a numeral read as another number"

    def shrink(self, case: int) -> Iterator[int]:
        """Fewer digits, then smaller."""
        yield from (case // 62, case // 2, case - 1) if case else ()

    def size(self, case: int) -> tuple[int, ...]:
        """The number."""
        return (case,)


def _said(answer: object) -> str:
    if isinstance(answer, list) and len(answer) == 3:
        numeral, bare, padded = answer
        return f"numeral {numeral!r}; read back: {bare!r}, with two leading zeros: {padded!r}"
    return str(answer)


CHECK = NumeralCheck()
