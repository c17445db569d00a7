"""url_shortener against pybase62, urllib.parse and a real HTTP client: ``dojo verify``'s checks."""

from dojo.verify.check import CheckInfo

_HERE = "dojo.verify.oracles.url_shortener"

CHECKS = (
    CheckInfo(
        "base62",
        f"{_HERE}.numerals:CHECK",
        "encode_base62 and decode_base62, leading zeros included",
        "pybase62",
        step=1,
        cases=2000,
        modules=("base62",),
    ),
    CheckInfo(
        "urls",
        f"{_HERE}.urls:CHECK",
        "normalise_url: what is refused, and the parts urllib reads in what is kept",
        "urllib.parse",
        step=2,
        cases=2000,
    ),
    CheckInfo(
        "http",
        f"{_HERE}.web:CHECK",
        "the HTTP service: status codes, Location, Allow, Content-Length, JSON bodies",
        "http.client, RFC 9110",
        step=7,
        cases=150,
    ),
)
