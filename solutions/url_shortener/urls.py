"""Long URLs from untrusted callers: what is accepted, and the one form each is kept in.

`urllib.parse.urlsplit` does the parsing, so the service reads a URL exactly as the
standard library does; the rules below refuse what it would read but a redirect must not
follow, and normalise the rest.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import SplitResult, quote, urlsplit, urlunsplit

from url_shortener.errors import InvalidUrlError
from url_shortener.values import is_text

MAX_URL_LENGTH = 2048
SCHEMES = {"http": 80, "https": 443}  # the accepted schemes, with their default ports
MAX_HOST_LENGTH = 253
_CONTROL = re.compile(r"[\x00-\x20\x7f]")  # C0 controls, space and DEL
_HOST = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?")
# Printable ASCII stays as written; only characters beyond it are percent-encoded.
_PRINTABLE = "".join(chr(code) for code in range(0x21, 0x7F))


def normalise_url(url: str) -> str:
    """The normalised form of an acceptable long URL; InvalidUrlError says what is wrong."""
    if not is_text(url):
        raise InvalidUrlError(f"a URL is a str, not {type(url).__name__}")
    _check_length(url)
    if control := _CONTROL.search(url):
        raise InvalidUrlError(
            f"URL has the control character or space {control.group()!r} "
            f"at position {control.start()}"
        )
    try:
        parts = urlsplit(url)
    except ValueError as error:
        raise InvalidUrlError(f"URL {url!r} cannot be parsed: {error}") from None
    scheme = _scheme(parts)
    netloc = _host(parts) + _port_suffix(parts, scheme)
    path = quote(parts.path, safe=_PRINTABLE) or "/"
    query = quote(parts.query, safe=_PRINTABLE)
    fragment = quote(parts.fragment, safe=_PRINTABLE)
    normalised = urlunsplit((scheme, netloc, path, query, fragment))
    _check_length(normalised)
    return normalised


def _check_length(url: str) -> None:
    if len(url) > MAX_URL_LENGTH:
        raise InvalidUrlError(
            f"URL is {len(url)} characters long; at most {MAX_URL_LENGTH} are accepted"
        )


def _scheme(parts: SplitResult) -> str:
    scheme = parts.scheme.lower()
    if not scheme:
        raise InvalidUrlError("URL has no scheme; write it with http:// or https://")
    if scheme not in SCHEMES:
        raise InvalidUrlError(f"scheme {scheme!r} is not allowed; only http and https are")
    return scheme


def _host(parts: SplitResult) -> str:
    if "@" in parts.netloc:
        raise InvalidUrlError("URL has credentials (user information before '@'); leave them out")
    host = parts.hostname
    if not host:
        raise InvalidUrlError("URL has no host")
    if "[" in parts.netloc:
        try:
            return f"[{ipaddress.IPv6Address(host)}]"
        except ValueError:
            raise InvalidUrlError(f"host {host!r} is not an IPv6 address") from None
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise InvalidUrlError(f"host {host!r} is not a valid internationalised name") from None
    if len(ascii_host) > MAX_HOST_LENGTH or not _HOST.fullmatch(ascii_host):
        raise InvalidUrlError(f"host {host!r} is not a valid host name")
    return ascii_host


def _port_suffix(parts: SplitResult, scheme: str) -> str:
    text = parts.netloc.rpartition("]")[2].partition(":")[2]
    if not text:
        return ""
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 65535:
        raise InvalidUrlError(f"port {text!r} is not a number from 1 to 65535")
    port = int(text)
    return "" if port == SCHEMES[scheme] else f":{port}"
