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
from tests.dojo_team.apps import Ticks, printed, team_app

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
