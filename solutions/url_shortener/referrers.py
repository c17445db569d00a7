"""The referring host of a click, from an untrusted Referer value."""

from __future__ import annotations

from urllib.parse import urlsplit

from url_shortener.errors import InvalidUrlError
from url_shortener.urls import normalise_url


def referring_host(referrer: str | None) -> str | None:
    """The host of a referrer the service would accept as a URL; None for any other."""
    if referrer is None:
        return None
    try:
        return urlsplit(normalise_url(referrer)).hostname
    except InvalidUrlError:
        return None
