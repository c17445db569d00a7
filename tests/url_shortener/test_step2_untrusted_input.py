from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from url_shortener import (
    MAX_URL_LENGTH,
    AliasTakenError,
    CounterCodes,
    InvalidAliasError,
    InvalidUrlError,
    InvalidValueError,
    ShortenerError,
    decode_base62,
    normalise_url,
)

from tests.url_shortener.support import names, shortener_on

if TYPE_CHECKING:
    from tests.support import FakeClock

pytestmark = [
    pytest.mark.step(2),
    pytest.mark.spec(
        "Long URLs and aliases come from anyone; only what a redirect may safely lead to is kept."
    ),
]

URL = "https://example.com/a"
HOST = "http://example.com/"


def refusal(url: str) -> str:
    """The message of the InvalidUrlError that shortening ``url`` raises."""
    with pytest.raises(InvalidUrlError) as raised:
        normalise_url(url)
    assert isinstance(raised.value, InvalidValueError)
    assert isinstance(raised.value, ValueError)
    return str(raised.value)


@pytest.mark.spec(
    "shorten accepts only URLs whose scheme is http or https, in any case, with a host.",
    "link.url and resolve give this form.",
)
@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("http://example.com/a", "http://example.com/a"),
        ("https://example.com/a", "https://example.com/a"),
        ("HTTP://example.com/a", "http://example.com/a"),
        ("hTTpS://example.com/a", "https://example.com/a"),
    ],
    ids=["http", "https", "upper case", "mixed case"],
)
def test_http_and_https_urls_are_accepted_in_any_case(
    clock: FakeClock, url: str, kept: str
) -> None:
    shortener = shortener_on(clock)

    link = shortener.shorten(url)

    assert link.url == kept
    assert shortener.resolve(link.code) == kept


@pytest.mark.spec(
    "Any other scheme (javascript:, data:, file:, ftp:) is refused with InvalidUrlError naming "
    "the scheme",
    "a long URL the service does not accept (step 2); the message says what is wrong",
)
@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("JavaScript:alert(document.cookie)", "javascript"),
        ("data:text/html,<script>alert(1)</script>", "data"),
        ("file:///etc/passwd", "file"),
        ("ftp://example.com/file", "ftp"),
        ("mailto:someone@example.com", "mailto"),
    ],
    ids=["javascript", "javascript in mixed case", "data", "file", "ftp", "mailto"],
)
def test_other_schemes_are_refused_naming_the_scheme(
    clock: FakeClock, url: str, scheme: str
) -> None:
    shortener = shortener_on(clock)

    with pytest.raises(InvalidUrlError) as raised:
        shortener.shorten(url)

    assert scheme in str(raised.value)
    assert isinstance(raised.value, ShortenerError)


@pytest.mark.spec(
    "a URL without a scheme, or without a host, is refused with a message that says so (no "
    "scheme, no host)."
)
@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("example.com/page", "no scheme"),
        ("//example.com/page", "no scheme"),
        ("http:///page", "no host"),
        ("https://", "no host"),
        ("http:example.com", "no host"),
    ],
    ids=["a bare host", "scheme-relative", "empty host", "nothing after the scheme", "no slashes"],
)
def test_a_url_without_scheme_or_host_is_refused_saying_so(url: str, problem: str) -> None:
    assert problem in refusal(url)


@pytest.mark.spec(
    "A URL with credentials (anything before an @ in its authority, such as "
    "http://user:pass@example.com) is refused, with a message that says credentials."
)
@pytest.mark.parametrize(
    "url",
    [
        "http://user:pass@example.com/",
        "http://user@example.com/",
        "http://@example.com/",
        "https://example.com\\@evil.example/",
        "http://user:pass@example.com:8080/",
    ],
    ids=["user and password", "user", "empty", "behind a backslash", "with a port"],
)
def test_credentials_are_refused(url: str) -> None:
    assert "credentials" in refusal(url)


@pytest.mark.spec("anything before an @ in its authority")
def test_an_at_sign_in_the_path_is_not_credentials() -> None:
    assert (
        normalise_url("http://example.com/@someone?to=a@b") == "http://example.com/@someone?to=a@b"
    )


@pytest.mark.spec(
    "A URL that contains a control character (U+0000 to U+001F, or U+007F) or a space anywhere "
    "is refused, with a message that names the character as repr() shows it."
)
@pytest.mark.parametrize(
    "character",
    ["\x00", "\t", "\n", "\r", "\x1b", "\x1f", "\x7f", " "],
    ids=["NUL", "tab", "line feed", "carriage return", "escape", "unit separator", "DEL", "space"],
)
@pytest.mark.parametrize(
    "where",
    ["{}http://example.com/", "http://exa{}mple.com/", "http://example.com/a{}b", HOST + "{}"],
    ids=["first", "in the host", "in the path", "last"],
)
def test_control_characters_and_spaces_are_refused(character: str, where: str) -> None:
    assert repr(character) in refusal(where.format(character))


@pytest.mark.spec(
    "A URL longer than MAX_URL_LENGTH (2048) characters, as given or once normalised, is "
    "refused, with a message that gives its length."
)
def test_the_length_limit_counts_characters_as_given() -> None:
    longest = HOST + "a" * (MAX_URL_LENGTH - len(HOST))

    assert MAX_URL_LENGTH == 2048
    assert normalise_url(longest) == longest
    assert "2049" in refusal(longest + "a")
    assert "100019" in refusal(HOST + "a" * 100_000)


@pytest.mark.spec(
    "A URL longer than MAX_URL_LENGTH (2048) characters, as given or once normalised, is "
    "refused, with a message that gives its length."
)
def test_the_length_limit_counts_the_normalised_form_too() -> None:
    url = HOST + "é" * 400  # 419 characters, 2419 once each é is %C3%A9

    assert "2419" in refusal(url)
    assert len(normalise_url(HOST + "é" * 338)) == 2047


@pytest.mark.spec(
    "A port must be a number from 1 to 65535; any other port is refused naming it.",
)
@pytest.mark.parametrize(
    "port",
    ["0", "65536", "99999", "abc", "-1", "+80", "\uff18\uff10", "80a"],
    ids=[
        "zero",
        "65536",
        "99999",
        "letters",
        "negative",
        "a plus sign",
        "full-width digits",
        "80a",
    ],
)
def test_a_port_outside_1_to_65535_is_refused_naming_it(port: str) -> None:
    assert repr(port) in refusal(f"http://example.com:{port}/")


@pytest.mark.spec("A port must be a number from 1 to 65535")
@pytest.mark.parametrize("port", ["1", "65535", "8080"], ids=["1", "65535", "8080"])
def test_ports_from_1_to_65535_are_kept(port: str) -> None:
    assert normalise_url(f"http://example.com:{port}/x") == f"http://example.com:{port}/x"


@pytest.mark.spec(
    "A host must be a valid host name, an IPv4 address or an IPv6 address in brackets; any "
    "other host is refused naming it."
)
@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("http://ex!ample.com/", "ex!ample.com"),
        ("http://exa%41mple.com/", "exa%41mple.com"),
        ("http://a..b/", "a..b"),
        ("http://.example.com/", ".example.com"),
        ("http://" + "a" * 64 + ".com/", "a" * 64),
        ("http://[::g]/", "::g"),
        ("http://[v1.x]/", "v1.x"),
        ("http://a" + ".b" * 130 + "/", "a.b.b"),
    ],
    ids=[
        "punctuation",
        "a percent-escape",
        "an empty label",
        "a leading dot",
        "a label over 63 characters",
        "a bad IPv6 address",
        "an IP future literal",
        "over 253 characters",
    ],
)
def test_an_invalid_host_is_refused_naming_it(url: str, host: str) -> None:
    assert host in refusal(url)


@pytest.mark.spec(
    "A host must be a valid host name, an IPv4 address or an IPv6 address in brackets",
)
@pytest.mark.parametrize(
    "url",
    [
        "http://192.168.0.1/x",
        "http://[2001:db8::1]/x",
        "http://my-host_1.example.com/x",
        "http://localhost/x",
        "http://example.com./x",
        "http://" + ".".join(["a" * 63] * 3 + ["b" * 61]) + "/x",
    ],
    ids=["IPv4", "IPv6", "hyphen and underscore", "one label", "a trailing dot", "253 characters"],
)
def test_valid_hosts_are_accepted(url: str) -> None:
    assert normalise_url(url) == url


@pytest.mark.spec(
    "normalise_url(url) returns the form the service keeps, or raises as shorten does",
    "The URL is read as urllib.parse.urlsplit reads it, then the scheme and the host are "
    "lower-cased, an internationalised host is written in ASCII (IDNA, as Python's idna codec "
    "writes it), an IPv6 host is written in its compressed form, the scheme's default port (80 "
    "for http, 443 for https) is dropped, an empty path becomes /, an empty query or fragment is "
    "dropped, and every character beyond printable ASCII in the path, query or fragment is "
    "percent-encoded as UTF-8.",
    "Everything else, percent-escapes included, is kept exactly as written.",
)
@pytest.mark.parametrize(
    ("url", "normalised"),
    [
        ("HTTPS://Bücher.Example:443", "https://xn--bcher-kva.example/"),
        ("http://Example.COM:80/Path?Q=1#Frag", "http://example.com/Path?Q=1#Frag"),
        ("http://example.com:8080", "http://example.com:8080/"),
        ("https://example.com:80/", "https://example.com:80/"),
        ("http://example.com:443/", "http://example.com:443/"),
        ("http://example.com:/a", "http://example.com/a"),
        ("http://[0:0::1]:80/", "http://[::1]/"),
        ("http://[2001:DB8:0:0:0:0:0:1]/", "http://[2001:db8::1]/"),
        ("http://example.com/?", "http://example.com/"),
        ("http://example.com/#", "http://example.com/"),
        ("http://example.com/a%2Fb?x=%41%zz", "http://example.com/a%2Fb?x=%41%zz"),
        ("http://example.com/ü?q=é#ß", "http://example.com/%C3%BC?q=%C3%A9#%C3%9F"),
        ("http://example.com/a/../b/./c", "http://example.com/a/../b/./c"),
        ("http://example.com/<\"'{|}>^`", "http://example.com/<\"'{|}>^`"),
        (
            "http://e.com/?q=<'a'>&b={c}#!$'(x)*+,;=:@/?",
            "http://e.com/?q=<'a'>&b={c}#!$'(x)*+,;=:@/?",
        ),
        ("http://пример.рф/путь", "http://xn--e1afmkfd.xn--p1ai/%D0%BF%D1%83%D1%82%D1%8C"),
        ("https://example.com/😀", "https://example.com/%F0%9F%98%80"),
    ],
    ids=[
        "IDNA host, default https port",
        "case and the default http port",
        "another port and no path",
        "port 80 is not https's default",
        "port 443 is not http's default",
        "an empty port",
        "IPv6 compressed, default port",
        "IPv6 lower-cased and compressed",
        "an empty query",
        "an empty fragment",
        "percent-escapes kept as written",
        "non-ASCII percent-encoded",
        "dot segments kept",
        "printable ASCII kept",
        "printable ASCII kept in the query and fragment",
        "Cyrillic host and path",
        "an emoji",
    ],
)
def test_urls_are_normalised(clock: FakeClock, url: str, normalised: str) -> None:
    shortener = shortener_on(clock)

    link = shortener.shorten(url)

    assert normalise_url(url) == normalised
    assert link.url == normalised
    assert shortener.resolve(link.code) == normalised


@pytest.mark.spec(
    "shorten(url, alias=...) uses the alias as the code.",
    "An alias is 3 to 32 characters, each a letter, a digit, _ or -",
)
@pytest.mark.parametrize(
    "alias",
    ["abc", "a" * 32, "My_Link-2", "---", "007"],
    ids=["3", "32", "mixed", "dashes", "digits"],
)
def test_an_alias_becomes_the_code(clock: FakeClock, alias: str) -> None:
    shortener = shortener_on(clock)

    link = shortener.shorten(URL, alias=alias)

    assert link.code == alias
    assert shortener.resolve(alias) == URL


@pytest.mark.spec(
    "any other alias is refused with InvalidAliasError naming it.",
    "a custom alias outside the alphabet or the length, or a reserved word; the message names "
    "the alias",
)
@pytest.mark.parametrize(
    "alias",
    ["ab", "a" * 33, "", "with space", "ü-link", "a/b", "a.b", "a%20b", "tab\t"],
    ids=[
        "2 characters",
        "33 characters",
        "empty",
        "a space",
        "non-ASCII",
        "a slash",
        "a dot",
        "a percent-escape",
        "a tab",
    ],
)
def test_an_alias_outside_the_alphabet_or_length_is_refused(clock: FakeClock, alias: str) -> None:
    shortener = shortener_on(clock)

    with pytest.raises(InvalidAliasError) as raised:
        shortener.shorten(URL, alias=alias)

    assert repr(alias) in str(raised.value)
    assert isinstance(raised.value, InvalidValueError)


@pytest.mark.spec(
    "The words of RESERVED (admin, api, health, links, login, static) are refused as aliases "
    "in any case, naming the alias.",
)
@pytest.mark.parametrize(
    "alias",
    ["admin", "api", "health", "links", "login", "static", "API", "Links", "sTaTiC"],
    ids=["admin", "api", "health", "links", "login", "static", "API", "Links", "sTaTiC"],
)
def test_reserved_words_are_refused_as_aliases(clock: FakeClock, alias: str) -> None:
    shortener = shortener_on(clock)

    with pytest.raises(InvalidAliasError) as raised:
        shortener.shorten(URL, alias=alias)

    assert names(str(raised.value), alias)


@pytest.mark.spec(
    "An alias that is a code already, generated or chosen, is refused with AliasTakenError "
    "naming it, and the existing link is unchanged.",
    "the custom alias is a code already, live or gone; the message names it",
    "An operation that raises changes nothing: no link is stored, changed or deleted.",
)
def test_a_chosen_alias_cannot_be_chosen_again(clock: FakeClock) -> None:
    shortener = shortener_on(clock)
    first = shortener.shorten(URL, alias="docs")

    with pytest.raises(AliasTakenError) as raised:
        shortener.shorten("https://example.com/other", alias="docs")

    assert isinstance(raised.value, ValueError)
    assert names(str(raised.value), "docs")
    assert shortener.link("docs") == first
    assert shortener.resolve("docs") == URL


@pytest.mark.spec(
    "An alias that is a code already, generated or chosen, is refused with AliasTakenError "
    "naming it, and the existing link is unchanged.",
)
def test_a_generated_code_cannot_be_chosen_as_an_alias(clock: FakeClock) -> None:
    shortener = shortener_on(clock, CounterCodes(start=decode_base62("abc")))
    generated = shortener.shorten(URL)

    with pytest.raises(AliasTakenError, match="abc"):
        shortener.shorten("https://example.com/other", alias="abc")

    assert generated.code == "abc"
    assert shortener.resolve("abc") == URL


@pytest.mark.spec(
    "A code the generator offers later that is taken by an alias is skipped, as step 3 says."
)
def test_the_counter_skips_a_code_taken_by_an_alias(clock: FakeClock) -> None:
    shortener = shortener_on(clock, CounterCodes(start=decode_base62("abc")))
    shortener.shorten(URL, alias="abc")

    generated = shortener.shorten("https://example.com/other")

    assert generated.code == "abd"
    assert shortener.resolve("abc") == URL


@pytest.mark.spec("The URL is checked before the alias")
def test_the_url_is_checked_before_the_alias(clock: FakeClock) -> None:
    shortener = shortener_on(clock)

    with pytest.raises(InvalidUrlError):
        shortener.shorten("ftp://example.com/", alias="no")


@pytest.mark.spec(
    "a refused shorten stores nothing and uses up no code of the generator.",
    "An operation that raises changes nothing: no link is stored, changed or deleted.",
)
def test_a_refused_shorten_stores_nothing_and_uses_up_no_code(clock: FakeClock) -> None:
    shortener = shortener_on(clock)
    shortener.shorten(URL, alias="taken")
    refused = [
        ("javascript:alert(1)", None),
        ("https://example.com/x", "api"),
        ("https://example.com/x", "no"),
        ("https://example.com/x", "taken"),
    ]

    for url, alias in refused:
        with pytest.raises(ShortenerError):
            shortener.shorten(url, alias=alias)
    after = shortener.shorten("https://example.com/b")

    assert after.code == "1"
    assert shortener.resolve("taken") == URL


@pytest.mark.spec(
    "a long URL the service does not accept (step 2); the message says what is wrong",
    "any other alias is refused with InvalidAliasError naming it.",
)
def test_values_that_are_not_text_are_refused(clock: FakeClock) -> None:
    shortener = shortener_on(clock)

    with pytest.raises(InvalidUrlError, match="int"):
        shortener.shorten(5)  # type: ignore[arg-type]
    with pytest.raises(InvalidAliasError, match="bytes"):
        shortener.shorten(URL, alias=b"abc")  # type: ignore[arg-type]
