"""``dojo team new``, ``dojo team join`` and ``--team`` on ``dojo test`` and ``dojo watch``."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

import attrs

from dojo.errors import UsageError
from dojo.repository import Implementation
from dojo.team.commands import arguments
from dojo.team.errors import GitError, RemoteError
from dojo.team.git import Git
from dojo.team.journal import TeamJournal
from dojo.team.remote import Settings, fetch_branch, push, remote_tip, resolve, shown
from dojo.team.runs import RecordingRunner
from dojo.team.store import RunStore
from dojo.team.workspace import TeamWorkspace
from dojo.text import one_line

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from dojo.app import App
    from dojo.invocation import Invocation
    from dojo.repository import Repository
    from harness.catalog import Kata


def team_arguments(parser: argparse.ArgumentParser) -> None:
    """``dojo team new NAME --kata KATA`` and ``dojo team join NAME --remote URL``."""
    actions = parser.add_subparsers(dest="team_command", required=True, metavar="ACTION")
    new = actions.add_parser("new", help="copy a kata's skeleton into workspaces/NAME/KATA")
    new.add_argument("name", help="letters, digits and dashes")
    new.add_argument("--kata", required=True)
    join = actions.add_parser("join", help="send the team's runs to a session remote")
    join.add_argument("name", help="letters, digits and dashes")
    join.add_argument(
        "--remote", type=arguments.remote, required=True, help="the session's git remote"
    )
    join.add_argument("--kata", default=None, help="also create workspaces/NAME/KATA")
    join.add_argument(
        "--continue",
        dest="carry_on",
        action="store_true",
        help="carry on here from the team's runs on the remote (a new laptop)",
    )


def run_team(invocation: Invocation) -> int:
    """``dojo team ACTION``."""
    args = invocation.args
    if args.team_command == "join":
        return join_team(invocation.app, args.name, args.remote, args.kata, carry_on=args.carry_on)
    return new_team(invocation.app, args.name, args.kata)


def add_team_option(command: argparse.ArgumentParser) -> None:
    """``--team NAME`` for ``dojo test``, ``dojo watch`` and ``dojo verify``."""
    command.add_argument(
        "--team", type=arguments.team, default=None, help="test a team's workspace and log the run"
    )


def choose_team(invocation: Invocation, kata: Kata) -> tuple[App, Implementation] | None:
    """With ``--team``: the team's workspace, and runs recorded by its journal."""
    name: str | None = invocation.args.team
    if name is None:
        return None
    return for_team(invocation.app, kata, name, invocation.args.impl)


def for_team(app: App, kata: Kata, name: str, impl: str = "katas") -> tuple[App, Implementation]:
    """The team's implementation, and ``app`` with every test run kept by the team's journal."""
    if impl != "katas":
        raise UsageError(f"--team {name} tests the team's workspace; drop --impl {impl}")
    team = TeamWorkspace(app.repository, name)
    team.require(kata.name)
    recording = attrs.evolve(
        app, run_suite=RecordingRunner(app.run_suite, journal(app, team), app.clock)
    )
    return recording, Implementation(f"workspaces/{team.name}", team.folder)


def store(repository: Repository) -> RunStore:
    """The clone's record of its teams' runs, ``.dojo/runs.git``."""
    return RunStore(Git(repository.state / "runs.git"))


def journal(app: App, team: TeamWorkspace) -> TeamJournal:
    """Where the team's runs go: its run log, its branch, and the remote it joined, if any."""
    warn = warner(app)
    return TeamJournal(
        team,
        team.log(warn),
        store(app.repository),
        Settings.of(app.repository, team.name),
        lambda text: app.console.print(one_line(text), markup=False, highlight=False),
        warn,
    )


def new_team(app: App, name: str, kata_name: str) -> int:
    """Create ``workspaces/NAME/KATA``, start the team's branch, and say how to test it."""
    kata = app.repository.kata(kata_name)
    team = TeamWorkspace(app.repository, name)
    folder = team.create(kata.name)
    _start_branch(app, team)
    app.console.print(f"Created {app.repository.relative(folder)} for team {name}.")
    _say_how_to_test(app, kata.name, name)
    return 0


def _say_how_to_test(app: App, kata: str, name: str) -> None:
    app.console.print(f"Test it:  dojo test {kata} --team {name}")
    app.console.print(f"Or watch: dojo watch {kata} --team {name}")


def _start_branch(app: App, team: TeamWorkspace) -> None:
    """The first commit of the team's branch: its code before any run, for replay's diffs."""
    runs = store(app.repository)
    try:
        if runs.tip(team.name) is None:
            runs.record(team.name, team.folder, None, app.clock(), secrets.token_hex(8))
    except GitError as error:
        warner(app)(f"team {team.name}: runs will be in runs.jsonl only ({error})")


def join_team(app: App, name: str, url: str, kata_name: str | None, *, carry_on: bool) -> int:
    """Point the team's runs at the session remote ``url``, after checking the name is free."""
    url = resolve(url, app.cwd)
    team = TeamWorkspace(app.repository, name)
    kata = app.repository.kata(kata_name) if kata_name else None
    runs = store(app.repository)
    runs.git.init()
    try:
        theirs = remote_tip(runs.git, name, url)
    except GitError as error:
        raise RemoteError(f"{error}; nothing was changed") from None
    ours = runs.tip(name)
    if theirs is not None and not _has(runs, theirs, ours):
        if not carry_on:
            raise RemoteError(
                f"team {name} already has runs on {shown(url)} that this clone did not make: "
                f"choose another name, or to carry on from them on this machine: "
                f"dojo team join {name} --remote {shown(url)} --continue"
            )
        _carry_on(app, team, runs, url, ours)
    elif carry_on and theirs is None:
        raise RemoteError(f"team {name} has no runs on {shown(url)} to carry on from")
    if kata is not None and not team.kata_folder(kata.name).exists():
        folder = team.create(kata.name)
        app.console.print(f"Created {app.repository.relative(folder)} for team {name}.")
    _start_branch(app, team)
    tip = runs.tip(name)
    pushed = push(runs.git, name, url)
    if not pushed.accepted:
        raise RemoteError(
            f"{shown(url)} refused team {name}'s branch ({pushed.reason}); the team's runs "
            "stay on this machine"
        )
    if tip is not None:
        runs.mark_pushed(name, tip)
    Settings.of(app.repository, name).save(url)
    app.console.print(
        f"Team {name} joined {shown(url)}: every run goes to its branch dojo/{name} there.",
        markup=False,
        highlight=False,
    )
    for kata_folder in team.katas():
        _say_how_to_test(app, kata_folder, name)
    return 0


def _has(runs: RunStore, theirs: str, ours: str | None) -> bool:
    """Whether this clone's branch already holds the remote's commit ``theirs``."""
    if ours is None:
        return False
    ancestry = runs.git.run("merge-base", "--is-ancestor", theirs, ours, check=False)
    return ancestry.returncode == 0


def _carry_on(app: App, team: TeamWorkspace, runs: RunStore, url: str, ours: str | None) -> None:
    """Take the team's branch from the remote and its code into an empty workspace."""
    name = team.name
    if ours is not None:
        raise RemoteError(
            f"this clone has runs of team {name} of its own; the remote's cannot replace them"
        )
    if team.folder.exists() and any(team.folder.iterdir()):
        raise RemoteError(
            f"{app.repository.relative(team.folder)} is not empty; move it away to carry on "
            f"from the remote's code; nothing was changed"
        )
    tip = fetch_branch(runs.git, name, url)
    count = runs.restore(tip, team.folder)
    runs.mark_pushed(name, tip)
    app.console.print(
        f"Carrying on from team {name}'s runs on {shown(url)}: {count} file(s) of its code "
        f"are in {app.repository.relative(team.folder)}.",
        markup=False,
        highlight=False,
    )


def warner(app: App) -> Callable[[str], None]:
    """Warn once per message: the web board re-reads the logs on every request."""
    seen: set[str] = set()

    def warn(text: str) -> None:
        if text not in seen:
            seen.add(text)
            app.console.print(
                f"dojo: warning: {one_line(text)}", markup=False, highlight=False, soft_wrap=True
            )

    return warn
