"""Long URLs from untrusted callers (step 2)."""

from __future__ import annotations

MAX_URL_LENGTH = 2048


def normalise_url(url: str) -> str:
    """The form the service keeps ``url`` in, or InvalidUrlError saying what is wrong.

    Accepted: http and https URLs with a host, no credentials, no control character or
    space, a port from 1 to 65535, at most MAX_URL_LENGTH characters as given and once
    normalised. Normalised as the spec's step 2 says: read with urllib.parse.urlsplit;
    scheme and host lower-cased; IDNA host in ASCII; IPv6 host compressed; default port
    dropped; empty path "/"; empty query or fragment dropped; non-ASCII percent-encoded.
    """
    raise NotImplementedError
