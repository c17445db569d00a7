"""The board of a session remote: fetched every few seconds, kept when a fetch fails."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest
from rich.console import Console

from dojo.repository import Repository
from dojo.team import remote_board
from dojo.team.board import live_board
from dojo.team.errors import GitError
from dojo.team.git import Git
from dojo.team.history import safe_runs
from dojo.team.remote import BoardCache, push
from dojo.team.remote_board import FETCH_EVERY, RemoteBoard
from dojo.team.runlog import Light
from dojo.team.store import RunStore
from tests.dojo_team.support import START, FakeClock, Warnings, record

if TYPE_CHECKING:
    from collections.abc import Iterator
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


def test_a_team_that_joined_and_has_not_run_shows_the_kata_it_started(session: Session) -> None:
    for folder in ("toy", "Not-A-Kata", "toy_2"):
        (session.code / folder).mkdir(parents=True)
        (session.code / folder / "__init__.py").write_text("")
    (session.code / "notes.md").write_text("a file, not a kata")
    session.laptop.record("red", session.code, None, START, "start")
    push(session.laptop.git, "red", str(session.remote))
    session.run("blue")

    rows = session.board.rows()

    assert [(row.team, row.kata, row.where, row.light) for row in rows] == [
        ("blue", "toy", "2 Greet", Light.RED),
        ("red", "toy, toy_2", "1", None),
    ]
    session.run("red", Light.GREEN)
    session.clock.advance(FETCH_EVERY)
    assert [(row.kata, row.light) for row in session.board.rows()] == [
        ("toy", Light.RED),
        ("toy", Light.GREEN),
    ]


def test_a_team_with_one_kata_and_no_run_is_on_its_first_step(session: Session) -> None:
    (session.code / "toy").mkdir(parents=True)
    (session.code / "toy" / "__init__.py").write_text("")
    session.laptop.record("red", session.code, None, START, "start")
    push(session.laptop.git, "red", str(session.remote))

    assert [row.where for row in session.board.rows()] == ["1 Double"]
    session.clock.advance(FETCH_EVERY)
    assert [row.where for row in session.board.rows()] == ["1 Double"]


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
    assert session.warnings.seen == []


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
    real = safe_runs

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


def test_the_live_board_shows_a_failed_fetch_only_until_a_fetch_succeeds(
    session: Session, tmp_path: Path
) -> None:
    session.run("red")
    console = Console(file=io.StringIO(), width=120, color_system=None)
    board = RemoteBoard(
        session.board.repository,
        session.board.cache,
        session.clock,
        lambda text: console.print(f"dojo: warning: {text}"),
    )
    unplugged = tmp_path / "unplugged.git"
    during: list[str] = []

    def ticks() -> Iterator[None]:
        session.remote.rename(unplugged)
        session.clock.advance(FETCH_EVERY)
        yield None
        during.append(board.status())
        unplugged.rename(session.remote)
        session.clock.advance(FETCH_EVERY)
        yield None

    live_board(board, console, ticks())

    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert during[0].startswith(f"cannot fetch from {session.remote} (")
    assert "fetch" not in shown.replace(f"fetched from {session.remote} at", "")
    assert (
        f"fetched from {session.remote} at {START.astimezone() + 2 * FETCH_EVERY:%H:%M:%S}" in shown
    )
    assert "red" in shown
