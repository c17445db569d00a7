"""The board: a row per team from its run log, drawn with rich, redrawn on every tick."""

import io
from pathlib import Path

from rich.console import Console

from dojo.repository import Repository
from dojo.team.board import HISTORY, TeamRow, live_board, read_board, render
from dojo.team.runlog import Light
from dojo.team.workspace import TeamWorkspace
from harness.results import StepResult
from tests.dojo_team.support import Warnings, record
from tests.harness.toy import ToyRepo


def _text(renderable: object, width: int = 120) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(renderable)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def test_a_team_row_follows_its_latest_run(toy: ToyRepo) -> None:
    runs = [record(Light.AMBER), record(Light.RED, (1, 1), (0, 1))]

    row = TeamRow.of("red", ["toy"], runs, Repository(toy.root))

    assert (row.kata, row.step, row.step_title) == ("toy", 2, "Greet")
    assert row.steps == (StepResult(1, 1, 1), StepResult(2, 0, 1))
    assert row.light is Light.RED
    assert row.history == (Light.AMBER, Light.RED)


def test_a_team_without_runs_is_on_step_one_with_no_light(toy: ToyRepo) -> None:
    row = TeamRow.of("red", ["toy"], [], Repository(toy.root))

    assert (row.kata, row.step, row.step_title, row.light) == ("toy", 1, "Double", None)
    assert row.steps == ()
    assert row.history == ()


def test_a_kata_without_metadata_shows_its_step_number_only(tmp_path: Path) -> None:
    row = TeamRow.of("red", [], [record(Light.RED, kata="gone")], Repository(tmp_path))

    assert (row.kata, row.step, row.step_title) == ("gone", 1, "")
    assert TeamRow.of("blue", [], [], Repository(tmp_path)).kata == "-"


def test_history_keeps_the_most_recent_runs_only(toy: ToyRepo) -> None:
    runs = [record(Light.AMBER)] + [record(Light.GREEN, (1, 1))] * HISTORY

    row = TeamRow.of("red", ["toy"], runs, Repository(toy.root))

    assert row.history == (Light.GREEN,) * HISTORY


def test_the_board_reads_every_team_log(toy: ToyRepo) -> None:
    warnings = Warnings()
    for name in ("red", "blue"):
        TeamWorkspace(Repository(toy.root), name).create("toy")
    TeamWorkspace(Repository(toy.root), "red").log(warnings).append(
        record(Light.GREEN, (1, 1), (1, 1))
    )

    rows = read_board(Repository(toy.root), warnings)

    assert [(row.team, row.light) for row in rows] == [("blue", None), ("red", Light.GREEN)]
    assert warnings.seen == []


def test_the_rendered_board_shows_steps_tallies_and_lights(toy: ToyRepo) -> None:
    runs = [record(Light.AMBER), record(Light.RED, (1, 1), (0, 2))]
    rows = [
        TeamRow.of("red", ["toy"], runs, Repository(toy.root)),
        TeamRow.of("blue", ["toy"], [], Repository(toy.root)),
    ]

    text = _text(render(rows))

    assert "red" in text
    assert "2 Greet" in text
    assert "1:1/1  2:0/2" in text
    assert "● ●" in text
    assert "no runs" in text


def test_the_row_as_json_names_lights_by_colour(toy: ToyRepo) -> None:
    row = TeamRow.of("red", ["toy"], [record(Light.GREEN, (1, 1))], Repository(toy.root))

    assert row.to_json() == {
        "team": "red",
        "kata": "toy",
        "step": 1,
        "step_title": "Double",
        "steps": [[1, 1, 1]],
        "light": "green",
        "history": ["green"],
    }
    assert TeamRow.of("b", [], [], Repository(toy.root)).to_json()["light"] is None


def test_an_empty_board_says_how_to_add_a_team() -> None:
    assert "dojo team new NAME --kata KATA" in _text(render([]))


def test_the_live_board_redraws_once_per_tick_with_fresh_rows() -> None:
    reads: list[int] = []

    def rows() -> list[TeamRow]:
        reads.append(len(reads))
        light = Light.GREEN if len(reads) > 2 else Light.RED
        return [TeamRow("red", "toy", 1, "", (), light, (light,))]

    console = Console(file=io.StringIO(), width=100, color_system=None, force_terminal=True)

    live_board(rows, console, ticks=range(3))

    assert len(reads) == 4
    output = console.file
    assert isinstance(output, io.StringIO)
    assert "green" in output.getvalue()
