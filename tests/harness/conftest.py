"""Fixtures for the harness's own tests."""

from pathlib import Path

import pytest

from tests.harness.toy import ToyRepo


@pytest.fixture
def toy(tmp_path: Path) -> ToyRepo:
    """A fresh toy repository."""
    return ToyRepo.create(tmp_path / "repo")
