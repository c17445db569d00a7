"""The interview driver over the reference design: plain values in, domain objects inside.

An adapter: ``build`` composes a ``Shortener`` with a ``ClickCounter`` listening to it, and
hands back the pair as the opaque handle; every other function translates one call. The
domain's errors already carry the names the contract gives, so they pass through
unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from url_shortener import ClickCounter, Shortener

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date, datetime, timedelta

    from url_shortener import Click, Clock


@attrs.frozen
class Service:
    """The handle the suite passes back: the service and the counter that listens to it."""

    shortener: Shortener
    counter: ClickCounter


def build(clock: Clock) -> Service:
    """A new, empty service that counts its clicks."""
    shortener, counter = Shortener(clock=clock), ClickCounter()
    shortener.subscribe(counter)
    return Service(shortener, counter)


def shorten(service: Service, url: str) -> str:
    """Shorten ``url``; its code."""
    return service.shortener.shorten(url).code


def resolve(service: Service, code: str) -> str:
    """The URL of ``code``."""
    return service.shortener.resolve(code)


def shorten_with_alias(service: Service, url: str, alias: str) -> str:
    """A link whose code is ``alias``."""
    return service.shortener.shorten(url, alias=alias).code


def shorten_expiring(service: Service, url: str, lifetime: timedelta) -> str:
    """A link that resolves until ``lifetime`` has passed."""
    return service.shortener.shorten(url, expires_in=lifetime).code


def delete(service: Service, code: str) -> None:
    """Take the link down."""
    service.shortener.delete(code)


def clicks(service: Service, code: str, day: date) -> int:
    """The clicks on ``code`` during ``day``, once every earlier click has been counted."""
    service.shortener.flush()
    return service.counter.count(code, day)


def on_click(service: Service, callback: Callable[[str, datetime], object]) -> None:
    """Call ``callback(code, at)`` for every later click, on the service's click thread."""

    def listener(click: Click) -> None:
        callback(click.code, click.at)

    service.shortener.subscribe(listener)
