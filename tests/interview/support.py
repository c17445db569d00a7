"""Helpers shared by the interview suites, which see a design only through its driver."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator


def names_of(error: BaseException) -> list[str]:
    """The names of the error's class and of every class it derives from."""
    return [cls.__name__ for cls in type(error).__mro__]


@contextmanager
def raises_named(name: str, *, naming: str | None = None) -> Iterator[None]:
    """Expect an exception whose class, or one of its bases, is called ``name``.

    The interview leaves the design to the candidate, so the suite cannot import their
    error classes; the driver contract fixes the names instead. ``naming`` is a value the
    message must contain (the offending value, as the contract says).
    """
    with pytest.raises(Exception) as raised:  # noqa: PT011 - narrowed by name just below
        yield
    assert name in names_of(raised.value), (
        f"expected an error named {name}, got {type(raised.value).__name__}: {raised.value}"
    )
    if naming is not None:
        assert naming in str(raised.value), f"the message {str(raised.value)!r} names no {naming!r}"
