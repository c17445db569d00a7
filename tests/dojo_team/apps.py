"""An in-process ``dojo`` for the team commands: its collaborators, faked where they must be."""

from __future__ import annotations

import io
import threading
from typing import TYPE_CHECKING

from rich.console import Console

from dojo.app import App
from dojo.progress import ProgressStore
from dojo.repository import Repository
from tests.dojo_team.support import FakeClock, results

if TYPE_CHECKING:
    from pathlib import Path

    from dojo.repository import Implementation
    from harness.results import RunResults


def fake_suite(
    kata: str, impl: Implementation, last_step: int, root: Path
) -> tuple[int, RunResults]:
    """Every run: step 1 green, step 2 red."""
    del kata, impl, last_step, root
    return 1, results((1, 1), (0, 1))


def team_app(root: Path, out: io.StringIO | None = None, *, interactive: bool = False) -> App:
    """The team commands' view of ``dojo`` on the repository at ``root``."""

    def unused(command: list[str], cwd: Path) -> str:
        raise AssertionError(f"the team commands run no tools: {command} in {cwd}")

    return App(
        repository=Repository(root),
        console=Console(file=out or io.StringIO(), width=120, color_system=None),
        cwd=root,
        clock=FakeClock(),
        progress=ProgressStore(root / ".dojo" / "progress.json", print),
        run_suite=fake_suite,
        watch_changes=lambda _folder, _stop: (),
        run_tool=unused,
        confirm=lambda _question: False,
        interactive=interactive,
    )


def printed(app: App) -> str:
    """What ``app`` printed."""
    output = app.console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


class Ticks(threading.Event):
    """A stop event that lets ``count`` waits time out, then says stop."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def wait(self, timeout: float | None = None) -> bool:
        """Whether to stop: not for the first ``count`` waits, which return at once."""
        del timeout
        self.count -= 1
        return self.count < 0
