"""A team's journal: the run log, a commit, a push; each can fail without losing the run."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from dojo.repository import Repository
from dojo.team.errors import GitError
from dojo.team.git import Git
from dojo.team.history import RunHistory, branch
from dojo.team.journal import TeamJournal
from dojo.team.remote import Settings, push
from dojo.team.runlog import Light, RunRecord
from dojo.team.store import RunStore
from dojo.team.workspace import TeamWorkspace
from tests.dojo_team.support import START, Warnings, git, record

if TYPE_CHECKING:
    from pathlib import Path

    from tests.harness.toy import ToyRepo


def _journal(toy: ToyRepo, said: list[str], warnings: Warnings) -> TeamJournal:
    team = TeamWorkspace(Repository(toy.root), "red")
    if not team.kata_folder("toy").exists():
        team.create("toy")
    return TeamJournal(
        team,
        team.log(warnings),
        RunStore(Git(toy.root / ".dojo" / "runs.git")),
        Settings.of(Repository(toy.root), "red"),
        said.append,
        warnings,
    )


def _run(minutes: int, light: Light = Light.RED) -> RunRecord:
    return RunRecord(START + timedelta(minutes=minutes), "toy", record().steps, light)


def _remote_runs(remote: Path) -> list[Light]:
    return [run.record.light for run in RunHistory(Git(remote)).runs(branch("red"), "red", print)]


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    return Git(tmp_path / "session.git").init().git_dir


def test_without_a_remote_a_run_is_logged_and_committed_here(toy: ToyRepo) -> None:
    said: list[str] = []
    warnings = Warnings()
    journal = _journal(toy, said, warnings)

    journal.append(_run(0))

    assert journal.log.read() == [_run(0)]
    assert [run.record for run in journal.store.history.runs(branch("red"), "red", print)] == [
        _run(0)
    ]
    assert (said, warnings.seen) == ([], [])


def test_with_a_remote_each_run_is_pushed_quietly(toy: ToyRepo, remote: Path) -> None:
    said: list[str] = []
    warnings = Warnings()
    journal = _journal(toy, said, warnings)
    journal.settings.save(str(remote))

    journal.append(_run(0))
    journal.append(_run(1, Light.GREEN))

    assert _remote_runs(remote) == [Light.RED, Light.GREEN]
    assert journal.store.pending("red") == 0
    assert (said, warnings.seen) == ([], [])


def test_runs_made_while_the_remote_is_away_go_with_the_next_run(
    toy: ToyRepo, remote: Path, tmp_path: Path
) -> None:
    said: list[str] = []
    warnings = Warnings()
    journal = _journal(toy, said, warnings)
    journal.settings.save(str(remote))
    journal.append(_run(0))
    away = tmp_path / "unplugged.git"
    remote.rename(away)

    journal.append(_run(1))
    journal.append(_run(2))
    away.rename(remote)
    journal.append(_run(3, Light.GREEN))

    assert _remote_runs(remote) == [Light.RED] * 3 + [Light.GREEN]
    assert len(warnings.seen) == 2
    assert warnings.seen[0].startswith(f"team red: the session remote {remote} cannot be reached (")
    assert warnings.seen[0].endswith("1 run(s) kept here go with the next run")
    assert warnings.seen[1].endswith("2 run(s) kept here go with the next run")
    assert said == [
        "Sent 3 runs to the session remote: 2 had waited here while it could not be reached."
    ]


def test_a_refused_push_is_one_line_and_the_run_stays(
    toy: ToyRepo, remote: Path, tmp_path: Path
) -> None:
    other = RunStore(Git(tmp_path / "other" / "runs.git"))
    other.record("red", tmp_path / "code", None, START)
    push(other.git, "red", str(remote))
    said: list[str] = []
    warnings = Warnings()
    journal = _journal(toy, said, warnings)
    journal.settings.save(str(remote))

    journal.append(_run(0))

    assert len(warnings.seen) == 1
    assert warnings.seen[0].startswith("team red: the session remote refused the run ([rejected]")
    assert "1 run(s) kept here. Another clone may be using the name red" in warnings.seen[0]
    assert journal.log.read() == [_run(0)]
    assert journal.store.pending("red") == 1
    assert git(remote, "rev-parse", branch("red")) == other.tip("red")


def test_a_run_log_that_cannot_be_written_costs_the_log_line_only(toy: ToyRepo) -> None:
    said: list[str] = []
    warnings = Warnings()
    journal = _journal(toy, said, warnings)
    journal.log.path.mkdir()

    journal.append(_run(0))

    assert len(warnings.seen) == 1
    assert "the run could not be added to" in warnings.seen[0]
    assert "it is kept on the team's branch" in warnings.seen[0]
    assert len(journal.store.history.runs(branch("red"), "red", print)) == 1


def test_without_git_the_run_is_in_the_run_log_only(
    toy: ToyRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    warnings = Warnings()
    journal = _journal(toy, said, warnings)
    monkeypatch.setenv("PATH", str(toy.root / "no-git-here"))

    journal.append(_run(0))

    assert journal.log.read() == [_run(0)]
    assert warnings.seen == [
        "team red: the run is in runs.jsonl only (git is not installed (it keeps the team's runs))"
    ]


def test_settings_that_say_nothing_useful_keep_the_runs_here(toy: ToyRepo) -> None:
    said: list[str] = []
    warnings = Warnings()
    journal = _journal(toy, said, warnings)
    journal.settings.path.parent.mkdir(parents=True)
    journal.settings.path.write_text("{}")

    journal.append(_run(0))

    assert len(warnings.seen) == 1
    assert warnings.seen[0].startswith("team red: runs stay on this machine (")
    assert journal.store.pending("red") == 1


def test_files_left_out_of_the_commit_are_named(toy: ToyRepo) -> None:
    said: list[str] = []
    warnings = Warnings()
    journal = _journal(toy, said, warnings)
    (journal.team.kata_folder("toy") / "secrets").symlink_to("/etc/passwd")

    journal.append(_run(0))

    assert warnings.seen == ["team red: not kept with the run: toy/secrets (a symlink)"]


def test_git_that_fails_is_an_error_naming_the_command(tmp_path: Path) -> None:
    with pytest.raises(GitError, match="git rev-parse failed"):
        Git(tmp_path / "nothing.git").run("rev-parse", "HEAD")
