"""The ``dojo`` command line: parse, build the collaborators once, dispatch, map errors to 2."""

from __future__ import annotations

import argparse
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.prompt import Confirm

from dojo import catalog_views, compare, hinting, reset, testing, watch
from dojo.app import App
from dojo.errors import DojoError
from dojo.progress import ProgressStore
from dojo.team import cli as team_cli
from dojo.workspace import Workspace

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

USAGE_ERROR = 2


def parser() -> argparse.ArgumentParser:
    """The commands and their options."""
    top = argparse.ArgumentParser(prog="dojo", description="Practise a kata, step by step.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("list", help="every kata, with your progress")
    commands.add_parser("progress", help="all katas at a glance")
    for name, text in (
        ("show", "the spec, or one step of it"),
        ("test", "run the acceptance tests, step by step"),
        ("watch", "re-run the tests on every save"),
        ("hint", "one more hint for the current step"),
        ("reset", "back up your files and restore the skeleton"),
        ("compare", "your implementation beside the reference"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("kata")
        if name in ("show", "test", "watch", "hint"):
            command.add_argument("--step", type=int, default=None, metavar="N")
        if name in ("test", "watch", "compare"):
            command.add_argument(
                "--impl", default="katas", help="katas (yours, default), solutions or a folder"
            )
    commands.choices["reset"].add_argument("--yes", action="store_true", help="do not ask")
    commands.choices["compare"].add_argument("--diff", action="store_true", help="per-file diff")
    team_cli.register(commands)
    for name in ("test", "watch"):
        team_cli.add_team_option(commands.choices[name])
    return top


def dispatch(app: App, args: argparse.Namespace, stop: threading.Event) -> int:
    """Run the command ``args`` names."""
    if args.command == "list":
        return catalog_views.list_katas(app)
    if args.command == "progress":
        return catalog_views.progress(app)
    kata = app.workspace.kata(args.kata)
    step = getattr(args, "step", None)
    last_step = app.workspace.last_step(kata, step)
    if args.command == "show":
        return catalog_views.show(app, kata, step)
    if args.command == "hint":
        return hinting.hint(app, kata, step)
    if args.command == "reset":
        return reset.reset(app, kata, yes=args.yes)
    if getattr(args, "team", None):
        app, impl = team_cli.for_team(app, kata, args.team, args.impl)
    else:
        impl = app.workspace.implementation(kata, args.impl, app.cwd)
    commands: dict[str, Callable[[], int]] = {
        "test": lambda: testing.test(app, kata, impl, last_step),
        "watch": lambda: watch.watch(app, kata, impl, last_step, stop),
        "compare": lambda: compare.compare(app, kata, impl, diff=args.diff),
    }
    return commands[args.command]()


def build_app(cwd: Path, console: Console, errors: Console) -> App:
    """The composition root: the real collaborators."""
    workspace = Workspace.find(cwd)
    return App(
        workspace=workspace,
        console=console,
        cwd=cwd,
        clock=lambda: datetime.now(UTC),
        progress=ProgressStore(
            workspace.state / "progress.json",
            lambda text: errors.print(f"dojo: warning: {text}", markup=False, soft_wrap=True),
        ),
        run_suite=testing.run_in_child,
        watch_changes=watch.watch_python_files,
        run_tool=compare.run_tool,
        confirm=lambda question: Confirm.ask(question, console=console, default=False),
        interactive=sys.stdin.isatty(),
    )


def run(
    argv: Sequence[str] | None,
    make_app: Callable[[], App],
    errors: Console,
    stop: threading.Event | None = None,
) -> int:
    """Parse ``argv`` and run it; a ``DojoError`` is one line on ``errors`` and status 2."""
    args = parser().parse_args(argv)
    try:
        command = team_cli.dispatch if args.command in team_cli.COMMANDS else dispatch
        return command(make_app(), args, stop or threading.Event())
    except DojoError as error:
        errors.print(f"dojo: error: {error}", markup=False, highlight=False, soft_wrap=True)
        return USAGE_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    """The ``dojo`` console script."""
    console, errors = Console(), Console(stderr=True)
    return run(argv, lambda: build_app(Path.cwd(), console, errors), errors)


if __name__ == "__main__":
    sys.exit(main())
