"""normalise_url against urllib.parse: generated corpora and hostile cases (the reference only).

The oracle is ``dojo verify``'s (``dojo/verify/oracles/url_shortener/urls.py``): it reads
each URL with ``urllib.parse.urlsplit`` and applies the spec's rules to the parts urllib
found; the reference must accept exactly what the oracle accepts, and its normalised URL
must be printable ASCII, its own normal form, and split with urllib into the parts the
oracle expects. The check's own cases run here on more cases than its default, and
Hypothesis generates a second corpus and shrinks any disagreement to the smallest case.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from url_shortener import InvalidUrlError, normalise_url

from dojo.verify.engine import case_random
from dojo.verify.oracles.url_shortener.urls import CHECK, expected_parts, parts_of
from tests.conformance.support import SEED, described, verify

pytestmark = pytest.mark.conformance

CORPUS = settings(
    max_examples=2500,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
BATCH = 2000
BATCHES = 3


@pytest.mark.parametrize(
    "batch",
    range(BATCHES),
    ids=[f"cases {n * BATCH}-{(n + 1) * BATCH - 1}" for n in range(BATCHES)],
)
def test_dojo_verifys_generated_urls_agree(batch: int) -> None:
    result = verify("url_shortener", "urls", batch * BATCH, (batch + 1) * BATCH)

    assert result.cases == BATCH
    assert result.agrees, described(result)


def test_the_generated_urls_are_both_accepted_and_refused() -> None:
    cases = [CHECK.generate(case_random(SEED, "urls", index), index) for index in range(BATCH)]

    accepted = sum(expected_parts(case.url) is not None for case in cases)

    assert BATCH // 10 < accepted < BATCH * 9 // 10


ascii_labels = st.from_regex(r"[a-zA-Z0-9](?:[a-zA-Z0-9_-]{0,10}[a-zA-Z0-9])?", fullmatch=True)
unicode_labels = st.text("éüßяж中ΩaZ0-", min_size=1, max_size=8)
hosts = st.one_of(
    st.lists(ascii_labels, min_size=1, max_size=4).map(".".join),
    st.lists(st.one_of(ascii_labels, unicode_labels), min_size=1, max_size=3).map(".".join),
    st.ip_addresses(v=4).map(str),
    st.ip_addresses(v=6).map(lambda address: f"[{address.exploded.upper()}]"),
    st.ip_addresses(v=6).map(lambda address: f"[{address}]"),
    st.sampled_from(["", "ex!ample.com", "a..b", "[::g]", "[v1.x]", "example.com.", "EXAMPLE.COM"]),
)
ports = st.sampled_from(["", ":", ":80", ":443", ":8080", ":1", ":65535", ":0", ":65536", ":x"])
userinfo = st.sampled_from(["", "", "", "", "user@", "user:pass@", "@", ":@"])
schemes = st.sampled_from(["http", "https", "HTTP", "hTtPs", "ftp", "javascript", "data", "file"])
text = st.lists(
    st.one_of(
        st.sampled_from(list("abcXYZ019-._~!$&'()*+,;=:@/%?#")),
        st.sampled_from(["%2F", "%41", "%zz", "%", "é", "ü", "中", "😀", "\\", "[", "]"]),
        st.sampled_from([" ", "\t", "\x00", "\x7f", "\n"]),
    ),
    max_size=16,
).map("".join)


@st.composite
def urls(draw: st.DrawFn) -> str:
    scheme = draw(schemes)
    if scheme.lower() in {"javascript", "data"}:
        return f"{scheme}:{draw(text)}"
    authority = draw(userinfo) + draw(hosts) + draw(ports)
    path = "/" + draw(text) if draw(st.booleans()) else ""
    query = "?" + draw(text) if draw(st.booleans()) else ""
    fragment = "#" + draw(text) if draw(st.booleans()) else ""
    long_tail = "a" * draw(st.sampled_from([0, 0, 0, 2000, 2100]))
    return f"{scheme}://{authority}{path}{long_tail}{query}{fragment}"


@CORPUS
@given(urls())
@example("HTTPS://Bücher.Example:443")
@example("http://example.com\\@evil.example/")
@example("http://evil.example#@good.example")
@example("http://\uff25\uff38\uff21\uff2d\uff30\uff2c\uff25.com/")
@example("http://[::ffff:192.0.2.1]:8080/x")
def test_normalise_url_agrees_with_urllib_parse(url: str) -> None:
    expected = expected_parts(url)

    try:
        normalised = normalise_url(url)
    except InvalidUrlError:
        assert expected is None, f"refused {url!r}, which urllib reads as {expected}"
        return

    assert expected is not None, f"accepted {url!r} as {normalised!r}; urllib says refuse"
    assert parts_of(normalised) == expected


HOSTILE = [
    ("http://example.com\\@evil.example/", None),
    ("http://good.example@evil.example/", None),
    ("http://evil.example#@good.example", "http://evil.example/#@good.example"),
    ("http://evil.example?@good.example", "http://evil.example/?@good.example"),
    ("http://\uff25\uff38\uff21\uff2d\uff30\uff2c\uff25.com/", "http://example.com/"),
    ("http://xn--bcher-kva.example/", "http://xn--bcher-kva.example/"),
    ("http://Bücher.Example/ü", "http://xn--bcher-kva.example/%C3%BC"),
    ("http://[::ffff:192.0.2.1]:80/", "http://[::ffff:c000:201]/"),
    ("http://127.0.0.1:8080/a%2e%2E/b", "http://127.0.0.1:8080/a%2e%2E/b"),
    ("http://example.com:080/", "http://example.com/"),
    ("http://example.com:00443/", "http://example.com:443/"),
    ("https://example.com:65536/", None),
    ("http://example.com:-80/", None),
    ("http://[fe80::1%25eth0]/", "http://[fe80::1%25eth0]/"),
    ("http://exa\u200bmple.com/", "http://example.com/"),
    ("http://" + "a" * 63 + ".com/", "http://" + "a" * 63 + ".com/"),
    ("http://" + "a" * 64 + ".com/", None),
    ("http://example.com/" + "a" * 2030, None),
    ("http://example.com/" + "a" * 2029, "http://example.com/" + "a" * 2029),
    ("\x00http://example.com/", None),
    (" http://example.com/", None),
    ("http://example.com/\u2028", "http://example.com/%E2%80%A8"),
]


@pytest.mark.parametrize(
    ("url", "normalised"),
    HOSTILE,
    ids=[
        "backslash before @",
        "credentials hiding the host",
        "@ in the fragment",
        "@ in the query",
        "full-width host",
        "punycode kept",
        "IDNA host and path",
        "IPv4-mapped IPv6",
        "encoded dots kept",
        "port with a leading zero",
        "port 443 written 00443 on http",
        "port out of range",
        "negative port",
        "an IPv6 zone, kept as ipaddress reads it",
        "a zero-width space, dropped by IDNA",
        "63-character label",
        "64-character label",
        "2049 characters",
        "2048 characters",
        "leading NUL",
        "leading space",
        "line separator in the path",
    ],
)
def test_hostile_urls(url: str, normalised: str | None) -> None:
    expected = expected_parts(url)

    if normalised is None:
        with pytest.raises(InvalidUrlError):
            normalise_url(url)
        assert expected is None
    else:
        assert normalise_url(url) == normalised
        assert parts_of(normalised) == expected
