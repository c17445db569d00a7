"""The ``dojo`` console script: a Ctrl-C while ``dojo`` is still starting is one line too.

Importing the command line and its commands takes a moment; this module imports nothing
heavy, so the interrupt that lands during that moment is caught here, not shown as a
traceback.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

INTERRUPTED = 130  # the shell's status for a command stopped by Ctrl-C
# The commands whose first act is a run of the step tests.
RUNS_TESTS = ("test", "watch")
INTERRUPTED_LINE = "interrupted (Ctrl-C); nothing more was done"


def main(argv: Sequence[str] | None = None) -> int:
    """Import the command line, then run it; Ctrl-C at any point is one line, status 130."""
    try:
        _start_pytest_early(sys.argv[1:] if argv is None else list(argv))
        cli = importlib.import_module("dojo.cli")
        status: int = cli.main(argv)
    except KeyboardInterrupt:
        sys.stderr.write(f"dojo: error: {INTERRUPTED_LINE}\n")
        return INTERRUPTED
    return status


def _start_pytest_early(argv: list[str]) -> None:
    """For a command that runs tests, start the warm pytest before the commands load.

    Its imports then go on beside dojo's own, on another core; a command that turns out
    not to run (a bad argument) ends it at exit.
    """
    if not argv or argv[0] not in RUNS_TESTS or {"-h", "--help"} & set(argv):
        return
    from dojo.errors import NotARepositoryError  # noqa: PLC0415
    from dojo.repository import Repository  # noqa: PLC0415
    from harness import warm  # noqa: PLC0415 - only the commands that run tests pay for these
    from harness.runner import child_env  # noqa: PLC0415

    try:
        root = Repository.find(Path.cwd()).root
    except (NotARepositoryError, OSError):
        return  # the command says so itself, in one line
    warm.SHARED.start(root, child_env(root, warm.CHILD_ENV))
