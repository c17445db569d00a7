"""What every command works with, built once in ``dojo.cli`` (the composition root)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import attrs
from rich.console import Console

from dojo import adapters
from dojo.progress import ProgressStore
from dojo.repository import Repository
from dojo.verify.runner import run_in_child

if TYPE_CHECKING:
    from collections.abc import Iterable
    from threading import Event

    from dojo.repository import Implementation
    from dojo.verify.plan import Outcome, Plan, Report
    from harness.results import RunResults


class SuiteRunner(Protocol):
    """Runs a kata's acceptance tests, steps 1..``last_step``, against an implementation."""

    def __call__(
        self, kata: str, impl: Implementation, last_step: int, root: Path
    ) -> tuple[int, RunResults]:
        """The pytest exit status and every test's outcome."""
        ...


class InterviewRunner(Protocol):
    """Runs a kata's interview suite, the core through stage ``stage``, against a design."""

    def __call__(
        self, kata: str, impl: Implementation, stage: str, root: Path
    ) -> tuple[int, RunResults]:
        """The pytest exit status and every test's outcome."""
        ...


class ChangeWatcher(Protocol):
    """Yields once per batch of saved files under ``folder``, until ``stop`` is set."""

    def __call__(self, folder: Path, stop: Event) -> Iterable[object]:
        """The batches of changes."""
        ...


class ToolRunner(Protocol):
    """Runs a command in ``cwd``; its standard output, whatever its exit status."""

    def __call__(self, command: list[str], cwd: Path) -> str:
        """The command's standard output."""
        ...


class Verifier(Protocol):
    """Runs ``dojo verify``'s plan against the real thing; each event goes to ``listen``."""

    def __call__(self, plan: Plan, root: Path, listen: Callable[[Report], None]) -> Outcome:
        """Every check's result, or why the implementation could not be checked."""
        ...


def effective_root() -> bool:
    """Whether this process runs as root (it may own files as others and become them)."""
    return os.geteuid() == 0


@attrs.frozen
class App:
    """The repository, the terminal, the clock and the process-spawning collaborators."""

    repository: Repository
    console: Console
    cwd: Path
    clock: Callable[[], datetime]
    progress: ProgressStore
    run_suite: SuiteRunner
    watch_changes: ChangeWatcher
    run_tool: ToolRunner
    confirm: Callable[[str], bool]
    interactive: bool
    run_interview: InterviewRunner = adapters.run_interview_in_child
    ask: Callable[[str], str] = input
    verify: Verifier = run_in_child
    is_root: Callable[[], bool] = effective_root
