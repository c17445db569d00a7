from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st
from url_shortener import (
    ALPHABET,
    CounterCodes,
    InMemoryLinkStore,
    InvalidValueError,
    Link,
    Shortener,
    ShortenerError,
    UnknownCodeError,
    decode_base62,
    encode_base62,
)

from tests.url_shortener.support import names, shortener_on

if TYPE_CHECKING:
    from tests.support import FakeClock

pytestmark = [
    pytest.mark.step(1),
    pytest.mark.spec("A service that hands out short codes and turns them back into the long URL."),
]

URL = "https://example.com/a"


@pytest.mark.spec(
    "shortener.shorten(url) returns a Link whose code is new and whose url is the long URL; "
    "shortener.resolve(code) returns that URL."
)
def test_spec_example_the_first_code_is_one_and_resolves_to_the_url() -> None:
    shortener = Shortener()

    link = shortener.shorten(URL)

    assert isinstance(link, Link)
    assert (link.code, link.url) == ("1", URL)
    assert shortener.resolve("1") == URL


@pytest.mark.spec(
    "shortener.shorten(url) returns a Link whose code is new",
    'so the first link of a new Shortener() has the code "1" and the 62nd has "10".',
)
def test_every_link_gets_a_new_code_and_resolves_to_its_own_url() -> None:
    shortener = Shortener()
    urls = [f"https://example.com/{number}" for number in range(70)]

    links = [shortener.shorten(url) for url in urls]

    assert len({link.code for link in links}) == 70
    assert [shortener.resolve(link.code) for link in links] == urls
    assert (links[0].code, links[61].code, links[69].code) == ("1", "10", "18")


@pytest.mark.spec(
    "Shortener() keeps its links in an InMemoryLinkStore and makes codes with CounterCodes().",
)
def test_the_defaults_are_an_in_memory_store_and_a_counter(clock: FakeClock) -> None:
    default = Shortener(clock=clock)
    explicit = Shortener(InMemoryLinkStore(), CounterCodes(), clock=clock)

    made = [default.shorten(f"https://example.com/{n}") for n in range(3)]
    same = [explicit.shorten(f"https://example.com/{n}") for n in range(3)]

    assert made == same


@pytest.mark.spec(
    "Link(code, url, created_at, expires_at=None, deleted_at=None) is a value: two links with "
    "the same fields are equal.",
    "created_at is the time the link was made, read from the clock.",
    "shortener.link(code) returns the link with that code.",
)
def test_a_link_is_a_value_made_at_the_clocks_time(clock: FakeClock) -> None:
    shortener = shortener_on(clock)
    clock.advance(timedelta(minutes=5))

    link = shortener.shorten(URL)

    assert link == Link("1", URL, clock(), None, None)
    assert link != Link("1", URL, clock() + timedelta(seconds=1))
    assert shortener.link("1") == link
    assert (link.created_at, link.expires_at, link.deleted_at) == (clock(), None, None)


@pytest.mark.spec(
    "encode_base62(n) writes a non-negative integer in base 62 with the digits of ALPHABET, "
    'which is 0-9, then a-z, then A-Z, without leading zeros: 0 is "0", 61 is "Z", 62 is '
    '"10".'
)
@pytest.mark.parametrize(
    ("number", "numeral"),
    [(0, "0"), (9, "9"), (10, "a"), (35, "z"), (36, "A"), (61, "Z"), (62, "10"), (3843, "ZZ")],
    ids=["0", "9", "10", "35", "36", "61", "62", "62 squared minus 1"],
)
def test_base62_numerals(number: int, numeral: str) -> None:
    assert encode_base62(number) == numeral
    assert decode_base62(numeral) == number


@pytest.mark.spec("with the digits of ALPHABET, which is 0-9, then a-z, then A-Z")
def test_the_alphabet_is_digits_then_lower_then_upper_case() -> None:
    assert ALPHABET == "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    assert [encode_base62(number) for number in (9, 10, 36)] == ["9", "a", "A"]


@pytest.mark.spec("decode_base62(text) reads such a numeral back (leading zeros allowed).")
@given(st.integers(min_value=0, max_value=2**128))
def test_base62_round_trips(number: int) -> None:
    numeral = encode_base62(number)

    assert decode_base62(numeral) == number
    assert decode_base62("00" + numeral) == number
    assert numeral == "0" or not numeral.startswith("0")


@pytest.mark.spec(
    "A negative number, a bool or a non-integer given to encode_base62, and an empty text or "
    "one with a character outside ALPHABET given to decode_base62, raise InvalidValueError "
    "naming the value.",
    "Every error the service raises derives from ShortenerError and from the builtin it "
    "resembles, so callers can catch either.",
    "Messages name the offending value, as str() or repr() shows it.",
)
@pytest.mark.parametrize(
    ("convert", "value"),
    [
        (encode_base62, -1),
        (encode_base62, True),
        (encode_base62, 1.0),
        (encode_base62, "7"),
        (decode_base62, ""),
        (decode_base62, "ab+"),
        (decode_base62, "é"),
    ],
    ids=["negative", "a bool", "a float", "a str", "empty", "a plus sign", "non-ASCII"],
)
def test_base62_refuses_what_is_not_a_number_or_a_numeral(convert: object, value: object) -> None:
    with pytest.raises(InvalidValueError) as raised:
        convert(value)  # type: ignore[operator]

    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, ShortenerError)
    assert names(str(raised.value), value)


@pytest.mark.spec(
    "CounterCodes(start=1) is the first code generator: its codes are the base62 numerals of "
    "start, start + 1, start + 2, ..., one per new link"
)
def test_a_counter_starts_where_it_is_told(clock: FakeClock) -> None:
    shortener = shortener_on(clock, CounterCodes(start=61))

    codes = [shortener.shorten(URL).code for _ in range(3)]

    assert codes == ["Z", "10", "11"]


@pytest.mark.spec("A start below 1 raises InvalidValueError.")
@pytest.mark.parametrize("start", [0, -5], ids=["zero", "negative"])
def test_a_counter_start_below_one_is_refused(start: int) -> None:
    with pytest.raises(InvalidValueError, match=str(start)):
        CounterCodes(start=start)


@pytest.mark.spec(
    "Shortening the same long URL twice gives two links with different codes: each link has "
    "its own life (its expiry, its deletion, its clicks), and no look-up by URL is needed."
)
def test_the_same_url_twice_gives_two_codes(clock: FakeClock) -> None:
    shortener = shortener_on(clock)

    first, second = shortener.shorten(URL), shortener.shorten(URL)

    assert first.code != second.code
    assert shortener.resolve(first.code) == shortener.resolve(second.code) == URL


@pytest.mark.spec(
    "Resolving a code that no link has raises UnknownCodeError naming the code, and so does "
    "shortener.link(code).",
    "no link was ever made with the code; the message names it",
)
@pytest.mark.parametrize("code", ["2", "zz", "nope"], ids=["the next code", "zz", "a word"])
def test_an_unknown_code_is_refused_naming_it(clock: FakeClock, code: str) -> None:
    shortener = shortener_on(clock)
    shortener.shorten(URL)

    with pytest.raises(UnknownCodeError) as by_resolve:
        shortener.resolve(code)
    with pytest.raises(UnknownCodeError) as by_link:
        shortener.link(code)

    assert isinstance(by_resolve.value, LookupError)
    assert names(str(by_resolve.value), code)
    assert names(str(by_link.value), code)


@pytest.mark.spec('Codes are case-sensitive: "a" and "A" are different codes.')
def test_codes_are_case_sensitive(clock: FakeClock) -> None:
    shortener = shortener_on(clock, CounterCodes(start=10))
    shortener.shorten(URL)

    resolved = shortener.resolve("a")

    assert resolved == URL
    with pytest.raises(UnknownCodeError):
        shortener.resolve("A")
