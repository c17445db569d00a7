"""``dojo replay NAME``: a team's runs one by one, with the diff of its code at each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dojo.errors import UsageError
from dojo.team.commands import arguments
from dojo.team.commands.board import sources
from dojo.team.commands.teams import warner
from dojo.team.commands.timer import KEY_WAIT
from dojo.team.errors import UnknownTeamError
from dojo.team.remote import shown
from dojo.team.replay import print_runs, step_through
from dojo.team.timer_view import TerminalKeys

if TYPE_CHECKING:
    import argparse

    from dojo.app import App
    from dojo.invocation import Invocation


def replay_arguments(parser: argparse.ArgumentParser) -> None:
    """``NAME [--remote URL] [--run N]``."""
    parser.add_argument("name", type=arguments.team, help="the team")
    parser.add_argument(
        "--remote", type=arguments.remote, default=None, help="read the runs from this remote"
    )
    parser.add_argument(
        "--run", type=arguments.run_number, default=None, metavar="N", help="start at run N"
    )


def run_replay(invocation: Invocation) -> int:
    """``dojo replay``."""
    args = invocation.args
    return replay(invocation.app, args.name, args.remote, args.run)


def replay(app: App, name: str, remote: str | None, run: int | None) -> int:
    """Step through the runs in a terminal; print them all (or run ``run``) otherwise."""
    _, replays = sources(app, remote, warner(app))
    found = replays(name)
    if found is None:
        where = f"on {shown(remote)}" if remote else "on this machine (try --remote URL)"
        raise UnknownTeamError(f"team {name} has no runs recorded with their code {where}")
    count = len(found.runs)
    if run is not None and run > count:
        raise UsageError(f"team {name} has {count} run(s); --run {run} is past the last")
    start = (run or 1) - 1
    try:
        if app.interactive:
            with TerminalKeys(0, KEY_WAIT) as keys:
                step_through(found, app.console, keys, start)
        else:
            print_runs(found, app.console, None if run is None else start)
    except KeyboardInterrupt:
        app.console.print()
    return 0
