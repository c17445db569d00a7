"""The team commands as ``dojo`` runs them: parsing, team new, --team, board and timer."""

from __future__ import annotations

import io
import json
import re
import socket
import threading
import urllib.request
from datetime import timedelta
from typing import TYPE_CHECKING, Self

import attrs
import pytest

from dojo.errors import UsageError
from dojo.registry import Command, Registry
from dojo.repository import Implementation, Repository
from dojo.team import commands
from dojo.team.commands import teams, timer
from dojo.team.errors import TeamError, TeamNameError, UnknownTeamError, WorkspaceExistsError
from dojo.team.runlog import Light
from dojo.team.runs import RecordingRunner
from dojo.team.workspace import TeamWorkspace
from tests.dojo_team.apps import Ticks, printed, team_app
from tests.dojo_team.support import FakeClock, record

if TYPE_CHECKING:
    import argparse
    from types import TracebackType

    from dojo.app import App
    from dojo.team.timer_view import KeySource
    from tests.harness.toy import ToyRepo

WAIT = 10.0


def _registry() -> Registry:
    """The team plugin, with stand-ins for the ``test``, ``watch`` and ``verify`` it extends."""

    def kata_and_impl(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("kata")
        parser.add_argument("--impl", default="katas")

    registry = Registry()
    for name in ("test", "watch", "verify"):
        registry.add(Command(name, name, lambda _invocation: 0, kata_and_impl))
    commands.register(registry)
    return registry


def _parse(*argv: str) -> argparse.Namespace:
    return _registry().parser().parse_args(argv)


def _dispatch(app: App, args: argparse.Namespace, stop: threading.Event) -> int:
    return _registry().run(app, args, stop)


class _Interrupt(threading.Event):
    """A stop event whose wait is interrupted by Ctrl-C."""

    def wait(self, timeout: float | None = None) -> bool:
        del timeout
        raise KeyboardInterrupt


def test_the_team_commands_parse_with_their_defaults() -> None:
    assert vars(_parse("team", "new", "red", "--kata", "toy")) == {
        "command": "team",
        "team_command": "new",
        "name": "red",
        "kata": "toy",
    }
    assert vars(_parse("board")) == {
        "command": "board",
        "web": False,
        "port": 8000,
        "host": "127.0.0.1",
        "remote": None,
    }
    assert vars(_parse("replay", "red", "--run", "2")) == {
        "command": "replay",
        "name": "red",
        "remote": None,
        "run": 2,
    }
    join = _parse("team", "join", "red", "--remote", "/srv/dojo.git", "--continue")
    assert (join.name, join.remote, join.kata, join.carry_on) == (
        "red",
        "/srv/dojo.git",
        None,
        True,
    )
    timer = _parse("timer", "--people", "Ana,Ben", "--break-every", "3")
    assert (timer.minutes, timer.break_every, timer.break_minutes) == (7.0, 3, 5.0)
    assert _parse("test", "toy", "--team", "red").team == "red"


def test_team_new_copies_the_skeleton_and_says_how_to_test(toy: ToyRepo) -> None:
    app = team_app(toy.root)

    status = _dispatch(app, _parse("team", "new", "red", "--kata", "toy"), threading.Event())

    assert status == 0
    assert (toy.root / "workspaces" / "red" / "toy" / "__init__.py").is_file()
    assert "Created workspaces/red/toy for team red." in printed(app)
    assert "dojo test toy --team red" in printed(app)


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (("team", "new", "red", "--kata", "nope"), UsageError),
        (("team", "new", "../red", "--kata", "toy"), TeamNameError),
    ],
)
def test_team_new_refuses_unknown_katas_and_bad_names(
    toy: ToyRepo, argv: tuple[str, ...], error: type[Exception]
) -> None:
    with pytest.raises(error):
        _dispatch(team_app(toy.root), _parse(*argv), threading.Event())

    assert not (toy.root / "workspaces").exists()


def test_team_new_twice_is_refused(toy: ToyRepo) -> None:
    args = _parse("team", "new", "red", "--kata", "toy")
    _dispatch(team_app(toy.root), args, threading.Event())

    with pytest.raises(WorkspaceExistsError):
        _dispatch(team_app(toy.root), args, threading.Event())


def test_a_team_run_tests_its_workspace_and_is_logged(toy: ToyRepo) -> None:
    TeamWorkspace(Repository(toy.root), "red").create("toy")
    app = team_app(toy.root)
    kata = app.repository.kata("toy")

    recording, impl = teams.for_team(app, kata, "red")
    status, _ = recording.run_suite("toy", impl, 2, toy.root)

    assert isinstance(recording.run_suite, RecordingRunner)
    assert impl == Implementation("workspaces/red", toy.root / "workspaces" / "red")
    assert not impl.is_learners
    assert status == 1
    log = TeamWorkspace(Repository(toy.root), "red").log(print).read()
    assert [run.light for run in log] == [Light.RED]


def test_team_and_impl_do_not_combine(toy: ToyRepo) -> None:
    app = team_app(toy.root)

    with pytest.raises(UsageError, match="drop --impl solutions"):
        teams.for_team(app, app.repository.kata("toy"), "red", "solutions")


def test_a_team_without_the_kata_is_told_how_to_start(toy: ToyRepo) -> None:
    app = team_app(toy.root)

    with pytest.raises(UnknownTeamError, match="dojo team new red --kata toy"):
        teams.for_team(app, app.repository.kata("toy"), "red")


def test_the_terminal_board_refreshes_until_stopped_and_warns_on_its_status_line(
    toy: ToyRepo,
) -> None:
    team = TeamWorkspace(Repository(toy.root), "red")
    team.create("toy")
    team.log(print).append(record(Light.GREEN, (1, 1)))
    with team.log(print).path.open("a") as log:
        log.write('{"cut')
    app = team_app(toy.root)

    status = _dispatch(app, _parse("board"), Ticks(2))

    assert status == 0
    text = printed(app)
    assert "red" in text
    assert "green" in text
    table, _, under = text.rpartition("└")
    said = " ".join(under.split())
    assert said.count("warning: team red:") == 1
    assert said.count("skipped the truncated last record") == 1
    assert "skipped the truncated" not in table
    assert "dojo: warning" not in text


def test_ctrl_c_ends_the_board_cleanly(toy: ToyRepo) -> None:
    assert _dispatch(team_app(toy.root), _parse("board"), _Interrupt()) == 0


class _Announced(io.StringIO):
    """Console output that tells a waiting test when the board's address is printed."""

    def __init__(self) -> None:
        super().__init__()
        self.ready = threading.Event()

    def write(self, text: str) -> int:
        written = super().write(text)
        if "Board at" in self.getvalue():
            self.ready.set()
        return written


def test_the_web_board_serves_until_stopped(toy: ToyRepo) -> None:
    TeamWorkspace(Repository(toy.root), "red").create("toy")
    out = _Announced()
    app, stop = team_app(toy.root, out), threading.Event()
    statuses: list[int] = []
    serving = threading.Thread(
        target=lambda: statuses.append(
            _dispatch(app, _parse("board", "--web", "--port", "0"), stop)
        )
    )

    serving.start()
    try:
        assert out.ready.wait(WAIT)
        url = out.getvalue().split("Board at ", 1)[1].split()[0]
        with urllib.request.urlopen(url + "board.json", timeout=WAIT) as response:  # noqa: S310
            board = json.loads(response.read())
    finally:
        stop.set()
        serving.join(WAIT)

    assert [team["team"] for team in board["teams"]] == ["red"]
    assert statuses == [0]


def test_a_busy_port_is_one_clear_error(toy: ToyRepo) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        with pytest.raises(TeamError, match=f"cannot serve the board on 127.0.0.1 port {port}"):
            _dispatch(
                team_app(toy.root), _parse("board", "--web", "--port", str(port)), _Interrupt()
            )


def test_the_timer_without_a_terminal_runs_until_stopped(toy: ToyRepo) -> None:
    app = team_app(toy.root)
    args = _parse("timer", "--people", "Ana, Ben", "--minutes", "0.5")

    status = _dispatch(app, args, Ticks(3))

    assert status == 0
    assert "Driver Ana   Navigator Ben" in printed(app)
    assert "Timer stopped after 0 rotation(s)." in printed(app)


@attrs.define
class _Keys:
    """Stands in for ``TerminalKeys``: scripted keys, each after some fake seconds."""

    clock: FakeClock
    script: list[tuple[int, str]]
    opened: list[int] = attrs.field(factory=list)

    def __call__(self, fd: int, interval: timedelta) -> Self:
        assert interval > timedelta(0)
        self.opened.append(fd)
        return self

    def __enter__(self) -> KeySource:
        def next_key() -> str:
            seconds, key = self.script.pop(0)
            self.clock.advance(timedelta(seconds=seconds))
            if key == "^C":
                raise KeyboardInterrupt
            return key

        return next_key

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.opened.append(-1)


@pytest.mark.parametrize(("last", "rotations"), [("q", 2), ("^C", 2)])
def test_the_timer_in_a_terminal_takes_keys_until_q_or_ctrl_c(
    toy: ToyRepo, monkeypatch: pytest.MonkeyPatch, last: str, rotations: int
) -> None:
    app = team_app(toy.root, interactive=True)
    assert isinstance(app.clock, FakeClock)
    keys = _Keys(app.clock, [(60, ""), (60, "s"), (0, ""), (60, ""), (0, last)])
    monkeypatch.setattr(timer, "TerminalKeys", keys)
    args = _parse("timer", "--people", "Ana,Ben,Chen", "--minutes", "1", "--break-every", "5")

    _dispatch(app, args, threading.Event())

    assert keys.opened == [0, -1]
    assert f"Timer stopped after {rotations} rotation(s)." in printed(app)
    assert "Ben skipped" in printed(app)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("test", "toy", "--team", ""), "argument --team: team name '' is not valid"),
        (("test", "toy", "--team", "red\n"), "argument --team: team name 'red\\n' is not valid"),
        (("watch", "toy", "--team", "../red"), "team name '../red' is not valid"),
        (("team", "join", "red", "--remote", "ext::sh -c x"), "names a transport helper"),
        (("team", "join", "red", "--remote=-oProxyCommand=x"), "starts with a dash"),
        (("board", "--remote", ""), "is not a git remote's URL or path"),
        (("board", "--web", "--host", "a b"), "'a b' is not an address to listen on"),
    ],
)
def test_a_bad_team_name_or_remote_is_a_usage_error(argv: tuple[str, ...], message: str) -> None:
    with pytest.raises(UsageError, match=re.escape(message)):
        _parse(*argv)


def test_team_new_refuses_a_name_with_a_trailing_newline(toy: ToyRepo) -> None:
    with pytest.raises(TeamNameError, match="not valid"):
        _dispatch(
            team_app(toy.root), _parse("team", "new", "red\n", "--kata", "toy"), threading.Event()
        )

    assert not (toy.root / "workspaces").exists()


def test_the_web_board_on_another_address_says_what_it_shows_to_whom(toy: ToyRepo) -> None:
    out = _Announced()
    app, stop = team_app(toy.root, out), threading.Event()
    args = _parse("board", "--web", "--port", "0", "--host", "127.0.0.2")
    serving = threading.Thread(target=lambda: _dispatch(app, args, stop))

    serving.start()
    try:
        assert out.ready.wait(WAIT)
    finally:
        stop.set()
        serving.join(WAIT)

    line = next(line for line in out.getvalue().splitlines() if "Board at" in line)
    assert line.startswith("Board at http://127.0.0.2:")
    assert "for every machine that can reach this one" in line
    assert "every team's code" in line


def test_a_warning_is_printed_once_however_often_it_is_heard(toy: ToyRepo) -> None:
    app = team_app(toy.root)
    warn = teams.warner(app)

    warn("team red: line 2 of\nits run log is not JSON")
    warn("team red: line 2 of\nits run log is not JSON")

    assert printed(app) == "dojo: warning: team red: line 2 of its run log is not JSON\n"
