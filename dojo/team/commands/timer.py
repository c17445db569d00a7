"""``dojo timer``: the rotation timer, who drives and who navigates."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from rich.live import Live

from dojo.team.commands import arguments
from dojo.team.timer import RotationTimer, TimerSettings
from dojo.team.timer_view import KeySource, TerminalKeys, run_timer

if TYPE_CHECKING:
    import argparse
    import threading

    from dojo.app import App
    from dojo.invocation import Invocation

KEY_WAIT = timedelta(milliseconds=250)


def timer_arguments(parser: argparse.ArgumentParser) -> None:
    """``--people``, ``--minutes``, ``--break-every`` and ``--break-minutes``."""
    parser.add_argument(
        "--people", type=arguments.people, required=True, help='in rotation order: "Ana,Ben,Chen"'
    )
    parser.add_argument(
        "--minutes", type=arguments.minutes, default=7.0, help="per turn (default 7)"
    )
    parser.add_argument(
        "--break-every",
        type=arguments.turns,
        default=0,
        metavar="N",
        help="turns per break (0: none)",
    )
    parser.add_argument(
        "--break-minutes", type=arguments.minutes, default=5.0, help="break length (default 5)"
    )


def run_timer_command(invocation: Invocation) -> int:
    """``dojo timer``."""
    args = invocation.args
    settings = TimerSettings(
        args.people,
        timedelta(minutes=args.minutes),
        args.break_every,
        timedelta(minutes=args.break_minutes),
    )
    return timer(invocation.app, settings, invocation.stop)


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


def _no_keys(stop: threading.Event) -> KeySource:
    """Without a terminal nobody presses keys: wait a little, and quit once ``stop`` is set."""
    return lambda: "q" if stop.wait(KEY_WAIT.total_seconds()) else None
