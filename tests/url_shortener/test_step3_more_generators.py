from __future__ import annotations

import hashlib
from random import Random
from types import SimpleNamespace
from typing import TYPE_CHECKING

import pytest
from url_shortener import (
    ALPHABET,
    CodesExhaustedError,
    HashCodes,
    InMemoryLinkStore,
    InvalidValueError,
    Link,
    RandomCodes,
    Shortener,
    UnknownCodeError,
    encode_base62,
)

from tests.support import run_concurrently, values
from tests.url_shortener.support import Codes, shortener_on

if TYPE_CHECKING:
    from tests.support import FakeClock

pytestmark = [
    pytest.mark.step(3),
    pytest.mark.spec(
        "How codes are made is a Strategy: a CodeGenerator is any object with a method "
        "candidate(url, attempt) -> str."
    ),
]

URL = "https://example.com/a"
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def hashed(url: str, attempt: int, length: int) -> str:
    """The spec's hash code, computed here from its words."""
    text = url if attempt == 0 else f"{url}#{attempt}"
    value = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest(), "big")
    digits = ""
    for _ in range(length):
        value, digit = divmod(value, 62)
        digits = DIGITS[digit] + digits
    return digits


def colliding_urls(length: int) -> tuple[str, str]:
    """Two URLs whose attempt-0 hash codes of ``length`` are the same."""
    seen: dict[str, str] = {}
    for number in range(100_000):
        url = f"https://example.com/{number}"
        code = hashed(url, 0, length)
        if code in seen:
            return seen[code], url
        seen[code] = url
    raise AssertionError("no collision found")


def seeded(seed: int | None = None) -> Random:
    """A random of its own for each test: codes, not secrets."""
    return Random(seed)  # noqa: S311 - short codes are not secrets


class Stuck(Random):
    """A random that always chooses "x": every candidate is the same."""

    def choice(self, seq: object) -> str:  # type: ignore[override]  # noqa: ARG002 - always x
        """Always "x"."""
        return "x"


@pytest.mark.spec(
    "For each new link the service asks the generator for a candidate with attempt 0, then 1, "
    "2, ... while the candidate is taken (the code of a link made already) or is a reserved "
    "word, at most max_attempts times; the first free candidate becomes the code.",
    "A generator written outside the package, as a class or an object with a candidate method, "
    "works without any change to the service.",
)
def test_taken_and_reserved_candidates_are_skipped(clock: FakeClock) -> None:
    generator = Codes("abc", "abc", "admin", "API", "ok-1")
    shortener = shortener_on(clock, generator)
    shortener.shorten("https://example.com/first")

    link = shortener.shorten(URL)

    assert link.code == "ok-1"
    assert generator.asked == [
        ("https://example.com/first", 0),
        (URL, 0),
        (URL, 1),
        (URL, 2),
        (URL, 3),
    ]
    with pytest.raises(UnknownCodeError):
        shortener.resolve("admin")


@pytest.mark.spec(
    "the service asks the generator for a candidate with attempt 0",
    "works without any change to the service",
)
def test_a_generator_may_be_any_object_with_a_candidate_method(clock: FakeClock) -> None:
    asked: list[tuple[str, int]] = []

    def candidate(url: str, attempt: int) -> str:
        asked.append((url, attempt))
        return "mine"

    shortener = shortener_on(clock, SimpleNamespace(candidate=candidate))

    link = shortener.shorten("HTTP://Example.com/a")

    assert link.code == "mine"
    assert asked == [("http://example.com/a", 0)]


@pytest.mark.spec(
    "When all max_attempts candidates were unusable, shorten raises CodesExhaustedError and "
    "stores nothing.",
    "the generator offered no usable code in max_attempts tries",
)
@pytest.mark.parametrize("max_attempts", [1, 3, 10], ids=["1 attempt", "3 attempts", "10 attempts"])
def test_a_generator_that_offers_only_taken_codes_exhausts_the_attempts(
    clock: FakeClock, max_attempts: int
) -> None:
    generator = Codes("x", *["x"] * max_attempts, "y")
    shortener = shortener_on(clock, generator, max_attempts=max_attempts)
    shortener.shorten(URL)

    with pytest.raises(CodesExhaustedError) as raised:
        shortener.shorten("https://example.com/other")

    assert isinstance(raised.value, RuntimeError)
    assert [attempt for _, attempt in generator.asked[1:]] == list(range(max_attempts))
    assert shortener.resolve("x") == URL
    assert shortener.shorten("https://example.com/later").code == "y"


@pytest.mark.spec(
    "A candidate must be 1 to 32 characters, each a letter, a digit, _ or -; any other candidate "
    "raises InvalidValueError naming it, and nothing is stored.",
    "a candidate code that is not a code",
)
@pytest.mark.parametrize(
    "candidate",
    ["", "a" * 33, "bad code", "é", "a/b", "a.b"],
    ids=["empty", "33 characters", "a space", "non-ASCII", "a slash", "a dot"],
)
def test_a_candidate_that_is_not_a_code_is_refused(clock: FakeClock, candidate: str) -> None:
    shortener = shortener_on(clock, Codes("ok", candidate, "later"))
    shortener.shorten(URL)

    with pytest.raises(InvalidValueError) as raised:
        shortener.shorten("https://example.com/other")

    assert repr(candidate) in str(raised.value)
    assert shortener.shorten("https://example.com/b").code == "later"


@pytest.mark.spec(
    "A candidate must be 1 to 32 characters, each a letter, a digit, _ or -",
)
@pytest.mark.parametrize(
    "candidate", ["a", "b" * 32, "_-_", "Z9"], ids=["1 character", "32", "underscores", "Z9"]
)
def test_a_candidate_of_1_to_32_code_characters_is_used(clock: FakeClock, candidate: str) -> None:
    shortener = shortener_on(clock, Codes(candidate))

    assert shortener.shorten(URL).code == candidate


@pytest.mark.spec(
    "HashCodes(length=7) hashes the normalised URL: the candidate of attempt 0 is the last length "
    "base62 digits of the SHA-256 digest of the URL's UTF-8 bytes, read as a big-endian "
    'integer, padded with "0" on the left to length characters'
)
@pytest.mark.parametrize(
    ("url", "length"),
    [
        ("https://example.com/a", 7),
        ("https://example.com/a", 1),
        ("https://example.com/a", 32),
        ("http://example.com/%C3%BC", 12),
        ("HTTPS://Example.com/x", 7),
    ],
    ids=["the default length", "length 1", "length 32", "percent-encoded", "normalised first"],
)
def test_hash_codes_are_the_sha256_of_the_normalised_url(
    clock: FakeClock, url: str, length: int
) -> None:
    shortener = shortener_on(clock, HashCodes(length) if length != 7 else HashCodes())

    link = shortener.shorten(url)

    assert link.code == hashed(link.url, 0, length)
    assert len(link.code) == length


@pytest.mark.spec('padded with "0" on the left to length characters')
def test_hash_codes_are_padded_with_zeros() -> None:
    url = next(u for n in range(5000) if hashed(u := f"https://e.com/{n}", 0, 3)[0] == "0")

    code = HashCodes(3).candidate(url, 0)

    assert code == hashed(url, 0, 3)
    assert code.startswith("0")


@pytest.mark.spec(
    "attempt n above 0 hashes the URL followed by # and n instead.",
    "So a URL's codes are the same on every run, and the same URL shortened twice gets its "
    "attempt 1 code the second time.",
)
def test_the_same_url_twice_gets_its_attempt_1_code(clock: FakeClock) -> None:
    shortener = shortener_on(clock, HashCodes(6))

    first, second = shortener.shorten(URL), shortener.shorten(URL)

    assert first.code == hashed(URL, 0, 6)
    assert second.code == hashed(URL, 1, 6)
    assert HashCodes(6).candidate(URL, 5) == hashed(URL, 5, 6)


@pytest.mark.spec(
    "attempt n above 0 hashes the URL followed by # and n instead.",
    "the first free candidate becomes the code",
)
def test_forced_hash_collisions_are_resolved_by_the_next_attempt(clock: FakeClock) -> None:
    first_url, second_url = colliding_urls(2)
    shortener = shortener_on(clock, HashCodes(2))

    first, second = shortener.shorten(first_url), shortener.shorten(second_url)

    assert first.code == hashed(first_url, 0, 2) == hashed(second_url, 0, 2)
    assert second.code == hashed(second_url, 1, 2)
    assert shortener.resolve(first.code) == first_url
    assert shortener.resolve(second.code) == second_url


@pytest.mark.spec(
    "When all max_attempts candidates were unusable, shorten raises CodesExhaustedError",
)
def test_a_one_character_hash_space_fills_up_and_says_so(clock: FakeClock) -> None:
    shortener = shortener_on(clock, HashCodes(1), max_attempts=100)
    made: list[Link] = []

    with pytest.raises(CodesExhaustedError):
        made.extend(shortener.shorten(f"https://example.com/{n}") for n in range(1000))

    assert len({link.code for link in made}) == len(made) <= 62
    assert all(shortener.resolve(link.code) == link.url for link in made)


@pytest.mark.spec(
    "RandomCodes(rng, length=7) draws each candidate from the random.Random it is given: length "
    "characters, each rng.choice(ALPHABET) in turn."
)
@pytest.mark.parametrize(("seed", "length"), [(7, 7), (1, 1), (99, 32)], ids=["7", "1", "32"])
def test_random_codes_come_from_the_given_random(clock: FakeClock, seed: int, length: int) -> None:
    expected = seeded(seed)
    generator = RandomCodes(seeded(seed)) if length == 7 else RandomCodes(seeded(seed), length)
    shortener = shortener_on(clock, generator)

    codes = [shortener.shorten(URL).code for _ in range(3)]

    assert codes == ["".join(expected.choice(ALPHABET) for _ in range(length)) for _ in range(3)]


@pytest.mark.spec("draws each candidate from the random.Random it is given")
def test_two_services_with_the_same_seed_collide_and_retry(clock: FakeClock) -> None:
    store = InMemoryLinkStore()
    one = shortener_on(clock, RandomCodes(seeded(3), 4), store)
    other = shortener_on(clock, RandomCodes(seeded(3), 4), store)
    draws = seeded(3)
    expected = ["".join(draws.choice(ALPHABET) for _ in range(4)) for _ in range(2)]

    first, second = one.shorten(URL), other.shorten("https://example.com/b")

    assert (first.code, second.code) == (expected[0], expected[1])


@pytest.mark.spec("at most max_attempts times")
def test_random_codes_retry_a_bounded_number_of_times(clock: FakeClock) -> None:
    shortener = shortener_on(clock, RandomCodes(Stuck(), 3), max_attempts=4)
    shortener.shorten(URL)

    with pytest.raises(CodesExhaustedError, match="4"):
        shortener.shorten("https://example.com/other")


@pytest.mark.spec(
    "A length outside 1 to 32 for HashCodes or RandomCodes, and a max_attempts below 1, raise "
    "InvalidValueError.",
    "a value the service refuses: a max_attempts below 1",
)
@pytest.mark.parametrize(
    "make",
    [
        lambda: HashCodes(0),
        lambda: HashCodes(33),
        lambda: RandomCodes(seeded(), 0),
        lambda: RandomCodes(seeded(), 33),
        lambda: Shortener(max_attempts=0),
        lambda: Shortener(max_attempts=-1),
    ],
    ids=["hash 0", "hash 33", "random 0", "random 33", "no attempts", "negative attempts"],
)
def test_lengths_and_attempts_out_of_range_are_refused(make: object) -> None:
    with pytest.raises(InvalidValueError) as raised:
        make()  # type: ignore[operator]

    assert any(word in str(raised.value) for word in ("length", "max_attempts"))


@pytest.mark.spec("A length outside 1 to 32 for HashCodes or RandomCodes")
def test_the_longest_lengths_are_allowed(clock: FakeClock) -> None:
    hashing = shortener_on(clock, HashCodes(32))
    drawing = shortener_on(clock, RandomCodes(seeded(1), 32), max_attempts=1)

    assert len(hashing.shorten(URL).code) == 32
    assert len(drawing.shorten(URL).code) == 32


@pytest.mark.spec(
    "Generators are safe to share between threads: CounterCodes never gives two callers the "
    "same number."
)
def test_threads_sharing_a_counter_never_get_the_same_code(clock: FakeClock) -> None:
    shortener = shortener_on(clock)

    batches = values(
        run_concurrently(
            8, lambda index: [shortener.shorten(f"https://e.com/{index}/{n}") for n in range(50)]
        )
    )

    codes = [link.code for batch in batches for link in batch]
    assert sorted(codes) == sorted(encode_base62(number) for number in range(1, 401))
    assert all(shortener.resolve(link.code) == link.url for batch in batches for link in batch)
