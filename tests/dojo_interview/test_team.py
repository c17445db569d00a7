"""``dojo interview --team``: the same round in the team's workspace, its runs in its journal."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from dojo.team.history import branch
from harness.results import FAILED, PASSED, Outcome, RunResults
from tests.dojo.support import Dojo
from tests.dojo_interview.support import Interviewer, Runs
from tests.dojo_team.support import Laptops, board_rows, git, stopped
from tests.harness.toy import add_interview

if TYPE_CHECKING:
    from pathlib import Path

    from tests.harness.toy import ToyRepo

CORE = "tests/interview/toy/test_core.py::test_a_number_doubles"


def test_a_teams_round_lives_in_its_workspace_and_logs_each_run(toy: ToyRepo) -> None:
    runs = Runs(
        [
            (1, RunResults((Outcome(CORE, 1, FAILED, "assert 3 == 8"),), ())),
            (0, RunResults((Outcome(CORE, 1, PASSED),), ())),
        ]
    )
    dojo = Interviewer(toy.root, runner=runs)

    started = dojo.iv("--team", "red")
    dojo.iv("--team", "red", "--reveal", "--asked", "1")
    red = dojo.iv("--team", "red", "--test")
    green = dojo.iv("--team", "red", "--test")

    design = toy.root / "workspaces/red/interviews/toy"
    assert sorted(path.name for path in design.iterdir()) == [
        "NOTES.md",
        "__init__.py",
        "driver.py",
    ]
    assert "Your design folder is workspaces/red/interviews/toy/" in started.out
    assert "dojo interview toy --team red --reveal" in started.out
    assert (toy.root / ".dojo/interviews/team-red/toy/session.json").is_file()
    assert not (toy.root / "interviews").exists()
    assert runs.calls == [("toy", "workspaces/red/interviews", "core")] * 2
    assert red.status == 1
    assert "dojo interview toy --team red --show" in red.out
    assert green.status == 0
    log = (toy.root / "workspaces/red/runs.jsonl").read_text(encoding="utf-8").splitlines()
    assert [line.split('"light":')[1] for line in log] == ['"red"}', '"green"}']
    assert all('"kata":"toy interview"' in line for line in log)


def test_two_teams_and_the_learner_alone_have_rounds_of_their_own(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)

    dojo.iv("--team", "red")
    dojo.iv("--team", "blue")
    dojo.iv()
    blue = dojo.iv("--team", "blue", "--reveal", "--asked", "none")

    assert blue.status == 0
    assert (toy.root / "workspaces/red/interviews/toy").is_dir()
    assert (toy.root / "workspaces/blue/interviews/toy").is_dir()
    assert (toy.root / "interviews/toy").is_dir()
    assert "Clarify" in dojo.iv("--team", "red").out
    assert "Clarify" in dojo.iv().out


def test_a_team_name_that_is_not_one_is_refused(toy: ToyRepo) -> None:
    ran = Interviewer(toy.root).iv("--team", "../up")

    assert ran.status == 2
    assert "team name '../up' is not valid" in ran.err
    assert not (toy.root / "workspaces").exists()


def test_a_teams_rounds_reach_the_board_of_the_session_remote(tmp_path: Path) -> None:
    laptops = Laptops.create(tmp_path)
    add_interview(laptops.origin).committed()
    failing = RunResults((Outcome(CORE, 1, FAILED, "assert 3 == 8"),), ())
    passing = RunResults((Outcome(CORE, 1, PASSED),), ())
    ana = Interviewer(laptops.clone("ana"), runner=Runs([(1, failing), (0, passing)]))
    joined = ana("team", "join", "red", "--remote", str(laptops.remote))
    ana.iv("--team", "red")
    ana.iv("--team", "red", "--reveal", "--asked", "1")
    ana.iv("--team", "red", "--test")
    design = ana.root / "workspaces/red/interviews/toy/__init__.py"
    design.write_text("ANSWER = 8\n", encoding="utf-8")
    ana.clock.advance(timedelta(minutes=3))
    green = ana.iv("--team", "red", "--test")

    facilitator = Dojo(laptops.origin.root, width=120)
    shown = facilitator("board", "--remote", str(laptops.remote), stop=stopped())
    replayed = facilitator("replay", "red", "--remote", str(laptops.remote), "--run", "2")

    assert joined.status == 0, joined
    assert green.status == 0, green
    assert "warning" not in green.out
    assert git(laptops.remote, "rev-list", "--count", branch("red")) == "3"
    rows = board_rows(shown.out)
    assert [row[:4] for row in rows] == [["red", "toy interview", "2 Greetings", "1:1/1"]]
    assert rows[0][5] == "● ●"
    assert "(3 min after the run before) · green · toy interview" in replayed.out
    assert "+ANSWER = 8" in replayed.out
