"""Every table reads in full at 80 columns (what a pipe or a CI log gets) and at 120."""

from __future__ import annotations

import io
import re
import shlex
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rich.console import Console

from dojo.comparison.metrics import measure
from dojo.repository import Repository
from dojo.team.board import TeamRow, render
from dojo.team.runlog import Light
from harness.results import FAILED, PASSED, Outcome, RunResults, StepResult
from tests.dojo.support import Dojo, FakeSuite
from tests.support import START

if TYPE_CHECKING:
    from harness.catalog import Kata

REPO = Path(__file__).resolve().parents[2]
WIDTHS = [pytest.param(80, id="80 columns"), pytest.param(120, id="120 columns")]
KATAS = Repository(REPO).katas()
WORD = re.compile(r"[\w./:-]+")


def assert_readable(output: str, width: int, texts: list[str]) -> None:
    """Nothing cut off, no line too long, and every word of ``texts`` whole in ``output``."""
    assert "…" not in output
    assert max(len(line) for line in output.splitlines()) <= width
    found = set(WORD.findall(output))
    assert [word for text in texts for word in WORD.findall(text) if word not in found] == []


def on_this_repository(tmp_path: Path, width: int, suite: FakeSuite | None = None) -> Dojo:
    """``dojo`` on the real katas, its progress kept in ``tmp_path``."""
    dojo = Dojo(REPO, width=width, progress_file=tmp_path / "progress.json")
    if suite is not None:
        dojo.suite = suite
    return dojo


@pytest.mark.parametrize("width", WIDTHS)
def test_list_reads_in_full(tmp_path: Path, width: int) -> None:
    ran = on_this_repository(tmp_path, width)("list")

    assert ran.status == 0
    assert_readable(
        ran.out, width, [f"{k.name} {k.title} {k.difficulty} {' '.join(k.patterns)}" for k in KATAS]
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_progress_reads_in_full(tmp_path: Path, width: int) -> None:
    dojo = on_this_repository(tmp_path, width)
    progress = dojo.app(io.StringIO()).progress
    for kata in KATAS:
        record = progress.of(kata.name)
        record.steps = {1: (1, 1), 2: (3, 4)}
        record.hints = {1: 2}
        record.last_run = START
    progress.save()

    ran = dojo("progress")

    assert ran.status == 0
    assert_readable(
        ran.out, width, [f"{k.name} 1/{len(k.steps)} 4/5 2. {k.step(2).title}" for k in KATAS]
    )
    assert ran.out.count("2026-03-02 08:00") == len(KATAS)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kata", KATAS, ids=lambda kata: kata.name)
def test_the_step_table_and_the_failure_read_in_full(
    tmp_path: Path, width: int, kata: Kata
) -> None:
    first = f"tests/{kata.name}/test_step1_x.py::test_a_long_name_for_a_test_that_fails[case 1]"
    outcomes = [Outcome(first, 1, FAILED, "assert 1 == 2", f"katas/{kata.name}/x.py:3")]
    outcomes += [Outcome(f"t::{step.number}", step.number, PASSED) for step in kata.steps[1:]]
    suite = FakeSuite([(1, RunResults(tuple(outcomes), ()))])

    ran = on_this_repository(tmp_path, width, suite=suite)("test", kata.name)

    assert ran.status == 1
    *report, rerun = ran.out.splitlines()
    assert_readable("\n".join(report), width, [step.title for step in kata.steps])
    assert first in shlex.split(rerun)


@pytest.mark.parametrize("width", WIDTHS)
def test_compare_reads_in_full(tmp_path: Path, width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dojo.commands.compare.missing_tools", lambda: ["mypy", "ruff"])
    mine = tmp_path / "mine" / "parking_lot"
    shutil.copytree(REPO / "solutions" / "parking_lot", mine)
    for module in mine.glob("*.py"):
        module.write_text(module.read_text().replace("FreeSpots", "SpotIndex"))
    kata = Repository(REPO).kata("parking_lot")
    passing = tuple(Outcome(f"t::{step.number}", step.number, PASSED) for step in kata.steps)
    suite = FakeSuite([(0, RunResults(passing, ()))])

    ran = on_this_repository(tmp_path, width, suite)(
        "compare", "parking_lot", "--impl", str(mine.parent)
    )

    assert ran.status == 0, ran.err
    assert_readable(
        ran.out,
        width,
        [
            measure(REPO / "solutions" / "parking_lot").most_complex,
            "SpotIndex (spots.py)",
            "FreeSpots (spots.py)",
            "not installed",
        ],
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_the_board_reads_in_full(width: int) -> None:
    team, title = "a-team-name-of-the-longest-length-allowed", KATAS[0].step(6).title
    steps = tuple(StepResult(number, 3, 5) for number in range(1, 8))
    row = TeamRow(team[:40], "file_permissions", 6, title, steps, Light.RED, (Light.RED,) * 10)
    out = io.StringIO()

    Console(file=out, width=width, color_system=None).print(render([row]))

    lines = [line for line in out.getvalue().splitlines() if line.startswith("│")]
    cells = [[cell.strip() for cell in line.split("│")[1:-1]] for line in lines]
    assert "…" not in out.getvalue()
    assert max(len(line) for line in out.getvalue().splitlines()) <= width
    assert "".join(cell[0] for cell in cells) == team[:40]
    assert " ".join(cell[2] for cell in cells if cell[2]).split() == f"6 {title}".split()
