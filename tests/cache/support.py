"""Helpers shared by the cache acceptance tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Hashable

    from cache import Removal, RemovalCause


class Recorder:
    """A listener that keeps every removal it hears."""

    def __init__(self) -> None:
        self.removals: list[Removal] = []

    def __call__(self, removal: Removal) -> None:
        """Hear one removal."""
        self.removals.append(removal)

    def causes(self) -> list[tuple[Hashable, object, RemovalCause]]:
        """What was heard, as plain ``(key, value, cause)`` triples."""
        return [(removal.key, removal.value, removal.cause) for removal in self.removals]


class MostRecentlyUsed:
    """A policy written outside the package: evicts the key used last."""

    def __init__(self) -> None:
        self.order: list[Hashable] = []  # most recent last; a list is enough for a test
        self.calls: list[tuple[str, Hashable]] = []

    def added(self, key: Hashable) -> None:
        """Track a new key."""
        self.calls.append(("added", key))
        self.order.append(key)

    def replaced(self, key: Hashable) -> None:
        """A put is a use."""
        self.calls.append(("replaced", key))
        self.order.remove(key)
        self.order.append(key)

    def read(self, key: Hashable) -> None:
        """A hit is a use."""
        self.calls.append(("read", key))
        self.order.remove(key)
        self.order.append(key)

    def removed(self, key: Hashable) -> None:
        """Forget the key."""
        self.calls.append(("removed", key))
        self.order.remove(key)

    def victim(self) -> Hashable:
        """The key used last."""
        self.calls.append(("victim", self.order[-1]))
        return self.order[-1]


class MemoryStore:
    """A backing store in memory that records every call, and can refuse them."""

    def __init__(self) -> None:
        self.data: dict[Hashable, object] = {}
        self.calls: list[tuple[str, Hashable]] = []
        self.refuse: set[Hashable] = set()

    def write(self, key: Hashable, value: object) -> None:
        """Keep the value, unless refused."""
        if key in self.refuse:
            raise OSError(f"store refuses {key!r}")
        self.calls.append(("write", key))
        self.data[key] = value

    def delete(self, key: Hashable) -> None:
        """Forget the key, unless refused."""
        if key in self.refuse:
            raise OSError(f"store refuses {key!r}")
        self.calls.append(("delete", key))
        self.data.pop(key, None)
