"""Helpers shared by the URL-shortener acceptance tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from url_shortener import Shortener

if TYPE_CHECKING:
    from url_shortener import CodeGenerator, LinkStore

    from tests.support import FakeClock


def names(message: str, value: object) -> bool:
    """Whether ``message`` names ``value`` as the spec allows: as ``str()`` or ``repr()``."""
    return str(value) in message or repr(value) in message


def shortener_on(
    clock: FakeClock,
    generator: CodeGenerator | None = None,
    store: LinkStore | None = None,
    max_attempts: int = 10,
) -> Shortener:
    """A shortener on the fake clock."""
    return Shortener(store, generator, clock=clock, max_attempts=max_attempts)


class Codes:
    """A generator written outside the package: offers the given candidates, in turn."""

    def __init__(self, *candidates: str) -> None:
        self.candidates = list(candidates)
        self.asked: list[tuple[str, int]] = []

    def candidate(self, url: str, attempt: int) -> str:
        """The next of the given candidates; remembers what it was asked."""
        self.asked.append((url, attempt))
        return self.candidates.pop(0)
