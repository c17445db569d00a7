"""The team dojo's commands: ``dojo team new``, ``dojo board``, ``dojo timer``, and ``--team``.

``dojo.cli`` calls ``register`` on its subparsers, ``add_team_option`` on ``test`` and
``watch``, ``dispatch`` for the commands named in ``COMMANDS``, and ``for_team`` when
``--team`` is given.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import attrs
from rich.live import Live

from dojo.errors import UsageError
from dojo.team.board import live_board, read_board
from dojo.team.errors import TeamError
from dojo.team.runs import RecordingRunner
from dojo.team.timer import RotationTimer, TimerSettings
from dojo.team.timer_view import KeySource, TerminalKeys, run_timer
from dojo.team.web import BoardServer
from dojo.team.workspace import TeamWorkspace
from dojo.workspace import Implementation

if TYPE_CHECKING:
    import argparse
    import threading
    from collections.abc import Callable, Iterator

    from dojo.app import App
    from dojo.team.board import TeamRow
    from dojo.team.web import Rows
    from harness.catalog import Kata

COMMANDS = ("team", "board", "timer")
REFRESH = timedelta(seconds=1)
KEY_WAIT = timedelta(milliseconds=250)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``team new``, ``board`` and ``timer`` to ``dojo``'s subcommands."""
    team = commands.add_parser("team", help="team workspaces for a coding dojo")
    actions = team.add_subparsers(dest="team_command", required=True, metavar="ACTION")
    new = actions.add_parser("new", help="copy a kata's skeleton into workspaces/NAME/KATA")
    new.add_argument("name", help="letters, digits and dashes")
    new.add_argument("--kata", required=True)
    board = commands.add_parser("board", help="every team's step and lights, refreshing live")
    board.add_argument("--web", action="store_true", help="serve the board as a web page")
    board.add_argument("--port", type=int, default=8000, help="web port (default 8000; 0: any)")
    timer = commands.add_parser("timer", help="rotation timer: who drives, who navigates")
    timer.add_argument("--people", required=True, help='in rotation order: "Ana,Ben,Chen"')
    timer.add_argument("--minutes", type=float, default=7.0, help="per turn (default 7)")
    timer.add_argument("--break-every", type=int, default=0, metavar="N", help="turns per break")
    timer.add_argument("--break-minutes", type=float, default=5.0, help="break length")


def add_team_option(command: argparse.ArgumentParser) -> None:
    """``--team NAME`` for ``dojo test`` and ``dojo watch``."""
    command.add_argument("--team", default=None, help="test a team's workspace and log the run")


def for_team(app: App, kata: Kata, name: str, impl: str = "katas") -> tuple[App, Implementation]:
    """The team's implementation, and ``app`` with every test run appended to its run log."""
    if impl != "katas":
        raise UsageError(f"--team {name} tests the team's workspace; drop --impl {impl}")
    team = TeamWorkspace(app.workspace.root, name)
    team.require(kata.name)
    log = team.log(_warn(app))
    recording = attrs.evolve(app, run_suite=RecordingRunner(app.run_suite, log, app.clock))
    return recording, Implementation(f"workspaces/{team.name}", team.folder)


def dispatch(app: App, args: argparse.Namespace, stop: threading.Event) -> int:
    """Run ``team new``, ``board`` or ``timer``; ``stop`` ends the live ones."""
    if args.command == "team":
        return new_team(app, args.name, args.kata)
    if args.command == "board":
        return board(app, stop, web=args.web, port=args.port)
    settings = TimerSettings(
        tuple(name.strip() for name in args.people.split(",")),
        timedelta(minutes=args.minutes),
        args.break_every,
        timedelta(minutes=args.break_minutes),
    )
    return timer(app, settings, stop)


def new_team(app: App, name: str, kata_name: str) -> int:
    """Create ``workspaces/NAME/KATA`` and say how to test it."""
    kata = app.workspace.kata(kata_name)
    folder = TeamWorkspace(app.workspace.root, name).create(kata.name)
    app.console.print(f"Created {folder.relative_to(app.workspace.root)} for team {name}.")
    app.console.print(f"Test it:  dojo test {kata.name} --team {name}")
    app.console.print(f"Or watch: dojo watch {kata.name} --team {name}")
    return 0


def board(app: App, stop: threading.Event, *, web: bool, port: int) -> int:
    """The board in the terminal, or served on 127.0.0.1; until Ctrl-C or ``stop``."""
    warn = _warn(app)
    root = app.workspace.root

    def rows() -> list[TeamRow]:
        return read_board(root, warn)

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
