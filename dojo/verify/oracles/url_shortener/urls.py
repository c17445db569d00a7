"""``normalise_url`` against ``urllib.parse``: what is accepted, and the parts urllib reads.

The real thing reads each URL with ``urllib.parse.urlsplit`` and applies the spec's rules
to the parts urllib found (step 2): only ``http`` and ``https`` with a host, no
credentials, no control character or space, at most 2048 characters, a port from 1 to
65535, a host name (in ASCII by Python's ``idna`` codec) or an IPv6 address in brackets
(compressed by ``ipaddress``). The learner's normalised URL must be printable ASCII, be
its own normal form, and split with urllib into the parts expected: the scheme and host
lower-cased, the default port dropped, the path ``/`` when empty, and the path, query and
fragment the same once percent-escapes are decoded.

Of RFC 3986's normalisations (section 6.2.2) the kata does the case of the scheme and the
host and the scheme's default port and empty path (6.2.3); it keeps percent-escapes as
written (RFC 3986 upper-cases their hex digits and decodes unreserved characters) and
removes no dot segments, so those are not compared: paths are compared decoded, and
``/a/../b`` is kept as it is.
"""

from __future__ import annotations

import ipaddress
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import attrs
from url_shortener import InvalidUrlError, normalise_url

from dojo.verify.check import Check

if TYPE_CHECKING:
    import random
    from collections.abc import Iterator

MAX_LENGTH = 2048
DEFAULT_PORT = {"http": 80, "https": 443}
LABEL = re.compile(r"[a-z0-9_-]+")
Parts = list[object]  # scheme, host, port, path, query, fragment (the last three decoded)

SCHEMES = ("http", "https", "HTTP", "hTtPs", "ftp", "javascript", "data", "file")
USERINFO = ("", "", "", "", "user@", "user:pass@", "@", ":@")
PORTS = ("", ":", ":80", ":443", ":8080", ":1", ":65535", ":0", ":65536", ":x", ":080")
ODD_HOSTS = ("", "ex!ample.com", "a..b", "[::g]", "[v1.x]", "example.com.", "EXAMPLE.COM")
PIECES = (
    *"abcXYZ019-._~!$&'()*+,;=:@/%?#",
    *("%2F", "%41", "%zz", "%", "é", "ü", "中", "😀", "\\", "[", "]"),
    *(" ", "\t", "\x00", "\x7f", "\n"),
)
UNICODE_LABEL = "éüßяж中ΩaZ0-"
ASCII_LABEL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def expected_parts(url: str) -> Parts | None:
    """What urllib reads in ``url`` once the spec's rules apply; None when they refuse it."""
    if len(url) > MAX_LENGTH or any(ord(c) <= 0x20 or ord(c) == 0x7F for c in url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORT or "@" in parts.netloc or not parts.hostname or port == 0:
        return None
    host = _expected_host(parts.hostname, bracketed="[" in parts.netloc)
    if host is None:
        return None
    port = None if port == DEFAULT_PORT[scheme] else port
    netloc = (f"[{host}]" if ":" in host else host) + (f":{port}" if port else "")
    if _normal_length(scheme, netloc, parts.path, parts.query, parts.fragment) > MAX_LENGTH:
        return None
    path, query, fragment = (unquote(text) for text in (parts.path, parts.query, parts.fragment))
    return [scheme, host, port, path or "/", query, fragment]


def _normal_length(scheme: str, netloc: str, path: str, query: str, fragment: str) -> int:
    """The length of the normal form: beyond printable ASCII, each UTF-8 byte becomes %XX."""

    def encoded(text: str) -> int:
        return sum(1 if ord(c) < 0x7F else 3 * len(c.encode()) for c in text)

    extra = (bool(query) + encoded(query)) + (bool(fragment) + encoded(fragment))
    return len(scheme) + 3 + len(netloc) + (encoded(path) or 1) + extra


def _expected_host(host: str, *, bracketed: bool) -> str | None:
    if bracketed:
        try:
            return str(ipaddress.IPv6Address(host))
        except ValueError:
            return None
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = ascii_host.removesuffix(".").split(".")
    if len(ascii_host) > 253 or not all(LABEL.fullmatch(label) for label in labels):
        return None
    return ascii_host


def parts_of(normalised: str) -> Parts | str:
    """The parts urllib reads in a normalised URL, or what is wrong with it."""
    if not all(0x21 <= ord(c) < 0x7F for c in normalised):
        return f"gives {brief(normalised)}, which is not printable ASCII"
    try:
        again = normalise_url(normalised)
    except InvalidUrlError:
        again = "refused"
    if again != normalised:
        return f"gives {brief(normalised)}, whose own normal form is {brief(again)}"
    parts = urlsplit(normalised)
    path, query, fragment = (unquote(text) for text in (parts.path, parts.query, parts.fragment))
    return [parts.scheme, parts.hostname, parts.port, path, query, fragment]


@attrs.frozen
class UrlCase:
    """A URL in its parts, as the generator wrote them."""

    scheme: str
    userinfo: str = ""
    host: str = "a"
    port: str = ""
    path: str = ""
    query: str = ""
    fragment: str = ""
    tail: int = 0

    @property
    def url(self) -> str:
        """The URL as given to ``normalise_url``."""
        head, rest = self.halves()
        return head + "a" * self.tail + rest

    def halves(self) -> tuple[str, str]:
        """The URL before the run of ``a`` that lengthens it, and after."""
        if self.scheme.lower() in {"javascript", "data"}:
            return f"{self.scheme}:{self.path}", ""
        query = f"?{self.query}" if self.query else ""
        fragment = f"#{self.fragment}" if self.fragment else ""
        return f"{self.scheme}://{self.userinfo}{self.host}{self.port}{self.path}", query + fragment


CLEAN_PIECES = tuple(piece for piece in PIECES if piece.isprintable() and piece != " ")
CONTROLS = ("\t", "\n", "\r", "\x00", "\x1f", "\x7f", " ")
CLEAN_PORTS = ("", ":80", ":443", ":8080", ":1", ":65535", ":080")


def _text(rng: random.Random, pieces: tuple[str, ...] = PIECES) -> str:
    return "".join(rng.choice(pieces) for _ in range(rng.randrange(17)))


def _host(rng: random.Random) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        labels = ["".join(rng.choices(ASCII_LABEL, k=rng.randint(1, 8))) for _ in range(3)]
        return ".".join(labels[: rng.randint(1, 3)])
    if kind == 1:
        return ".".join(
            "".join(rng.choices(UNICODE_LABEL, k=rng.randint(1, 6)))
            for _ in range(rng.randint(1, 3))
        )
    if kind == 2:
        return str(ipaddress.IPv4Address(rng.getrandbits(32)))
    if kind == 3:
        address = ipaddress.IPv6Address(rng.getrandbits(128))
        return f"[{address.exploded.upper() if rng.random() < 0.5 else address}]"
    return rng.choice(ODD_HOSTS)


def _with_one_fault(rng: random.Random, case: UrlCase) -> UrlCase:
    """A clean URL with port 0, or one control character or space in its host or path."""
    if rng.random() < 0.25:
        return attrs.evolve(case, port=":0")
    control = rng.choice(CONTROLS)
    field = rng.choice(("host", "path"))
    text: str = getattr(case, field)
    at = rng.randint(0, len(text))
    faulty: dict[str, Any] = {field: text[:at] + control + text[at:]}
    return attrs.evolve(case, **faulty)


class UrlCheck(Check[UrlCase]):
    """Accepted or refused as urllib and the rules say, and the parts urllib reads."""

    def generate(self, rng: random.Random, index: int) -> UrlCase:
        """A URL from parts: schemes, credentials, hosts, ports and text of every sort."""
        del index
        scheme = rng.choice(SCHEMES)
        if scheme.lower() in {"javascript", "data"}:
            return UrlCase(scheme, host="", path=_text(rng))
        # Half the URLs have no control character, credentials or bad port: a host, a
        # scheme or the length decides, and what is kept is compared part by part.
        clean = rng.random() < 0.5
        pieces = CLEAN_PIECES if clean else PIECES
        case = UrlCase(
            rng.choice(SCHEMES[:4]) if clean else scheme,
            "" if clean else rng.choice(USERINFO),
            _host(rng),
            rng.choice(CLEAN_PORTS if clean else PORTS),
            "/" + _text(rng, pieces) if rng.random() < 0.5 else "",
            _text(rng, pieces) if rng.random() < 0.5 else "",
            _text(rng, pieces) if rng.random() < 0.5 else "",
            rng.choice((0, 0, 0, 1900, 2100)),
        )
        if rng.random() < 0.2:  # a fifth end at the length limit, give or take one
            edge = MAX_LENGTH - len(attrs.evolve(case, tail=0).url) + rng.randint(-1, 1)
            case = attrs.evolve(case, tail=max(edge, 0))
        if clean and rng.random() < 0.2:  # one fault alone: a control character or port 0
            return _with_one_fault(rng, case)
        return case

    def real(self, case: UrlCase) -> object:
        """The parts urllib reads once the rules apply, or None for a refusal."""
        return expected_parts(case.url)

    def theirs(self, case: UrlCase) -> object:
        """The parts urllib reads in ``normalise_url``'s answer, or None for InvalidUrlError."""
        try:
            normalised = normalise_url(case.url)
        except InvalidUrlError:
            return None
        return parts_of(normalised)

    def show(self, case: UrlCase) -> str:
        """The call."""
        if not case.tail:
            return f"normalise_url({case.url!r})"
        head, rest = case.halves()
        return f"normalise_url({head!r} + 'a' * {case.tail} + {rest!r})"

    def show_answers(self, real: object, theirs: object) -> tuple[str, str]:
        """Refused, or the parts."""
        return _said(real), _said(theirs)

    def kind(self, case: UrlCase, real: object, theirs: object) -> str:
        """Refused by one side only, another normal form, or not a normal form at all."""
        del case
        if isinstance(theirs, str):
            return "your code raises" if theirs.startswith("raised") else "not a normal form"
        if real is None:
            return "you accept a URL the rules refuse"
        if theirs is None:
            return "you refuse a URL the rules accept"
        return "another normal form"

    def shrink(self, case: UrlCase) -> Iterator[UrlCase]:
        """Each part emptied or plainer, then one character fewer in each text: shorter URLs."""
        size = self.size(case)
        yield from (simpler for simpler in self._simpler(case) if self.size(simpler) < size)

    def _simpler(self, case: UrlCase) -> Iterator[UrlCase]:
        plain = UrlCase("http")
        for field in ("tail", "userinfo", "port", "query", "fragment", "path", "scheme", "host"):
            if getattr(case, field) != getattr(plain, field):
                yield attrs.evolve(case, **{field: getattr(plain, field)})
        for field in ("path", "query", "fragment", "host", "userinfo", "port"):
            text: str = getattr(case, field)
            for index in range(len(text)):
                shorter: dict[str, Any] = {field: text[:index] + text[index + 1 :]}
                yield attrs.evolve(case, **shorter)

    def size(self, case: UrlCase) -> tuple[int, ...]:
        """A shorter URL, then fewer parts."""
        parts = (case.userinfo, case.port, case.path, case.query, case.fragment)
        return (len(case.url), sum(map(bool, parts)), case.scheme != "http")


def brief(text: str) -> str:
    """``repr(text)``, a long run of ``a`` written as its length."""
    return re.sub(r"a{20,}", lambda run: f"a...({len(run.group())} a)...a", repr(text))


def _said(answer: object) -> str:
    if answer is None:
        return "refused (InvalidUrlError)"
    if isinstance(answer, list) and len(answer) == 6:
        scheme, host, port, path, query, fragment = answer
        return (
            f"scheme {scheme!r}, host {host!r}, port {port!r}, path {path!r}, "
            f"query {query!r}, fragment {fragment!r} (decoded)"
        )
    return str(answer)


CHECK = UrlCheck()
