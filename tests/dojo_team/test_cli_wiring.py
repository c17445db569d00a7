"""``dojo`` itself runs the team commands: team new, test and watch with --team, board, timer."""

from __future__ import annotations

import io
import threading
from typing import TYPE_CHECKING

from rich.console import Console

from dojo import cli
from dojo.repository import Repository
from dojo.team.runlog import Light
from dojo.team.workspace import TeamWorkspace
from tests.dojo.support import Dojo
from tests.dojo_team.apps import Ticks, printed, team_app
from tests.dojo_team.support import board_rows, results, stopped, suite

if TYPE_CHECKING:
    from tests.harness.toy import ToyRepo


def _errors() -> Console:
    return Console(file=io.StringIO(), width=200, color_system=None)


def test_dojo_creates_a_team_then_tests_and_logs_its_code(toy: ToyRepo) -> None:
    app = team_app(toy.root)
    errors = _errors()

    created = cli.run(["team", "new", "red", "--kata", "toy"], lambda: app, errors)
    tested = cli.run(["test", "toy", "--team", "red"], lambda: app, errors)
    watched = cli.run(["watch", "toy", "--team", "red"], lambda: app, errors, threading.Event())

    assert (created, tested, watched) == (0, 1, 0)
    runs = TeamWorkspace(Repository(toy.root), "red").log(print).read()
    assert [run.light for run in runs] == [Light.RED, Light.RED]
    assert not (toy.root / ".dojo" / "progress.json").exists()


def test_dojo_reports_a_team_error_in_one_line_with_status_2(toy: ToyRepo) -> None:
    errors = _errors()

    status = cli.run(["test", "toy", "--team", "red"], lambda: team_app(toy.root), errors)

    assert status == 2
    assert isinstance(errors.file, io.StringIO)
    assert errors.file.getvalue().startswith("dojo: error: team red has no workspace for toy")


def test_dojo_runs_the_board_and_the_timer(toy: ToyRepo) -> None:
    board, timer = team_app(toy.root), team_app(toy.root)

    shown = cli.run(["board"], lambda: board, _errors(), Ticks(0))
    timed = cli.run(["timer", "--people", "Ana,Ben"], lambda: timer, _errors(), Ticks(1))

    assert (shown, timed) == (0, 0)
    assert "no teams yet" in printed(board)
    assert "Timer stopped after 0 rotation(s)." in printed(timer)


def test_a_step_title_that_reads_as_markup_prints_as_written_on_board_and_progress(
    toy: ToyRepo,
) -> None:
    kata_toml = toy.root / "katas" / "toy" / "kata.toml"
    hostile = '"[/x] list[int] \\u001b]0;title\\u0007"'
    kata_toml.write_text(kata_toml.read_text().replace('"Greet"', hostile))
    dojo = Dojo(toy.root, suite=suite(results((1, 1), (0, 1))), width=120)

    dojo("team", "new", "red", "--kata", "toy")
    tested = dojo("test", "toy", "--team", "red")
    alone = dojo("test", "toy")
    board = dojo("board", stop=stopped())
    progress = dojo("progress")

    assert (tested.status, alone.status, board.status, progress.status) == (1, 1, 0, 0)
    assert board_rows(board.out)[0][2] == "2 [/x] list[int] ]0;title"
    assert "2. [/x] list[int] ]0;title" in progress.out
    for ran in (board, progress):
        assert "\x1b" not in ran.out + ran.err
        assert "\x07" not in ran.out + ran.err
