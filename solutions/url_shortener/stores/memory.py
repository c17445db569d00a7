"""The in-memory LinkStore: a dictionary under a lock."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    from url_shortener.links import Link


class InMemoryLinkStore:
    """Links in a dict; one lock makes the check for a taken code and the insert one step."""

    def __init__(self) -> None:
        self._links: dict[str, Link] = {}
        self._lock = threading.Lock()

    def add(self, link: Link) -> bool:
        """Store the link unless its code was ever stored; whether it was stored."""
        with self._lock:
            if link.code in self._links:
                return False
            self._links[link.code] = link
            return True

    def get(self, code: str) -> Link | None:
        """The link with ``code``, or None."""
        return self._links.get(code)

    def delete(self, code: str, at: datetime) -> Link | None:
        """Mark the link deleted, unless it is absent or deleted already."""
        with self._lock:
            link = self._links.get(code)
            if link is None or link.deleted_at is not None:
                return None
            self._links[code] = deleted = link.deleted(at)
            return deleted
