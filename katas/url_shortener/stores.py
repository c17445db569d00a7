"""Where links live: the LinkStore role, in memory (step 1) and in SQLite (step 6)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from url_shortener.links import Link


class LinkStore(Protocol):
    """Links by code; a code once stored is never stored again."""

    def add(self, link: Link) -> bool:
        """Store ``link`` unless its code was ever stored; whether it did (atomic)."""
        raise NotImplementedError

    def get(self, code: str) -> Link | None:
        """The link with ``code``, live or gone, or None."""
        raise NotImplementedError

    def delete(self, code: str, at: datetime) -> Link | None:
        """Mark the link deleted at ``at``; the deleted link, or None if absent or deleted."""
        raise NotImplementedError


class InMemoryLinkStore:
    """A LinkStore in memory."""

    def __init__(self) -> None:
        raise NotImplementedError

    def add(self, link: Link) -> bool:
        """Store ``link`` unless its code was ever stored; whether it did."""
        raise NotImplementedError

    def get(self, code: str) -> Link | None:
        """The link with ``code``, or None."""
        raise NotImplementedError

    def delete(self, code: str, at: datetime) -> Link | None:
        """Mark the link deleted; the deleted link, or None."""
        raise NotImplementedError


class SqliteLinkStore:
    """A LinkStore in the SQLite file at ``path``, table ``links`` (schema in step 6)."""

    def __init__(self, path: str | Path) -> None:
        raise NotImplementedError

    def add(self, link: Link) -> bool:
        """Insert the link; the primary key on ``code`` refuses a taken code."""
        raise NotImplementedError

    def get(self, code: str) -> Link | None:
        """The link read back from its row, or None."""
        raise NotImplementedError

    def delete(self, code: str, at: datetime) -> Link | None:
        """Set ``deleted_at``; the deleted link, or None."""
        raise NotImplementedError

    def close(self) -> None:
        """Close the database; the file keeps every link."""
        raise NotImplementedError
