"""The Shortener: shortens, resolves and deletes, over a store, a generator and a clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from url_shortener.clock import system_clock
from url_shortener.codes import check_alias, check_generated, is_reserved
from url_shortener.errors import (
    AliasTakenError,
    CodesExhaustedError,
    InvalidValueError,
    LinkGoneError,
    UnknownCodeError,
)
from url_shortener.events import Click, ClickEvents
from url_shortener.generators import CounterCodes
from url_shortener.links import Link
from url_shortener.referrers import referring_host
from url_shortener.stores import InMemoryLinkStore
from url_shortener.urls import normalise_url
from url_shortener.values import is_positive_span, is_text, is_whole

if TYPE_CHECKING:
    from collections.abc import Callable

    from url_shortener.clock import Clock
    from url_shortener.events import Listener
    from url_shortener.generators import CodeGenerator
    from url_shortener.stores import LinkStore

FLUSH_TIMEOUT = timedelta(seconds=30)


class Shortener:
    """Short codes for long URLs. Collaborators are passed in; the defaults suit one process."""

    def __init__(
        self,
        store: LinkStore | None = None,
        generator: CodeGenerator | None = None,
        *,
        clock: Clock = system_clock,
        max_attempts: int = 10,
    ) -> None:
        if not is_whole(max_attempts, 1):
            raise InvalidValueError(
                f"max_attempts must be a positive integer, not {max_attempts!r}"
            )
        self._store = InMemoryLinkStore() if store is None else store
        self._generator = CounterCodes() if generator is None else generator
        self._clock = clock
        self._max_attempts = max_attempts
        self._events = ClickEvents()

    def shorten(
        self, url: str, *, alias: str | None = None, expires_in: timedelta | None = None
    ) -> Link:
        """A new link to ``url``: with the alias as its code, or with a generated one."""
        url = normalise_url(url)
        if alias is not None:
            alias = check_alias(alias)
        if expires_in is not None and not is_positive_span(expires_in):
            raise InvalidValueError(f"expires_in must be a positive timedelta, not {expires_in!r}")
        now = self._now()
        expires_at = None if expires_in is None else now + expires_in
        if alias is not None:
            link = Link(alias, url, now, expires_at)
            if not self._store.add(link):
                raise AliasTakenError(f"alias {alias!r} is taken")
            return link
        for attempt in range(self._max_attempts):
            code = check_generated(self._generator.candidate(url, attempt))
            link = Link(code, url, now, expires_at)
            if not is_reserved(code) and self._store.add(link):
                return link
        raise CodesExhaustedError(f"no free code for {url!r} after {self._max_attempts} attempts")

    def resolve(self, code: str, *, referrer: str | None = None) -> str:
        """The long URL of a live code; tells the listeners, without waiting for them."""
        link = self.link(code)
        now = self._now()
        if not link.is_live(now):
            raise LinkGoneError(f"code {code!r} is gone")
        self._events.emit(Click(code, now, referring_host(referrer)))
        return link.url

    def link(self, code: str) -> Link:
        """The link with ``code``, live or gone; UnknownCodeError if it was never made."""
        link = self._store.get(code) if is_text(code) else None
        if link is None:
            raise UnknownCodeError(f"no link has the code {code!r}")
        return link

    def delete(self, code: str) -> None:
        """Delete a live link; its code is gone for good."""
        link = self.link(code)
        now = self._now()
        if not link.is_live(now) or self._store.delete(code, now) is None:
            raise LinkGoneError(f"code {code!r} is gone already")

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Tell ``listener`` of every later click; the function that unsubscribes it."""
        return self._events.subscribe(listener)

    def flush(self, timeout: timedelta = FLUSH_TIMEOUT) -> None:
        """Return once every click so far has reached every listener."""
        self._events.flush(timeout)

    def _now(self) -> datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise InvalidValueError(f"the clock returned a naive datetime, {now!r}")
        return now
