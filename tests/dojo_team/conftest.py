"""Fixtures for the team dojo's tests."""

from pathlib import Path

import pytest

from tests.harness.toy import ToyRepo


@pytest.fixture
def toy(tmp_path: Path) -> ToyRepo:
    """A fresh toy repository with one two-step kata."""
    return ToyRepo.create(tmp_path / "repo")
