"""The Shortener: shortens, resolves and deletes links, and tells listeners of clicks."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from url_shortener.clock import system_clock

if TYPE_CHECKING:
    from collections.abc import Callable

    from url_shortener.clock import Clock
    from url_shortener.events import Listener
    from url_shortener.generators import CodeGenerator
    from url_shortener.links import Link
    from url_shortener.stores import LinkStore

FLUSH_TIMEOUT = timedelta(seconds=30)


class Shortener:
    """Short codes for long URLs, over a store (default in memory) and a generator.

    The default generator is CounterCodes(); ``max_attempts`` below 1 is InvalidValueError.
    """

    def __init__(
        self,
        store: LinkStore | None = None,
        generator: CodeGenerator | None = None,
        *,
        clock: Clock = system_clock,
        max_attempts: int = 10,
    ) -> None:
        raise NotImplementedError

    def shorten(
        self, url: str, *, alias: str | None = None, expires_in: timedelta | None = None
    ) -> Link:
        """A new link to the normalised ``url``, with ``alias`` or a generated code.

        Raises InvalidUrlError, InvalidAliasError, AliasTakenError, InvalidValueError or
        CodesExhaustedError; a refused call stores nothing and uses up no code.
        """
        raise NotImplementedError

    def resolve(self, code: str, *, referrer: str | None = None) -> str:
        """The long URL of a live code; UnknownCodeError, or LinkGoneError once gone.

        Each successful resolve is a Click for the listeners, delivered without waiting.
        """
        raise NotImplementedError

    def link(self, code: str) -> Link:
        """The link with ``code``, live or gone; UnknownCodeError if it never existed."""
        raise NotImplementedError

    def delete(self, code: str) -> None:
        """Delete a live link; UnknownCodeError, or LinkGoneError if it is gone already."""
        raise NotImplementedError

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Tell ``listener`` of every later click; the function that unsubscribes it."""
        raise NotImplementedError

    def flush(self, timeout: timedelta = FLUSH_TIMEOUT) -> None:
        """Return once every click so far has reached every listener, or TimeoutError."""
        raise NotImplementedError
