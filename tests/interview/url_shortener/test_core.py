from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from url_shortener.driver import build, resolve, shorten

from tests.interview.support import names_of, raises_named
from tests.support import FakeClock, run_concurrently, values

pytestmark = [
    pytest.mark.interview("core"),
    pytest.mark.spec(
        "The suite talks to your design only through url_shortener/driver.py: the functions "
        "below, which take and return plain values and the handle your own build returns.",
        "The handle is whatever your design returns: the suite never looks inside it and only "
        "passes it back to the driver.",
        "build(clock) -> service builds a new, empty service.",
    ),
]

URL = "https://example.com/a"
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def new_service() -> Any:
    return build(FakeClock())


def numeral(number: int) -> str:
    """The base62 numeral of a positive number, computed here from the requirement's words."""
    digits = ""
    while number:
        number, digit = divmod(number, 62)
        digits = DIGITS[digit] + digits
    return digits


@pytest.mark.spec(
    "A short code for a long URL. Shortening a URL gives a code, and resolving the code gives "
    "the URL back.",
    "shorten(service, url: str) -> str shortens the URL and returns its code.",
    "resolve(service, code: str) -> str returns the URL of the code.",
    "The suite shortens only URLs already in the form a service would keep them (a lower-case "
    "scheme and host, no default port, a path, ASCII only), and expects resolve to give them "
    "back unchanged.",
)
@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/a",
        "http://example.com/",
        "https://example.com:8443/path/to/page?query=1&b=2#part",
        "http://192.168.0.1/x",
        "https://sub.example.co.uk/%7Euser/",
        "https://example.com/p?q=a/b#x=1&y=/z?w",
    ],
    ids=[
        "https",
        "http",
        "port query and fragment",
        "an IPv4 host",
        "percent-escape",
        "a fragment with = & / and ?",
    ],
)
def test_a_code_resolves_to_its_url(url: str) -> None:
    service = new_service()

    code = shorten(service, url)

    assert isinstance(code, str)
    assert resolve(service, code) == url


@pytest.mark.spec("Shortening the same URL again gives a new code.")
def test_the_same_url_twice_gets_two_codes() -> None:
    service = new_service()

    first, second = shorten(service, URL), shorten(service, URL)

    assert first != second
    assert resolve(service, first) == resolve(service, second) == URL


@pytest.mark.spec(
    "The shortest codes first.",
    "The n-th URL shortened gets the base62 numeral of n, with the digits 0-9, then a-z, then "
    'A-Z: the first code is "1", the 10th "a", the 36th "A" and the 62nd "10".',
)
def test_codes_are_the_base62_numerals_of_a_counter() -> None:
    service = new_service()
    urls = [f"https://example.com/{n}" for n in range(1, 201)]

    codes = [shorten(service, url) for url in urls]

    assert [codes[n - 1] for n in (1, 10, 36, 62, 63, 200)] == ["1", "a", "A", "10", "11", "3e"]
    assert codes == [numeral(n) for n in range(1, 201)]
    assert [resolve(service, code) for code in codes] == urls


@pytest.mark.spec("Codes are case-sensitive.")
def test_codes_are_case_sensitive() -> None:
    service = new_service()
    codes = [shorten(service, f"https://example.com/{n}") for n in range(36)]

    lower, upper = resolve(service, "a"), resolve(service, "A")

    assert (codes[9], codes[35]) == ("a", "A")
    assert (lower, upper) == ("https://example.com/9", "https://example.com/35")


@pytest.mark.spec(
    "Only web addresses.",
    "A URL is accepted only when its scheme is http or https and it has a host.",
    "Any other scheme (javascript:, data:, ftp:) is refused with InvalidUrlError naming the scheme",
    "It raises InvalidUrlError.",
    "Where a requirement says an error names a value, str(error) contains it.",
)
@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("data:text/html,<b>hi</b>", "data"),
        ("ftp://example.com/file", "ftp"),
        ("file:///etc/passwd", "file"),
    ],
    ids=["javascript", "data", "ftp", "file"],
)
def test_other_schemes_are_refused_naming_the_scheme(url: str, scheme: str) -> None:
    service = new_service()

    with raises_named("InvalidUrlError", naming=scheme):
        shorten(service, url)


@pytest.mark.spec("and so is a URL without a scheme or without a host.")
@pytest.mark.parametrize(
    "url",
    ["example.com/page", "//example.com/page", "http:///page", "https://", ""],
    ids=["a bare host", "scheme-relative", "empty host", "nothing after the scheme", "empty"],
)
def test_a_url_without_scheme_or_host_is_refused(url: str) -> None:
    service = new_service()

    with raises_named("InvalidUrlError"):
        shorten(service, url)


@pytest.mark.spec(
    "A URL with credentials (user@ or user:pass@ before the host), a control character or a "
    "space, or more than 2048 characters is refused with InvalidUrlError too"
)
@pytest.mark.parametrize(
    "url",
    [
        "https://user@example.com/",
        "https://user:secret@example.com/",
        "https://example.com/a b",
        "https://example.com/a\nb",
        "https://example.com/a\tb",
        "https://example.com/\x00",
        "https://example.com/\x7f",
        "https://example.com/" + "a" * 2030,
    ],
    ids=[
        "a user",
        "user and password",
        "a space",
        "a line feed",
        "a tab",
        "NUL",
        "DEL",
        "2049 characters",
    ],
)
def test_credentials_control_characters_and_long_urls_are_refused(url: str) -> None:
    service = new_service()

    with raises_named("InvalidUrlError"):
        shorten(service, url)


@pytest.mark.spec("and so is a port that is not a number from 1 to 65535.")
@pytest.mark.parametrize(
    "port", ["0", "65536", "99999", "http"], ids=["0", "65536", "99999", "a word"]
)
def test_a_port_out_of_range_is_refused(port: str) -> None:
    service = new_service()

    with raises_named("InvalidUrlError"):
        shorten(service, f"https://example.com:{port}/a")


@pytest.mark.spec("a port that is not a number from 1 to 65535")
@pytest.mark.parametrize("port", ["1", "65535"], ids=["1", "65535"])
def test_the_ports_at_either_end_are_accepted(port: str) -> None:
    service = new_service()
    url = f"https://example.com:{port}/a"

    code = shorten(service, url)

    assert resolve(service, code) == url


@pytest.mark.spec(
    "Each refusal says which rule the URL breaks, with the rule's word: scheme, host, "
    "credentials, control character or 2048."
)
@pytest.mark.parametrize(
    ("url", "word"),
    [
        ("example.com/page", "scheme"),
        ("", "scheme"),
        ("https:///page", "host"),
        ("https://user:secret@example.com/", "credentials"),
        ("https://example.com/a b", "control character"),
        ("https://example.com/a\tb", "control character"),
        ("https://example.com/" + "a" * 2030, "2048"),
    ],
    ids=["no scheme", "empty", "no host", "credentials", "a space", "a tab", "too long"],
)
def test_a_refusal_says_which_rule_the_url_breaks(url: str, word: str) -> None:
    service = new_service()

    with raises_named("InvalidUrlError", naming=word):
        shorten(service, url)


@pytest.mark.spec("or more than 2048 characters")
def test_a_url_of_2048_characters_is_accepted() -> None:
    service = new_service()
    url = "https://example.com/" + "a" * 2028

    code = shorten(service, url)

    assert len(url) == 2048
    assert resolve(service, code) == url


@pytest.mark.spec(
    "An unknown code says so.",
    "Resolving a code that was never handed out is refused with UnknownCodeError naming the code.",
    "It raises UnknownCodeError.",
    "An unknown code must not be a LinkGoneError.",
)
@pytest.mark.parametrize(
    "code", ["1", "2", "zz", "docs"], ids=["none yet", "the next", "zz", "a word"]
)
def test_an_unknown_code_is_refused_naming_it(code: str) -> None:
    service = new_service()
    if code != "1":
        shorten(service, URL)

    with pytest.raises(Exception) as raised:  # noqa: PT011 - checked by name below
        resolve(service, code)

    assert "UnknownCodeError" in names_of(raised.value)
    assert "LinkGoneError" not in names_of(raised.value)
    assert code in str(raised.value)


@pytest.mark.spec(
    "A refusal changes nothing.",
    "A refused URL uses up no code: the next URL accepted gets the next number.",
    "Errors are matched by name: an error matches when its class, or one of its base classes, "
    "has the name given here",
)
def test_a_refused_url_uses_up_no_code() -> None:
    service = new_service()
    shorten(service, URL)

    for bad in ("javascript:alert(1)", "https://user@example.com/", "nope"):
        with raises_named("InvalidUrlError"):
            shorten(service, bad)
    code = shorten(service, "https://example.com/b")

    assert code == "2"
    assert resolve(service, "1") == URL


@pytest.mark.spec(
    "Many callers at once.",
    "Threads shortening at the same time never get the same code, and each code resolves to "
    "the URL it was given for.",
)
def test_threads_never_get_the_same_code() -> None:
    service = new_service()

    batches = values(
        run_concurrently(8, lambda index: [(shorten(service, u), u) for u in _urls(index, 40)])
    )

    pairs = [pair for batch in batches for pair in batch]
    assert sorted(code for code, _ in pairs) == sorted(numeral(n) for n in range(1, 321))
    assert all(resolve(service, code) == url for code, url in pairs)


def _urls(index: int, count: int) -> list[str]:
    return [f"https://example.com/{index}/{n}" for n in range(count)]


@pytest.mark.spec("Shortening a URL gives a code, and resolving the code gives the URL back.")
@settings(max_examples=30)
@given(st.lists(st.text("abcXYZ019-._~/", max_size=12), min_size=1, max_size=20))
def test_any_sequence_of_urls_resolves_back(paths: list[str]) -> None:
    service = new_service()
    urls = [f"https://example.com/{path}" for path in paths]

    codes = [shorten(service, url) for url in urls]

    assert len(set(codes)) == len(codes)
    assert [resolve(service, code) for code in codes] == urls
