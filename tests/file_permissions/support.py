"""Helpers shared by the file_permissions suites."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable


def errno_of(action: Callable[[], object]) -> int | None:
    """The errno of the ``OSError`` ``action`` raises; None when it succeeds."""
    try:
        action()
    except OSError as error:
        return error.errno
    return None
