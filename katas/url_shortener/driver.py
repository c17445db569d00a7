"""The interview driver: the only door the interview suite uses into your design.

Write your own classes first, in modules of your own beside this one; then fill in these
functions so each one translates plain values into your design and back (an adapter).
INTERVIEW.md's "Driver contract" says what each takes, returns and raises. The handle (a
service) is whatever your ``build`` returns: the suite only passes it back. The last five
functions belong to the change requests; leave them until asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date, datetime, timedelta


def build(clock: Callable[[], datetime]) -> object:
    """A new, empty service that reads the time only from ``clock``."""
    raise NotImplementedError


def shorten(service: object, url: str) -> str:
    """Shorten ``url``; its code. Raises ``InvalidUrlError``."""
    raise NotImplementedError


def resolve(service: object, code: str) -> str:
    """The URL of ``code``. Raises ``UnknownCodeError`` (and ``LinkGoneError`` from change 2)."""
    raise NotImplementedError


def shorten_with_alias(service: object, url: str, alias: str) -> str:
    """Change request 1: a link whose code is ``alias``; the alias."""
    raise NotImplementedError


def shorten_expiring(service: object, url: str, lifetime: timedelta) -> str:
    """Change request 2: a link that resolves until ``lifetime`` has passed; its code."""
    raise NotImplementedError


def delete(service: object, code: str) -> None:
    """Change request 2: take the link down."""
    raise NotImplementedError


def clicks(service: object, code: str, day: date) -> int:
    """Change request 3: the successful resolves of ``code`` on the UTC date ``day``."""
    raise NotImplementedError


def on_click(service: object, callback: Callable[[str, datetime], object]) -> None:
    """Change request 3: call ``callback(code, at)`` for every later successful resolve."""
    raise NotImplementedError
