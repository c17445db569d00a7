"""url_shortener against urllib.parse and a real HTTP client: the checks ``dojo verify`` runs."""

from dojo.verify.check import CheckInfo

_HERE = "dojo.verify.oracles.url_shortener"

CHECKS = (
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
