"""The LinkStore role: where links live, and the one place that keeps codes unique."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import datetime

    from url_shortener.links import Link


class LinkStore(Protocol):
    """Links by code. A code, once stored, is never stored again, even after deletion."""

    def add(self, link: Link) -> bool:
        """Store ``link`` unless its code was ever stored; whether it was stored (atomic)."""
        ...

    def get(self, code: str) -> Link | None:
        """The link with ``code``, live or gone, or None if there never was one."""
        ...

    def delete(self, code: str, at: datetime) -> Link | None:
        """Mark the live link with ``code`` deleted at ``at``; the deleted link, or None."""
        ...
