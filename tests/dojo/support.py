"""A toy repository and an in-process ``dojo`` with fakes for pytest, the watcher and tools."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
from rich.console import Console

from dojo import cli
from dojo.adapters import run_in_child
from dojo.app import App, ChangeWatcher, SuiteRunner, ToolRunner
from dojo.progress import ProgressStore
from dojo.repository import Repository
from harness.results import RunResults
from tests.support import FakeClock

if TYPE_CHECKING:
    import threading
    from collections.abc import Iterable, Sequence

    from dojo.repository import Implementation


@attrs.frozen
class Ran:
    """What one ``dojo`` command printed and its exit status."""

    status: int
    out: str
    err: str


@attrs.define
class FakeSuite:
    """A ``SuiteRunner`` that answers from a queue of results and remembers each call."""

    results: list[tuple[int, RunResults]]
    calls: list[tuple[str, str, int]] = attrs.field(factory=list)

    def __call__(
        self, kata: str, impl: Implementation, last_step: int, root: Path
    ) -> tuple[int, RunResults]:
        """The next queued result; the last one again once the queue is down to one."""
        del root
        self.calls.append((kata, impl.label, last_step))
        return self.results.pop(0) if len(self.results) > 1 else self.results[0]


def no_changes(folder: Path, stop: threading.Event) -> Iterable[object]:
    """A ``ChangeWatcher`` that never sees a save."""
    del folder, stop
    return ()


def no_tools(command: list[str], cwd: Path) -> str:
    """A ``ToolRunner`` that must not be called."""
    raise AssertionError(f"unexpected tool run: {command} in {cwd}")


@attrs.define
class Dojo:
    """Runs ``dojo`` commands in-process against one repository."""

    root: Path
    suite: SuiteRunner = run_in_child
    changes: ChangeWatcher = no_changes
    tools: ToolRunner = no_tools
    answers: list[bool] = attrs.field(factory=list)
    interactive: bool = False
    clock: FakeClock = attrs.field(factory=FakeClock)
    warnings: list[str] = attrs.field(factory=list)
    questions: list[str] = attrs.field(factory=list)
    confirm: Callable[[str], bool] | None = None
    width: int = 200
    progress_file: Path | None = None

    def app(self, out: io.StringIO, cwd: Path | None = None) -> App:
        """The collaborators, faked where a test says so."""
        repository = Repository.find(cwd or self.root)
        return App(
            repository=repository,
            console=Console(file=out, width=self.width, color_system=None, force_terminal=False),
            cwd=cwd or self.root,
            clock=self.clock,
            progress=ProgressStore(
                self.progress_file or repository.progress_file, self.warnings.append
            ),
            run_suite=self.suite,
            watch_changes=self.changes,
            run_tool=self.tools,
            confirm=self.confirm or self._answer,
            interactive=self.interactive,
        )

    def __call__(
        self, *argv: str, cwd: Path | None = None, stop: threading.Event | None = None
    ) -> Ran:
        """Run ``dojo ARGV``."""
        out, err = io.StringIO(), io.StringIO()
        errors = Console(file=err, width=200, color_system=None, force_terminal=False)
        status = cli.run(list(argv), lambda: self.app(out, cwd), errors, stop)
        return Ran(status, out.getvalue(), err.getvalue())

    def _answer(self, question: str) -> bool:
        self.questions.append(question)
        return self.answers.pop(0)


def read_table(output: str, columns: Sequence[str]) -> list[list[str]]:
    """The rows of the table in ``output`` whose header names ``columns``, in order.

    Each cell's wrapped lines are joined with spaces; the table ends at a blank line.
    """
    lines = output.splitlines()
    header_at = next(
        index
        for index, line in enumerate(lines)
        if all(f" {column}" in f" {line}" for column in columns)
    )
    header, starts = lines[header_at], list[int]()
    for column in columns:
        starts.append(header.index(column, starts[-1] + 1 if starts else 0))
    rows: list[list[str]] = []
    for line in lines[header_at + 2 :]:
        if not line.strip():
            break
        cells = [
            line[start:end].strip()
            for start, end in zip(starts, [*starts[1:], len(line)], strict=True)
        ]
        if cells[0] or not rows:
            rows.append(cells)
        else:
            rows[-1] = [f"{old} {new}".strip() for old, new in zip(rows[-1], cells, strict=True)]
    return rows
