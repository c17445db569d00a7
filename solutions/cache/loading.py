"""Single-flight: one load per key at a time, and its outcome shared with every waiter."""

from __future__ import annotations

import threading


class Flight:
    """A load in progress: the first caller runs it; the others wait for its outcome."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self._value: object = None
        self._error: BaseException | None = None

    def succeed(self, value: object) -> None:
        """The load returned ``value``: wake every waiter with it."""
        self._value = value
        self._done.set()

    def fail(self, error: BaseException) -> None:
        """The load raised ``error``: wake every waiter with it."""
        self._error = error
        self._done.set()

    def outcome(self) -> object:
        """Wait for the load; its value, or raise its error."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._value
