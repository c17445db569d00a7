"""The session remote: URLs dojo takes, pushes that never force, and the board's copy."""

from __future__ import annotations

import stat
from typing import TYPE_CHECKING

import pytest

from dojo.repository import Repository
from dojo.team.errors import GitError, RemoteError
from dojo.team.git import Git, reason
from dojo.team.history import branch
from dojo.team.remote import (
    BoardCache,
    Settings,
    fetch_branch,
    push,
    remote_tip,
    remote_url,
    resolve,
    shown,
)
from dojo.team.store import RunStore
from tests.dojo_team.support import START, Warnings, git, record

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize(
    "url",
    [
        "/srv/dojo/session.git",
        "../session.git",
        "session.git",
        "file:///srv/dojo/session.git",
        "ssh://ana@laptop.local/srv/dojo.git",
        "ana@laptop.local:dojo.git",
        "git://192.168.1.20/dojo.git",
        "https://git.example.org/room/dojo.git",
    ],
)
def test_paths_and_the_usual_urls_name_a_remote(url: str) -> None:
    assert remote_url(url) == url


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("", "is not a git remote"),
        (" /srv/x.git", "is not a git remote"),
        ("/srv/x.git\n", "is not a git remote"),
        ("/srv/\x1b]0;x\x07.git", "is not a git remote"),
        ("--upload-pack=touch /tmp/x", "starts with a dash"),
        ("ext::sh -c touch% /tmp/pwned", "transport helper"),
        ("fd::3", "transport helper"),
        ("ftp://example.org/x.git", "use a path or a file, ssh, git, http, https URL"),
        ("x" * 2001, "is not a git remote"),
    ],
)
def test_a_remote_dojo_would_not_use_is_refused_with_the_reason(url: str, why: str) -> None:
    with pytest.raises(RemoteError, match=why):
        remote_url(url)


def test_a_relative_folder_is_made_absolute_and_urls_are_kept(tmp_path: Path) -> None:
    assert resolve("session.git", tmp_path) == str(tmp_path / "session.git")
    assert resolve("./a:b", tmp_path) == str(tmp_path / "a:b")
    assert resolve("ana@host:dojo.git", tmp_path) == "ana@host:dojo.git"
    assert resolve("https://host/x.git", tmp_path) == "https://host/x.git"


def test_a_password_in_a_url_is_never_printed() -> None:
    assert (
        shown("https://ana:s3cret@git.example.org/x.git") == "https://ana:***@git.example.org/x.git"
    )
    assert shown("https://git.example.org/x.git") == "https://git.example.org/x.git"


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    bare = tmp_path / "session.git"
    Git(bare).init()
    return bare


def _runs(tmp_path: Path, name: str) -> RunStore:
    return RunStore(Git(tmp_path / name / "runs.git"))


def test_a_push_sends_the_team_branch_only(tmp_path: Path, remote: Path) -> None:
    runs = _runs(tmp_path, "ana")
    runs.record("red", tmp_path / "code", record(), START)
    runs.git.run("update-ref", "refs/heads/other", runs.tip("red") or "")

    pushed = push(runs.git, "red", str(remote))

    assert (pushed.accepted, pushed.reached) == (True, True)
    assert git(remote, "for-each-ref", "--format=%(refname)") == branch("red")
    assert remote_tip(runs.git, "red", str(remote)) == runs.tip("red")
    assert remote_tip(runs.git, "blue", str(remote)) is None


def test_a_push_over_runs_it_does_not_have_is_refused_not_forced(
    tmp_path: Path, remote: Path
) -> None:
    ana, ben = _runs(tmp_path, "ana"), _runs(tmp_path, "ben")
    ana.record("red", tmp_path / "code", record(), START)
    push(ana.git, "red", str(remote))
    ben.record("red", tmp_path / "code", None, START)

    pushed = push(ben.git, "red", str(remote))

    assert (pushed.accepted, pushed.reached) == (False, True)
    assert "rejected" in pushed.reason
    assert git(remote, "rev-parse", branch("red")) == ana.tip("red")


def test_a_remote_that_refuses_says_why(tmp_path: Path, remote: Path) -> None:
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'closed for the day' >&2\nexit 1\n")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    runs = _runs(tmp_path, "ana")
    runs.record("red", tmp_path / "code", record(), START)

    pushed = push(runs.git, "red", str(remote))

    assert (pushed.accepted, pushed.reached) == (False, True)
    assert "remote rejected" in pushed.reason


def test_a_missing_remote_is_not_reached(tmp_path: Path) -> None:
    runs = _runs(tmp_path, "ana")
    runs.record("red", tmp_path / "code", record(), START)

    pushed = push(runs.git, "red", str(tmp_path / "gone.git"))

    assert (pushed.accepted, pushed.reached) == (False, False)
    assert "gone.git" in pushed.reason
    with pytest.raises(GitError, match="cannot reach"):
        remote_tip(runs.git, "red", str(tmp_path / "gone.git"))


def test_a_remote_that_does_not_answer_in_time_is_not_reached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = _runs(tmp_path, "ana")
    runs.record("red", tmp_path / "code", record(), START)
    (tmp_path / "bin").mkdir()
    slow_ssh = tmp_path / "bin" / "ssh"
    slow_ssh.write_text("#!/bin/sh\nexec sleep 30\n")
    slow_ssh.chmod(0o755)
    monkeypatch.setenv("GIT_SSH_COMMAND", str(slow_ssh))
    monkeypatch.setattr("dojo.team.remote.REMOTE_TIMEOUT", 0.5)

    pushed = push(runs.git, "red", "ssh://nowhere.invalid/x.git")

    assert (pushed.accepted, pushed.reached) == (False, False)
    assert pushed.reason == "git push did not finish in 0.5 s"


UNREACHABLE = (
    b"fatal: unable to connect to 10.0.0.9:\n10.0.0.9[0: 10.0.0.9]: errno=Connection refused\n"
)
SSH = (
    b"ssh: connect to host dojo-host port 22: No route to host\r\n"
    b"fatal: Could not read from remote repository.\n\n"
    b"Please make sure you have the correct access rights\nand the repository exists.\n"
)


@pytest.mark.parametrize(
    ("stderr", "said"),
    [
        (
            UNREACHABLE,
            "unable to connect to 10.0.0.9: 10.0.0.9[0: 10.0.0.9]: errno=Connection refused",
        ),
        (SSH, f"{SSH.decode().splitlines()[0]}; Could not read from remote repository."),
        (b"hint: x\nerror: failed to push some refs to 'x'\n", "failed to push some refs to 'x'"),
        (b"warning: only this\n", "warning: only this"),
        (b"", "no message"),
        (b"fatal: \x1b]0;title\x07[/x]\n", "]0;title[/x]"),
    ],
)
def test_git_s_reason_is_its_error_line_with_what_explains_it(stderr: bytes, said: str) -> None:
    assert reason(stderr) == said


def test_a_team_branch_is_fetched_from_the_remote(tmp_path: Path, remote: Path) -> None:
    ana, ben = _runs(tmp_path, "ana"), _runs(tmp_path, "ben")
    ana.record("red", tmp_path / "code", record(), START)
    push(ana.git, "red", str(remote))

    assert fetch_branch(ben.git, "red", str(remote)) == ana.tip("red")
    assert ben.tip("red") == ana.tip("red")


def test_the_settings_name_the_remote_and_refuse_anything_else(tmp_path: Path) -> None:
    settings = Settings.of(Repository(tmp_path), "red")
    assert settings.remote() is None

    settings.save("/srv/dojo.git")
    assert settings.path == tmp_path / ".dojo" / "teams" / "red.json"
    assert settings.remote() == "/srv/dojo.git"

    for text in ('{"remote": "ext::sh"}', "[]", "{", '{"remote": 3}', "x" * 9000):
        settings.path.write_text(text)
        with pytest.raises(RemoteError, match="does not name a remote; dojo team join sets it"):
            settings.remote()
    settings.path.unlink()
    settings.path.mkdir()
    with pytest.raises(RemoteError, match="cannot be read"):
        settings.remote()


def test_the_board_copy_follows_the_remote_and_skips_branches_that_are_no_team(
    tmp_path: Path, remote: Path
) -> None:
    ana = _runs(tmp_path, "ana")
    for team in ("red", "blue"):
        ana.record(team, tmp_path / "code", record(), START)
        push(ana.git, team, str(remote))
    tip = ana.tip("red") or ""
    for odd in ("dojo/Bad_Name", "dojo/a/b", "dojo/" + "x" * 41, "main"):
        git(remote, "update-ref", f"refs/heads/{odd}", tip)
    cache, warnings = BoardCache.of(Repository(tmp_path / "board"), str(remote)), Warnings()
    assert cache.teams(warnings) == {}

    cache.fetch()
    teams = cache.teams(warnings)

    assert teams == {"blue": ana.tip("blue"), "red": tip}
    assert len(warnings.seen) == 3
    assert all("is not a team's; skipped" in seen for seen in warnings.seen)
    git(remote, "update-ref", "-d", branch("blue"))
    cache.fetch()
    assert list(cache.teams(Warnings())) == ["red"]


def test_a_board_copy_keeps_to_a_limit_of_teams(
    tmp_path: Path, remote: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana = _runs(tmp_path, "ana")
    for team in ("a", "b", "c"):
        ana.record(team, tmp_path / "code", record(), START)
        push(ana.git, team, str(remote))
    monkeypatch.setattr("dojo.team.remote.MAX_TEAMS", 2)
    cache, warnings = BoardCache.of(Repository(tmp_path / "board"), str(remote)), Warnings()
    cache.fetch()

    assert list(cache.teams(warnings)) == ["a", "b"]
    assert warnings.seen == ["the session remote has over 2 teams; the board shows the first"]
