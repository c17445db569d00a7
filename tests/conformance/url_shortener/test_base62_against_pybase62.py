"""encode_base62 and decode_base62 against pybase62 with the same alphabet (the reference only).

The generated numbers are ``dojo verify``'s ``base62`` check, run here on more cases.
"""

from __future__ import annotations

import random

import base62  # type: ignore[import-untyped]  # pybase62 ships no type hints
import pytest
from url_shortener import ALPHABET, decode_base62, encode_base62

from tests.conformance.support import described, verify

pytestmark = pytest.mark.conformance

EDGES = sorted(
    {0, 1, 61, 62, 63, 2**31 - 1, 2**31, 2**32, 2**53, 2**63 - 1, 2**63, 2**64 - 1, 2**64, 2**128}
    | {62**power + delta for power in range(1, 23) for delta in (-1, 0, 1)}
)


def test_the_alphabet_is_pybase62s_inverted_charset() -> None:
    assert base62.CHARSET_INVERTED == ALPHABET


@pytest.mark.parametrize("number", EDGES, ids=str)
def test_the_edges_agree_and_round_trip(number: int) -> None:
    numeral = encode_base62(number)

    assert numeral == base62.encode(number, charset=base62.CHARSET_INVERTED)
    assert decode_base62(numeral) == number


@pytest.mark.parametrize("batch", range(2), ids=["cases 0-4999", "cases 5000-9999"])
def test_dojo_verifys_numbers_agree(batch: int) -> None:
    result = verify("url_shortener", "base62", batch * 5000, (batch + 1) * 5000)

    assert result.cases == 5000
    assert result.agrees, described(result)


def test_decoding_agrees_on_numerals_with_leading_zeros() -> None:
    rng = random.Random(7)  # noqa: S311 - repeatable test data, not secrets
    numerals = ["0" * rng.randint(0, 3) + encode_base62(rng.getrandbits(64)) for _ in range(2000)]

    assert [decode_base62(numeral) for numeral in numerals] == [
        base62.decode(numeral, charset=base62.CHARSET_INVERTED) for numeral in numerals
    ]
