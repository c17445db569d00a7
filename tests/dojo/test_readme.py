"""The README's sample of ``dojo test`` is what a fresh clone prints, at 80 columns."""

from __future__ import annotations

import re
from pathlib import Path

from dojo.adapters import run_in_child
from tests.dojo.support import Dojo

REPO = Path(__file__).resolve().parents[2]
SAMPLE = re.compile(
    r"`dojo test` on a fresh skeleton ends like this.*?```text\n(.*?)```", re.DOTALL
)


def test_the_readme_shows_what_dojo_test_prints_on_the_skeleton(tmp_path: Path) -> None:
    """The two-sided check keeps ``katas/`` the skeleton, so this is a fresh clone's run."""
    sample = SAMPLE.search((REPO / "README.md").read_text(encoding="utf-8"))
    assert sample is not None
    dojo = Dojo(REPO, suite=run_in_child, width=80, progress_file=tmp_path / "progress.json")

    ran = dojo("test", "parking_lot")

    printed = [line.rstrip() for line in ran.out.splitlines()]
    shown = sample.group(1).splitlines()
    assert ran.status == 1
    assert printed[-len(shown) :] == shown
