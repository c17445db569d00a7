"""Fixtures for the tests of ``dojo``."""

from pathlib import Path

import pytest

from tests.harness.toy import ToyRepo


@pytest.fixture
def toy(tmp_path: Path) -> ToyRepo:
    """A fresh toy repository, committed to git, with hints."""
    return ToyRepo.create(tmp_path / "repo").committed()
