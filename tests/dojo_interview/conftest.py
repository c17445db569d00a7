"""Fixtures for the tests of ``dojo interview``."""

from pathlib import Path

import pytest

from tests.dojo_interview.support import interview_repository
from tests.harness.toy import ToyRepo


@pytest.fixture
def toy(tmp_path: Path) -> ToyRepo:
    """A fresh toy repository with the toy kata's interview, committed to git."""
    return interview_repository(tmp_path / "repo")
