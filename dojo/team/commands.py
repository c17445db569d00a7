"""The team dojo's commands, a plugin of ``dojo``: ``team new``, ``board``, ``timer``, ``--team``.

``register`` adds the three commands and extends ``dojo test`` and ``dojo watch`` with
``--team NAME``, which names the team's workspace as the implementation.
"""

from __future__ import annotations

import argparse
import math
from datetime import timedelta
from typing import TYPE_CHECKING, TypeVar

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
from dojo.text import one_line

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable, Iterator

    from dojo.app import App
    from dojo.invocation import Invocation
    from dojo.registry import Registry
    from dojo.team.board import TeamRow
    from dojo.team.web import Rows
    from harness.catalog import Kata

REFRESH = timedelta(seconds=1)
MAX_PORT = 65535
# A turn or a break: long enough to type something, short enough to be a rotation.
MINUTES = (0.5, 240.0)
Number = TypeVar("Number", int, float)
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


def port(text: str) -> int:
    """A TCP port, 0 to 65535 (0: any free port); ``ArgumentTypeError`` otherwise."""
    value = _number(text, int, "a whole number")
    if not 0 <= value <= MAX_PORT:
        raise argparse.ArgumentTypeError(f"{text} is not a port: use 0 (any) to {MAX_PORT}")
    return value


def minutes(text: str) -> float:
    """A length in minutes, from ``MINUTES[0]`` to ``MINUTES[1]``; ``ArgumentTypeError`` else."""
    value = _number(text, float, "a number")
    low, high = MINUTES
    if not math.isfinite(value) or not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{text} is not a length from {low} to {high} minutes")
    return value


def turns(text: str) -> int:
    """0 (no breaks) or a positive number of turns; ``ArgumentTypeError`` otherwise."""
    value = _number(text, int, "a whole number")
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is not 0 (no breaks) or a number of turns")
    return value


def people(text: str) -> tuple[str, ...]:
    """Two or more different names, comma-separated; ``ArgumentTypeError`` otherwise."""
    names = tuple(name.strip() for name in text.split(","))
    if len(names) < 2 or not all(names) or len(set(names)) < len(names):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not two or more different names, comma-separated"
        )
    return names


def _number(text: str, kind: Callable[[str], Number], noun: str) -> Number:
    try:
        return kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {noun}") from None


def _board_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--web", action="store_true", help="serve the board as a web page")
    parser.add_argument(
        "--port", type=port, default=8000, help="web port (default 8000; 0: any free one)"
    )


def _timer_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--people", type=people, required=True, help='in rotation order: "Ana,Ben,Chen"'
    )
    parser.add_argument("--minutes", type=minutes, default=7.0, help="per turn (default 7)")
    parser.add_argument(
        "--break-every", type=turns, default=0, metavar="N", help="turns per break (0: none)"
    )
    parser.add_argument(
        "--break-minutes", type=minutes, default=5.0, help="break length (default 5)"
    )


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
        args.people,
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
                f"dojo: warning: {one_line(text)}", markup=False, highlight=False, soft_wrap=True
            )

    return warn
