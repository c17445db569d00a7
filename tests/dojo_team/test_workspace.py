"""Team workspaces: valid names only, a copy of the skeleton, never overwritten."""

from pathlib import Path

import pytest

from dojo.errors import DojoError
from dojo.repository import Repository
from dojo.team.errors import TeamNameError, UnknownTeamError, WorkspaceExistsError
from dojo.team.workspace import TeamWorkspace, team_name, teams
from tests.harness.toy import ToyRepo


@pytest.mark.parametrize("name", ["red", "Team-7", "a", "x" * 40, "blue-green-2"])
def test_letters_digits_and_inner_dashes_make_a_team_name(name: str) -> None:
    assert team_name(name) == name


@pytest.mark.parametrize(
    "name",
    ["", "..", "../x", "a/b", "/abs", "-lead", "trail-", "a--b", "a b", "a_b", "é", "x" * 41, "a."],
)
def test_names_that_could_escape_or_confuse_the_folder_are_refused(name: str) -> None:
    with pytest.raises(TeamNameError, match="not valid") as caught:
        TeamWorkspace(Repository(Path("/repo")), name)

    assert isinstance(caught.value, DojoError)
    assert isinstance(caught.value, ValueError)


def test_a_new_team_gets_a_copy_of_the_skeleton(toy: ToyRepo) -> None:
    (toy.root / "katas" / "toy" / "__pycache__").mkdir()
    team = TeamWorkspace(Repository(toy.root), "red")

    folder = team.create("toy")

    assert folder == toy.root / "workspaces" / "red" / "toy"
    assert (folder / "__init__.py").read_text() == (toy.root / "katas/toy/__init__.py").read_text()
    assert not (folder / "__pycache__").exists()
    assert team.katas() == ["toy"]


def test_creating_a_team_twice_keeps_its_code(toy: ToyRepo) -> None:
    team = TeamWorkspace(Repository(toy.root), "red")
    team.create("toy")
    (team.kata_folder("toy") / "__init__.py").write_text("work = 1\n")

    with pytest.raises(WorkspaceExistsError, match="red already has workspaces/red/toy"):
        team.create("toy")

    assert (team.kata_folder("toy") / "__init__.py").read_text() == "work = 1\n"


def test_a_kata_the_team_has_not_started_is_named_with_the_way_out(toy: ToyRepo) -> None:
    team = TeamWorkspace(Repository(toy.root), "blue")

    with pytest.raises(UnknownTeamError, match="dojo team new blue --kata toy"):
        team.require("toy")

    assert team.katas() == []


def test_every_team_folder_is_listed_and_strays_are_ignored(toy: ToyRepo) -> None:
    for name in ("red", "blue"):
        TeamWorkspace(Repository(toy.root), name).create("toy")
    (toy.root / "workspaces" / "not a team").mkdir()
    (toy.root / "workspaces" / "notes.txt").write_text("x")

    assert [team.name for team in teams(Repository(toy.root))] == ["blue", "red"]


def test_a_repository_without_workspaces_has_no_teams(tmp_path: Path) -> None:
    assert teams(Repository(tmp_path)) == []


def test_the_run_log_lives_in_the_team_folder(tmp_path: Path) -> None:
    log = TeamWorkspace(Repository(tmp_path), "red").log(print)

    assert log.path == tmp_path / "workspaces" / "red" / "runs.jsonl"
