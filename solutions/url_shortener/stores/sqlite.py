"""A LinkStore in one SQLite file (WAL mode), shared by threads and processes.

The primary key on ``code`` is what keeps codes unique: an insert that loses a race is
refused by the database itself, and the service then tries another candidate.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from url_shortener.links import Link

SCHEMA = """
CREATE TABLE IF NOT EXISTS links (
    code TEXT PRIMARY KEY, url TEXT NOT NULL, created_at INTEGER NOT NULL,
    expires_at INTEGER, deleted_at INTEGER)
"""
INSERT = """
INSERT INTO links (code, url, created_at, expires_at) VALUES (?, ?, ?, ?)
ON CONFLICT (code) DO NOTHING
"""
SELECT = "SELECT code, url, created_at, expires_at, deleted_at FROM links WHERE code = ?"
DELETE = "UPDATE links SET deleted_at = ? WHERE code = ? AND deleted_at IS NULL"

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def encode_time(moment: datetime) -> int:
    """Microseconds since the Unix epoch."""
    return (moment - EPOCH) // MICROSECOND


def _decode_time(micros: int | None) -> datetime | None:
    return None if micros is None else EPOCH + micros * MICROSECOND


class SqliteLinkStore:
    """Links in the table ``links``; each call is one statement, so each is atomic."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._db = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=30.0
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # durable against a process crash
        self._db.execute(SCHEMA)
        self._lock = threading.Lock()  # one connection; threads take turns on it

    def add(self, link: Link) -> bool:
        """Insert the link; the primary key refuses a code that is stored already."""
        expires_at = None if link.expires_at is None else encode_time(link.expires_at)
        row = (link.code, link.url, encode_time(link.created_at), expires_at)
        with self._lock:
            return self._db.execute(INSERT, row).rowcount == 1

    def get(self, code: str) -> Link | None:
        """The link read back from its row, or None."""
        with self._lock:
            row = self._db.execute(SELECT, (code,)).fetchone()
        if row is None:
            return None
        code, url, created_at, expires_at, deleted_at = row
        created = _decode_time(created_at)
        assert created is not None  # the schema says NOT NULL
        return Link(code, url, created, _decode_time(expires_at), _decode_time(deleted_at))

    def delete(self, code: str, at: datetime) -> Link | None:
        """Set ``deleted_at`` on a live row; the deleted link, or None."""
        with self._lock:
            changed = self._db.execute(DELETE, (encode_time(at), code)).rowcount
        return self.get(code) if changed else None

    def close(self) -> None:
        """Close the connection; the file keeps every link."""
        with self._lock:
            self._db.close()
