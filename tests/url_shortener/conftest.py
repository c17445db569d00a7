"""Fixtures: the fake clock every step uses."""

from __future__ import annotations

import pytest

from tests.support import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
