"""``dojo board``: every team's step and lights, in the terminal or as a web page."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import attrs

from dojo.team.board import LocalBoard, StepTitles, live_board
from dojo.team.commands import arguments
from dojo.team.commands.teams import store, warner
from dojo.team.errors import TeamError
from dojo.team.history import branch, safe_runs
from dojo.team.remote import BoardCache, resolve
from dojo.team.remote_board import RemoteBoard
from dojo.team.replay import Replay
from dojo.team.status_line import BoardWarnings, WarnedBoard
from dojo.team.web import LOOPBACK, BoardServer

if TYPE_CHECKING:
    import argparse
    import threading
    from collections.abc import Iterator

    from dojo.app import App
    from dojo.invocation import Invocation
    from dojo.team.board import BoardSource
    from dojo.team.runlog import Warn
    from dojo.team.web import Replays

REFRESH = timedelta(seconds=1)


@attrs.frozen
class BoardOptions:
    """How ``dojo board`` was asked to show the board."""

    web: bool = False
    port: int = 8000
    host: str = LOOPBACK
    remote: str | None = None


def board_arguments(parser: argparse.ArgumentParser) -> None:
    """``--web``, ``--port``, ``--host`` and ``--remote``."""
    parser.add_argument("--web", action="store_true", help="serve the board as a web page")
    parser.add_argument(
        "--port", type=arguments.port, default=8000, help="web port (default 8000; 0: any free one)"
    )
    parser.add_argument(
        "--host",
        type=arguments.host,
        default=LOOPBACK,
        help="address the web board listens on (default 127.0.0.1: this machine only)",
    )
    parser.add_argument(
        "--remote", type=arguments.remote, default=None, help="the session remote to follow"
    )


def run_board(invocation: Invocation) -> int:
    """``dojo board``."""
    args = invocation.args
    options = BoardOptions(web=args.web, port=args.port, host=args.host, remote=args.remote)
    return board(invocation.app, invocation.stop, options)


def sources(app: App, remote: str | None, warn: Warn) -> tuple[BoardSource, Replays]:
    """The rows of the board, and each team's replay: from this machine or from ``remote``."""
    titles = StepTitles(app.repository)
    if remote is None:
        history = store(app.repository).history

        def local(team: str) -> Replay | None:
            runs = safe_runs(history, branch(team), team, warn) if history.tip(branch(team)) else []
            return Replay(team, tuple(runs), history, titles) if runs else None

        return LocalBoard(app.repository, warn, app.clock), local
    cache = BoardCache.of(app.repository, resolve(remote, app.cwd))
    source = RemoteBoard(app.repository, cache, app.clock, warn)

    def fetched(team: str) -> Replay | None:
        runs = source.runs(team)
        return Replay(team, tuple(runs), source.history, titles) if runs else None

    return source, fetched


def board(app: App, stop: threading.Event, options: BoardOptions) -> int:
    """The board in the terminal, or served as a page; until Ctrl-C or ``stop``."""
    # The web page is drawn anew on each request; a warning printed once to its terminal stays.
    warnings = BoardWarnings()
    source, replays = sources(app, options.remote, warner(app) if options.web else warnings)
    try:
        if options.web:
            _serve(app, source, replays, options, stop)
        else:
            live_board(WarnedBoard(source, warnings), app.console, _ticks(stop))
    except KeyboardInterrupt:
        app.console.print()
    return 0


def _serve(
    app: App, source: BoardSource, replays: Replays, options: BoardOptions, stop: threading.Event
) -> None:
    try:
        server = BoardServer(source, port=options.port, host=options.host, replays=replays)
    except OSError as error:
        raise TeamError(
            f"cannot serve the board on {options.host} port {options.port} ({error}); "
            "try another --port"
        ) from None
    with server:
        if server.local:
            app.console.print(f"Board at {server.url} (this machine only); Ctrl-C to stop.")
        else:
            app.console.print(
                f"Board at {server.url} for every machine that can reach this one: team names, "
                "steps, lights and, in each replay, every team's code; Ctrl-C to stop.",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
        stop.wait()


def _ticks(stop: threading.Event) -> Iterator[None]:
    while not stop.wait(REFRESH.total_seconds()):
        yield None
