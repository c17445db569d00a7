"""Teams on their own laptops: clones of one repository, a bare repository as session remote.

Each clone runs ``dojo`` in-process with a fake pytest; git, the remote and the board's
fetch are real (file paths, no network).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from dojo.team.history import branch
from tests.dojo.support import Dojo
from tests.dojo_team.support import (
    Laptops,
    board_rows,
    git,
    learner_state,
    results,
    stopped,
    suite,
)
from tests.harness.toy import SOLUTION

if TYPE_CHECKING:
    from pathlib import Path

    from tests.dojo.support import Ran

RED = results((0, 1), (0, 1))
STEP_ONE = results((1, 1), (0, 1))
GREEN = results((1, 1), (1, 1))


@pytest.fixture
def laptops(tmp_path: Path) -> Laptops:
    return Laptops.create(tmp_path)


def joined(laptops: Laptops, laptop: str, team: str, *runs: object) -> Dojo:
    """A clone whose team has joined the session remote; ``runs`` are its fake pytest's."""
    dojo = Dojo(laptops.clone(laptop), suite=suite(*runs) if runs else suite(RED), width=120)  # type: ignore[arg-type]
    ran = dojo("team", "join", team, "--remote", str(laptops.remote), "--kata", "toy")
    assert ran.status == 0, ran
    assert f"Created workspaces/{team}/toy for team {team}." in ran.out
    return dojo


def board(laptops: Laptops, dojo: Dojo | None = None) -> Ran:
    facilitator = dojo or Dojo(laptops.origin.root, width=120)
    return facilitator("board", "--remote", str(laptops.remote), stop=stopped())


def test_every_team_on_every_laptop_shows_on_one_board(laptops: Laptops) -> None:
    ana = joined(laptops, "ana", "red", RED, STEP_ONE)
    ben = joined(laptops, "ben", "blue", GREEN)
    chen = joined(laptops, "chen", "green")
    for dojo, team in ((ana, "red"), (ana, "red"), (ben, "blue")):
        dojo("test", "toy", "--team", team)

    shown = board(laptops)

    assert shown.status == 0, shown
    rows = board_rows(shown.out)
    assert [row[:3] for row in rows] == [
        ["blue", "toy", "finished"],
        ["green", "toy", "1 Double"],
        ["red", "toy", "2 Greet"],
    ]
    assert rows[2][3] == "1:1/1  2:0/1"
    assert rows[2][5] == "● ●"
    assert f"fetched from {laptops.remote}" in shown.out
    assert chen.root.name == "chen"


def test_the_learners_own_branch_index_and_files_are_untouched(laptops: Laptops) -> None:
    ana = joined(laptops, "ana", "red")
    (ana.root / "katas" / "toy" / "__init__.py").write_text("# the learner's own work\n")
    git(ana.root, "add", "katas/toy/__init__.py")
    before = learner_state(ana.root)

    ana("test", "toy", "--team", "red")
    ana("test", "toy", "--team", "red")

    assert learner_state(ana.root) == before
    assert git(ana.root, "stash", "list") == ""
    assert git(laptops.remote, "rev-list", "--count", branch("red")) == "3"


def test_runs_made_while_the_remote_is_missing_reach_it_later(laptops: Laptops) -> None:
    ana = joined(laptops, "ana", "red", RED, RED, GREEN)
    away = laptops.remote.with_name("unplugged.git")
    laptops.remote.rename(away)

    first = ana("test", "toy", "--team", "red")
    second = ana("test", "toy", "--team", "red")
    away.rename(laptops.remote)
    third = ana("test", "toy", "--team", "red")

    for ran in (first, second):
        warnings = [line for line in ran.out.splitlines() if line.startswith("dojo: warning:")]
        assert len(warnings) == 1, ran.out
        assert "cannot be reached" in warnings[0]
    assert "Sent 3 runs to the session remote: 2 had waited here" in third.out
    rows = board_rows(board(laptops).out)
    assert rows[0][:3] == ["red", "toy", "finished"]


def test_a_rejected_push_is_one_line_and_loses_no_run(laptops: Laptops) -> None:
    ana = joined(laptops, "ana", "red", RED, GREEN)
    hook = laptops.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'the facilitator closed the session' >&2\nexit 1\n")
    hook.chmod(0o755)

    refused = ana("test", "toy", "--team", "red")
    hook.unlink()
    accepted = ana("test", "toy", "--team", "red")

    warnings = [line for line in refused.out.splitlines() if line.startswith("dojo: warning:")]
    assert len(warnings) == 1
    assert "the session remote refused the run ([remote rejected]" in warnings[0]
    assert "Sent 2 runs" in accepted.out
    assert git(laptops.remote, "rev-list", "--count", branch("red")) == "3"


def test_a_name_another_laptop_took_is_refused_and_nothing_changes(laptops: Laptops) -> None:
    ana = joined(laptops, "ana", "red")
    ana("test", "toy", "--team", "red")
    ben = Dojo(laptops.clone("ben"))

    taken = ben("team", "join", "red", "--remote", str(laptops.remote), "--kata", "toy")

    assert taken.status == 2
    assert taken.err.startswith("dojo: error: team red already has runs on")
    assert "dojo team join red --remote" in taken.err
    assert "--continue" in taken.err
    assert not (ben.root / "workspaces").exists()
    assert not (ben.root / ".dojo" / "teams").exists()


def test_a_team_that_ran_alone_first_cannot_push_over_another_team_of_its_name(
    laptops: Laptops,
) -> None:
    joined(laptops, "ana", "red")("test", "toy", "--team", "red")
    ben = Dojo(laptops.clone("ben"), suite=suite(RED))
    ben("team", "new", "red", "--kata", "toy")
    ben("test", "toy", "--team", "red")
    theirs = git(laptops.remote, "rev-parse", branch("red"))

    refused = ben("team", "join", "red", "--remote", str(laptops.remote))

    assert refused.status == 2
    assert "already has runs on" in refused.err
    assert git(laptops.remote, "rev-parse", branch("red")) == theirs


def test_a_team_carries_on_on_a_new_laptop(laptops: Laptops) -> None:
    ana = joined(laptops, "ana", "red")
    (ana.root / "workspaces" / "red" / "toy" / "__init__.py").write_text(SOLUTION)
    ana("test", "toy", "--team", "red")
    ben = Dojo(laptops.clone("ben"), suite=suite(GREEN))

    carried = ben("team", "join", "red", "--remote", str(laptops.remote), "--continue")
    ran = ben("test", "toy", "--team", "red")

    assert carried.status == 0, carried
    assert "Carrying on from team red's runs" in carried.out
    assert (ben.root / "workspaces" / "red" / "toy" / "__init__.py").read_text() == SOLUTION
    assert "dojo: warning" not in ran.out
    assert git(laptops.remote, "rev-list", "--count", branch("red")) == "3"


@pytest.mark.parametrize(
    ("prepare", "message"),
    [
        ("nothing", "team red has no runs on"),
        ("runs", "this clone has runs of team red of its own"),
        ("code", "workspaces/red is not empty; move it away"),
    ],
)
def test_carrying_on_is_refused_where_it_would_lose_something(
    laptops: Laptops, prepare: str, message: str
) -> None:
    if prepare != "nothing":
        joined(laptops, "ana", "red")("test", "toy", "--team", "red")
    ben = Dojo(laptops.clone("ben"), suite=suite(RED))
    if prepare == "runs":
        ben("team", "new", "red", "--kata", "toy")
    if prepare == "code":
        (ben.root / "workspaces" / "red").mkdir(parents=True)
        (ben.root / "workspaces" / "red" / "notes.txt").write_text("mine\n")

    refused = ben("team", "join", "red", "--remote", str(laptops.remote), "--continue")

    assert refused.status == 2
    assert message in refused.err


def test_joining_an_unreachable_remote_changes_nothing(laptops: Laptops, tmp_path: Path) -> None:
    ana = Dojo(laptops.clone("ana"))

    refused = ana("team", "join", "red", "--remote", str(tmp_path / "gone.git"), "--kata", "toy")

    assert refused.status == 2
    assert refused.err.startswith("dojo: error: cannot reach")
    assert refused.err.rstrip().endswith("nothing was changed")
    assert not (ana.root / "workspaces").exists()


def test_joining_again_is_harmless(laptops: Laptops) -> None:
    ana = joined(laptops, "ana", "red")
    ana("test", "toy", "--team", "red")

    again = ana("team", "join", "red", "--remote", str(laptops.remote))

    assert again.status == 0, again
    assert "Team red joined" in again.out


def test_replay_shows_each_run_with_the_diff_of_the_code(laptops: Laptops) -> None:
    ana = joined(laptops, "ana", "red", RED, STEP_ONE)
    ana("test", "toy", "--team", "red")
    code = ana.root / "workspaces" / "red" / "toy" / "__init__.py"
    code.write_text(code.read_text().replace("raise NotImplementedError", "return number * 2", 1))
    ana.clock.advance(timedelta(minutes=4))
    ana("test", "toy", "--team", "red", "--step", "1")

    facilitator = Dojo(laptops.origin.root, width=100)
    replayed = facilitator("replay", "red", "--remote", str(laptops.remote))
    second = facilitator("replay", "red", "--remote", str(laptops.remote), "--run", "2")

    assert replayed.status == 0, replayed
    assert "team red · run 1 of 2" in replayed.out
    assert "(the first run) · red · toy" in replayed.out
    assert "no change to the code since the team joined" in replayed.out
    assert "(4 min after the run before) · green · toy" in second.out
    assert "run 1 of 2" not in second.out
    assert "-    raise NotImplementedError" in second.out
    assert "+    return number * 2" in second.out
    assert "dojo-run.json" not in second.out


def test_replay_on_the_team_laptop_reads_its_own_runs(laptops: Laptops) -> None:
    ana = joined(laptops, "ana", "red")
    ana("test", "toy", "--team", "red")

    assert "team red · run 1 of 1" in ana("replay", "red").out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("replay", "blue"), "team blue has no runs recorded with their code on this machine"),
        (("replay", "red", "--run", "5"), "team red has 1 run(s); --run 5 is past the last"),
        (("replay", "red", "--run", "0"), "0 is not a run's number"),
        (("replay", "red\n"), "team name 'red\\n' is not valid"),
    ],
)
def test_replay_refuses_in_one_line(laptops: Laptops, argv: tuple[str, ...], message: str) -> None:
    ana = joined(laptops, "ana", "red")
    ana("test", "toy", "--team", "red")

    refused = ana(*argv)

    assert refused.status == 2
    assert message in refused.err


def test_the_board_of_an_unreachable_remote_says_so_and_keeps_going(
    laptops: Laptops, tmp_path: Path
) -> None:
    facilitator = Dojo(laptops.origin.root, width=120)

    shown = facilitator("board", "--remote", str(tmp_path / "gone.git"), stop=stopped())

    assert shown.status == 0
    assert "warning" not in shown.out
    assert f"cannot fetch from {tmp_path / 'gone.git'} yet (" in shown.out
    assert "no teams yet" in shown.out
