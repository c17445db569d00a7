"""The board of a session remote: fetched every few seconds, kept when a fetch fails."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from dojo.repository import Repository
from dojo.team import history, remote_board
from dojo.team.errors import GitError
from dojo.team.git import Git
from dojo.team.remote import BoardCache, push
from dojo.team.remote_board import FETCH_EVERY, RemoteBoard
from dojo.team.runlog import Light
from dojo.team.store import RunStore
from tests.dojo_team.support import START, FakeClock, Warnings, record

if TYPE_CHECKING:
    from pathlib import Path

    from tests.harness.toy import ToyRepo


class Session:
    """A bare remote, a laptop's store pushing to it, and the board of a facilitator."""

    def __init__(self, tmp_path: Path, toy: ToyRepo) -> None:
        self.remote = Git(tmp_path / "session.git").init().git_dir
        self.laptop = RunStore(Git(tmp_path / "laptop" / "runs.git"))
        self.code = tmp_path / "code"
        self.clock = FakeClock(START)
        self.warnings = Warnings()
        cache = BoardCache.of(Repository(toy.root), str(self.remote))
        self.board = RemoteBoard(Repository(toy.root), cache, self.clock, self.warnings)

    def run(self, team: str, light: Light = Light.RED) -> None:
        """Record one run of ``team`` on the laptop and push it to the session remote."""
        self.laptop.record(team, self.code, record(light, (1, 1), (0, 1)), self.clock())
        push(self.laptop.git, team, str(self.remote))


@pytest.fixture
def session(tmp_path: Path, toy: ToyRepo) -> Session:
    return Session(tmp_path, toy)


def test_every_team_on_the_remote_has_a_row(session: Session) -> None:
    session.run("red")
    session.run("blue", Light.GREEN)

    rows = session.board.rows()

    assert [(row.team, row.light, row.step, row.step_title) for row in rows] == [
        ("blue", Light.GREEN, 2, "Greet"),
        ("red", Light.RED, 2, "Greet"),
    ]
    assert session.board.status() == (
        f"fetched from {session.remote} at {START.astimezone():%H:%M:%S}"
    )
    assert session.warnings.seen == []


def test_the_remote_is_fetched_again_only_every_few_seconds(session: Session) -> None:
    session.run("red")
    session.board.rows()
    session.run("red", Light.GREEN)

    soon = session.board.rows()
    session.clock.advance(FETCH_EVERY)
    later = session.board.rows()

    assert [row.history for row in soon] == [(Light.RED,)]
    assert [row.history for row in later] == [(Light.RED, Light.GREEN)]


def test_a_failed_fetch_keeps_the_last_rows_and_says_since_when(
    session: Session, tmp_path: Path
) -> None:
    session.run("red")
    session.board.rows()
    session.remote.rename(tmp_path / "unplugged.git")
    session.clock.advance(FETCH_EVERY)

    rows = session.board.rows()
    session.clock.advance(FETCH_EVERY)
    session.board.rows()

    assert [row.team for row in rows] == ["red"]
    status = session.board.status()
    assert status.startswith(f"cannot fetch from {session.remote} (")
    assert status.endswith(f"showing the runs of {START.astimezone():%H:%M:%S}")
    assert len(session.warnings.seen) == 2
    assert session.warnings.seen[0].startswith(f"could not fetch from {session.remote}")


def test_a_remote_never_reached_says_so(session: Session, tmp_path: Path) -> None:
    session.remote.rename(tmp_path / "unplugged.git")

    assert session.board.rows() == []
    assert session.board.status().startswith(f"cannot fetch from {session.remote} yet (")
    assert session.board.status().endswith("retrying")


def test_before_the_first_fetch_the_status_says_it_is_coming(session: Session) -> None:
    assert session.board.status() == f"fetching from {session.remote}"


def test_while_one_thread_fetches_the_others_get_the_rows_already_read(
    session: Session,
) -> None:
    session.run("red")
    session.board.rows()
    session.run("blue")
    session.clock.advance(FETCH_EVERY)

    with session.board._lock:
        during = session.board.rows()
    after = session.board.rows()

    assert [row.team for row in during] == ["red"]
    assert [row.team for row in after] == ["blue", "red"]


def test_a_team_whose_branch_did_not_move_is_not_read_again(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    session.run("red")
    session.run("blue")
    session.board.rows()
    session.run("blue", Light.GREEN)
    session.clock.advance(FETCH_EVERY)
    read: list[str] = []
    real = history.safe_runs

    def counted(*args: object) -> object:
        read.append(str(args[2]))
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(remote_board, "safe_runs", counted)

    session.board.rows()

    assert read == ["blue"]
    assert session.board.runs("blue") is not None
    assert session.board.runs("green") is None


def test_a_copy_that_cannot_be_read_is_one_warning_and_keeps_the_rows(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    session.run("red")
    session.board.rows()
    session.clock.advance(FETCH_EVERY)

    def broken(_cache: BoardCache, _warn: object) -> dict[str, str]:
        raise GitError("git for-each-ref failed: bad object")

    monkeypatch.setattr(BoardCache, "teams", broken)

    rows = session.board.rows()

    assert [row.team for row in rows] == ["red"]
    assert session.warnings.seen == [
        "the board's copy of the remote cannot be read (git for-each-ref failed: bad object)"
    ]
