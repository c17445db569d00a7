"""The team dojo's commands, a plugin of ``dojo``: ``team new``, ``board``, ``timer``, ``--team``.

``register`` adds the three commands and extends ``dojo test`` and ``dojo watch`` with
``--team NAME``, which names the team's workspace as the implementation.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import attrs
from rich.live import Live

from dojo.errors import UsageError
from dojo.registry import Command, Extension
from dojo.repository import Implementation
from dojo.team.board import live_board, read_board
from dojo.team.errors import TeamError
from dojo.team.runs import RecordingRunner
from dojo.team.timer import RotationTimer, TimerSettings
from dojo.team.timer_view import KeySource, TerminalKeys, run_timer
from dojo.team.web import BoardServer
from dojo.team.workspace import TeamWorkspace

if TYPE_CHECKING:
    import argparse
    import threading
    from collections.abc import Callable, Iterator

    from dojo.app import App
    from dojo.invocation import Invocation
    from dojo.registry import Registry
    from dojo.team.board import TeamRow
    from dojo.team.web import Rows
    from harness.catalog import Kata

REFRESH = timedelta(seconds=1)
KEY_WAIT = timedelta(milliseconds=250)


def register(registry: Registry) -> None:
    """Add ``team new``, ``board`` and ``timer``, and ``--team`` to ``test`` and ``watch``."""
    registry.add(Command("team", "team workspaces for a coding dojo", _team, _team_arguments))
    registry.add(
        Command("board", "every team's step and lights, refreshing live", _board, _board_arguments)
    )
    registry.add(
        Command("timer", "rotation timer: who drives, who navigates", _timer, _timer_arguments)
    )
    for name in ("test", "watch"):
        registry.extend(Extension(name, add_team_option, choose_team))


def _team_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="team_command", required=True, metavar="ACTION")
    new = actions.add_parser("new", help="copy a kata's skeleton into workspaces/NAME/KATA")
    new.add_argument("name", help="letters, digits and dashes")
    new.add_argument("--kata", required=True)


def _board_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--web", action="store_true", help="serve the board as a web page")
    parser.add_argument("--port", type=int, default=8000, help="web port (default 8000; 0: any)")


def _timer_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--people", required=True, help='in rotation order: "Ana,Ben,Chen"')
    parser.add_argument("--minutes", type=float, default=7.0, help="per turn (default 7)")
    parser.add_argument("--break-every", type=int, default=0, metavar="N", help="turns per break")
    parser.add_argument("--break-minutes", type=float, default=5.0, help="break length")


def add_team_option(command: argparse.ArgumentParser) -> None:
    """``--team NAME`` for ``dojo test`` and ``dojo watch``."""
    command.add_argument("--team", default=None, help="test a team's workspace and log the run")


def choose_team(invocation: Invocation, kata: Kata) -> tuple[App, Implementation] | None:
    """With ``--team``: the team's workspace, and runs logged to its run log."""
    name: str | None = invocation.args.team
    if name is None:
        return None
    return for_team(invocation.app, kata, name, invocation.args.impl)


def for_team(app: App, kata: Kata, name: str, impl: str = "katas") -> tuple[App, Implementation]:
    """The team's implementation, and ``app`` with every test run appended to its run log."""
    if impl != "katas":
        raise UsageError(f"--team {name} tests the team's workspace; drop --impl {impl}")
    team = TeamWorkspace(app.repository, name)
    team.require(kata.name)
    log = team.log(_warn(app))
    recording = attrs.evolve(app, run_suite=RecordingRunner(app.run_suite, log, app.clock))
    return recording, Implementation(f"workspaces/{team.name}", team.folder)


def _team(invocation: Invocation) -> int:
    args = invocation.args
    return new_team(invocation.app, args.name, args.kata)


def _board(invocation: Invocation) -> int:
    args = invocation.args
    return board(invocation.app, invocation.stop, web=args.web, port=args.port)


def _timer(invocation: Invocation) -> int:
    args = invocation.args
    settings = TimerSettings(
        tuple(name.strip() for name in args.people.split(",")),
        timedelta(minutes=args.minutes),
        args.break_every,
        timedelta(minutes=args.break_minutes),
    )
    return timer(invocation.app, settings, invocation.stop)


def new_team(app: App, name: str, kata_name: str) -> int:
    """Create ``workspaces/NAME/KATA`` and say how to test it."""
    kata = app.repository.kata(kata_name)
    folder = TeamWorkspace(app.repository, name).create(kata.name)
    app.console.print(f"Created {app.repository.relative(folder)} for team {name}.")
    app.console.print(f"Test it:  dojo test {kata.name} --team {name}")
    app.console.print(f"Or watch: dojo watch {kata.name} --team {name}")
    return 0


def board(app: App, stop: threading.Event, *, web: bool, port: int) -> int:
    """The board in the terminal, or served on 127.0.0.1; until Ctrl-C or ``stop``."""
    warn = _warn(app)
    repository = app.repository

    def rows() -> list[TeamRow]:
        return read_board(repository, warn)

    try:
        if web:
            _serve(app, rows, port, stop)
        else:
            live_board(rows, app.console, _ticks(stop))
    except KeyboardInterrupt:
        app.console.print()
    return 0


def _serve(app: App, rows: Rows, port: int, stop: threading.Event) -> None:
    try:
        server = BoardServer(rows, port=port)
    except OSError as error:
        raise TeamError(f"cannot serve the board on port {port} ({error}); try --port") from None
    with server:
        app.console.print(f"Board at {server.url} (this machine only); Ctrl-C to stop.")
        stop.wait()


def timer(app: App, settings: TimerSettings, stop: threading.Event) -> int:
    """The rotation timer, with keys p, s, q when standard input is a terminal."""
    rotation = RotationTimer(settings, app.clock())
    try:
        with Live(console=app.console, auto_refresh=False) as live:
            if app.interactive:
                with TerminalKeys(0, KEY_WAIT) as keys:
                    run_timer(rotation, live, app.clock, keys)
            else:
                run_timer(rotation, live, app.clock, _no_keys(stop))
    except KeyboardInterrupt:
        app.console.print()
    app.console.print(f"Timer stopped after {rotation.rotations} rotation(s).")
    return 0


def _ticks(stop: threading.Event) -> Iterator[None]:
    while not stop.wait(REFRESH.total_seconds()):
        yield None


def _no_keys(stop: threading.Event) -> KeySource:
    """Without a terminal nobody presses keys: wait a little, and quit once ``stop`` is set."""
    return lambda: "q" if stop.wait(KEY_WAIT.total_seconds()) else None


def _warn(app: App) -> Callable[[str], None]:
    """Warn once per message: the board re-reads the logs every second."""
    seen: set[str] = set()

    def warn(text: str) -> None:
        if text not in seen:
            seen.add(text)
            app.console.print(
                f"dojo: warning: {text}", markup=False, highlight=False, soft_wrap=True
            )

    return warn
