"""The audit trail: denied operations, announced to subscribed listeners (Observer)."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable

import attrs

LOG = logging.getLogger("file_permissions.audit")


@attrs.frozen
class Denial:
    """An operation refused with ``PermissionError``: who, what, where, and the errno."""

    uid: int
    gid: int
    operation: str
    path: str
    errno: int


@attrs.define(eq=False)
class AuditTrail:
    """Tells every listener about every denial, in the order they subscribed.

    A listener that raises is logged (``file_permissions.audit``) and skipped; the others
    still hear, and the caller still gets its ``PermissionError``.
    """

    _listeners: dict[int, Callable[[Denial], object]] = attrs.field(factory=dict, init=False)
    _tokens: itertools.count[int] = attrs.field(factory=itertools.count, init=False)

    def subscribe(self, listener: Callable[[Denial], object]) -> Callable[[], None]:
        """Add a listener; the returned callable removes it (calling it twice is harmless)."""
        token = next(self._tokens)
        self._listeners[token] = listener
        return lambda: self._listeners.pop(token, None) and None

    def publish(self, denial: Denial) -> None:
        """Tell every listener; a copy is notified, so listeners may (un)subscribe."""
        for listener in list(self._listeners.values()):
            try:
                listener(denial)
            except Exception:
                LOG.exception("audit listener %r failed on %r", listener, denial)
