"""The ``dojo`` command line, and its composition root.

It finds the commands, builds the collaborators once, runs the command, and turns every
refusal into one line.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from dojo import adapters, commands
from dojo.app import App
from dojo.errors import DojoError
from dojo.launch import INTERRUPTED, INTERRUPTED_LINE
from dojo.progress import ProgressStore
from dojo.registry import Registry
from dojo.repository import Repository
from dojo.text import one_line

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from dojo.registry import Parser

USAGE_ERROR = 2
# Packages of their own that bring commands; each names a module with ``register(registry)``.
PLUGINS = ("dojo.team.commands",)


def command_modules() -> list[str]:
    """Every module of ``dojo.commands``, then every plugin."""
    found = sorted(
        f"{commands.__name__}.{module.name}"
        for module in pkgutil.iter_modules(commands.__path__)
        if not module.name.startswith("_")
    )
    return [*found, *PLUGINS]


def registry() -> Registry:
    """Every command, registered by its own module."""
    registry = Registry()
    for name in command_modules():
        register: Callable[[Registry], None] = importlib.import_module(name).register
        register(registry)
    return registry


def parser() -> Parser:
    """The commands and their options."""
    return registry().parser()


def build_app(cwd: Path, console: Console, errors: Console) -> App:
    """The real collaborators, around the repository found from ``cwd``."""
    repository = Repository.find(cwd)
    return App(
        repository=repository,
        console=console,
        cwd=cwd,
        clock=lambda: datetime.now(UTC),
        progress=ProgressStore(
            repository.progress_file,
            lambda text: errors.print(
                f"dojo: warning: {one_line(text)}", markup=False, highlight=False, soft_wrap=True
            ),
        ),
        run_suite=adapters.run_in_child,
        watch_changes=adapters.watch_python_files,
        run_tool=adapters.run_tool,
        confirm=lambda question: adapters.confirm(question, console),
        interactive=sys.stdin.isatty(),
        run_interview=adapters.run_interview_in_child,
        ask=console.input,
    )


def run(
    argv: Sequence[str] | None,
    make_app: Callable[[], App],
    errors: Console,
    stop: threading.Event | None = None,
) -> int:
    """Parse ``argv`` and run it; every refusal is one line on ``errors``.

    A ``DojoError`` (a bad argument, a file that says the wrong thing, a tool that failed)
    and an ``OSError`` (a file that cannot be read or written) give status 2; Ctrl-C gives
    130, the shell's status for an interrupted command.
    """
    try:
        commands = registry()
        args = commands.parser().parse_args(argv)
        return commands.run(make_app(), args, stop or threading.Event())
    except DojoError as error:
        return _refuse(errors, str(error), USAGE_ERROR)
    except OSError as error:
        return _refuse(errors, str(error), USAGE_ERROR)
    except KeyboardInterrupt:
        return _refuse(errors, INTERRUPTED_LINE, INTERRUPTED)


def _refuse(errors: Console, message: str, status: int) -> int:
    errors.print(f"dojo: error: {one_line(message)}", markup=False, highlight=False, soft_wrap=True)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """The ``dojo`` console script."""
    console, errors = Console(), Console(stderr=True)
    return run(argv, lambda: build_app(Path.cwd(), console, errors), errors)


if __name__ == "__main__":
    sys.exit(main())
