"""How far a ``dojo verify`` run has come: bars on a terminal, a line per check elsewhere."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.text import Text

from dojo.text import plain

if TYPE_CHECKING:
    from types import TracebackType

    from rich.console import Console
    from rich.progress import TaskID

    from dojo.verify.plan import Report


class Display:
    """Receives the child's reports; counts the cases done, for the bars and for Ctrl-C."""

    def __init__(self, console: Console, counts: dict[str, int]) -> None:
        self._console = console
        self._counts = counts
        self._done = dict.fromkeys(counts, 0)
        self._started: set[str] = set()
        self._bars: Progress | None = None
        self._tasks: dict[str, TaskID] = {}

    @property
    def done(self) -> int:
        """Cases judged so far, every check together."""
        return sum(self._done.values())

    def __enter__(self) -> Self:
        if self._console.is_terminal:
            self._bars = Progress(
                TextColumn("{task.description}", markup=False),
                BarColumn(),
                MofNCompleteColumn(),
                console=self._console,
                transient=True,
            )
            self._bars.start()
            for name, count in self._counts.items():
                self._tasks[name] = self._bars.add_task(name, total=count)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bars is not None:
            self._bars.stop()

    def update(self, report: Report) -> None:
        """Move the check's bar; say what is being made simpler."""
        if report.kind != "progress" or report.check not in self._done:
            return
        first = report.check not in self._started
        self._started.add(report.check)
        self._done[report.check] = report.done
        if self._bars is None:
            if first:
                count = self._counts[report.check]
                self._console.print(Text(f"checking {report.check}: {count:,} case(s) ..."))
            return
        doing = f" (making a case of {plain(report.doing)!r} simpler)" if report.doing else ""
        self._bars.update(
            self._tasks[report.check],
            completed=report.done,
            description=f"{report.check}{doing}",
        )
