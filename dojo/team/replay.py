"""``dojo replay``: a team's runs one by one, for the debrief.

For each run: its light, the tests per step, its time (and how long after the run before),
and the diff of the team's code since the run before. The runs are the commits of the
team's branch, in this clone's ``.dojo/runs.git`` or in the board's copy of the session
remote; the web board shows the same view as a page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from dojo.tables import cell
from dojo.team.board import COLOURS, StepTitles
from dojo.team.history import Diff, RecordedRun, RunHistory
from dojo.text import plain

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import timedelta

    from rich.console import Console, RenderableType


# What moves through the runs: next, previous, down and up the diff, quit.
NEXT, BACK, QUIT = frozenset("n \r\nj"), frozenset("pbk"), frozenset("q")
DOWN, UP = frozenset("d"), frozenset("u")
KEYS = "n or space: next run · p: previous · d, u: down, up the diff · q: quit"
# The rows of a run's view that are not its steps nor its diff: the panel's two borders,
# the heading, the blank line, the line under the diff, the keys under the panel, and the
# row the cursor then waits on.
FRAME_ROWS = 7
DIFF_STYLES = (("+++", "bold"), ("---", "bold"), ("+", "green"), ("-", "red"), ("@@", "cyan"))


@attrs.define
class Replay:
    """One team's runs, oldest first, with their diffs read when first asked for."""

    team: str
    runs: tuple[RecordedRun, ...]
    history: RunHistory
    titles: StepTitles
    _diffs: dict[int, Diff] = attrs.field(factory=dict, init=False)

    def diff(self, index: int) -> Diff:
        """The code's changes from the run before run ``index`` (0-based) to it."""
        if index not in self._diffs:
            self._diffs[index] = self.history.diff(self.runs[index])
        return self._diffs[index]

    def since(self, index: int) -> timedelta | None:
        """How long after the run before run ``index`` came; ``None`` for the first."""
        if index == 0:
            return None
        return self.runs[index].record.time - self.runs[index - 1].record.time

    @staticmethod
    def base(index: int) -> str:
        """What run ``index``'s diff starts from: the run before, or the team's start."""
        return "the team joined" if index == 0 else "the run before"

    def step_title(self, index: int, number: int) -> str:
        """The title of step ``number`` of run ``index``'s kata, or ``""``."""
        titles = self.titles(self.runs[index].record.kata)
        return titles[number - 1] if titles and number <= len(titles) else ""


def after(span: timedelta | None) -> str:
    """``3 min after the run before``: how a debrief reads the gap between two runs."""
    if span is None:
        return "the first run"
    seconds = max(int(span.total_seconds()), 0)
    if seconds < 60:
        return f"{seconds} s after the run before"
    return f"{seconds // 60} min after the run before"


@attrs.frozen
class Window:
    """The part of a diff that fits the terminal: ``rows`` lines from line ``first``."""

    first: int
    rows: int

    @classmethod
    def of(cls, replay: Replay, index: int, height: int, first: int) -> Window:
        """What fits a terminal ``height`` rows high of run ``index``, from line ``first``.

        The heading and the steps always show; the diff gets the rows left (at least 3),
        and ``first`` is kept within the diff.
        """
        rows = max(height - FRAME_ROWS - len(replay.runs[index].record.steps), 3)
        last_first = max(len(replay.diff(index).lines) - rows, 0)
        return cls(min(max(first, 0), last_first), rows)


def view(replay: Replay, index: int, window: Window | None = None) -> RenderableType:
    """Run ``index`` (0-based) in a panel: time, light, kata, steps, then the diff.

    With a ``window``, the diff's lines in it only, each cut to the width, so that the
    whole view fits a terminal: its heading never scrolls away.
    """
    run = replay.runs[index].record
    heading = Text(f"{run.time.astimezone():%H:%M:%S} ({after(replay.since(index))}) · ")
    heading.append(run.light.value, style=f"bold {COLOURS[run.light]}")
    heading.append_text(Text(" · ") + cell(run.kata))
    steps = Table.grid(padding=(0, 2))
    for step in run.steps:
        tally = f"{step.passed}/{step.total}" + (" done" if step.green else "")
        steps.add_row(f"step {step.number}", cell(replay.step_title(index, step.number)), tally)
    title = Text(f"team {replay.team} · run {index + 1} of {len(replay.runs)}")
    diff = diff_text(replay.diff(index), replay.base(index), window)
    return Panel(Group(heading, steps, Text(""), diff), title=title)


def diff_text(diff: Diff, since: str = "the run before", window: Window | None = None) -> Text:
    """The diff, one colour per kind of line, its text untouched by markup or escapes.

    With a ``window``, its lines only, each on one row, and a line saying which they are.
    """
    if diff.empty:
        return Text(f"no change to the code since {since}", style="dim")
    first, rows = (window.first, window.rows) if window else (0, len(diff.lines))
    shown = diff.lines[first : first + rows]
    text = Text(no_wrap=window is not None, overflow="ellipsis")
    for line in shown:
        style = next((style for start, style in DIFF_STYLES if line.startswith(start)), "")
        text.append(plain(line).expandtabs(4) + "\n", style=style)
    if len(shown) < len(diff.lines):
        last = first + len(shown)
        more = " · d: down" if last < len(diff.lines) else ""
        back = " · u: up" if first > 0 else ""
        text.append(f"lines {first + 1}-{last} of {len(diff.lines)}{more}{back}\n", style="dim")
    elif diff.cut:
        text.append("... the diff goes on: shown in part\n", style="dim")
    text.right_crop(1)  # the last line's newline: no blank row before the panel's border
    return text


def print_runs(replay: Replay, console: Console, only: int | None = None) -> None:
    """Every run one after the other (or run ``only``), for a pipe or a log."""
    for index in range(len(replay.runs)) if only is None else [only]:
        console.print(view(replay, index))


def step_through(
    replay: Replay, console: Console, keys: Callable[[], str | None], start: int = 0
) -> None:
    """One run at a time, fitted to the terminal, moving with ``keys`` until ``q``.

    ``n`` and ``p`` move through the runs, ``d`` and ``u`` through a diff longer than the
    terminal, a page at a time.
    """
    index, first = start, 0
    while True:
        window = Window.of(replay, index, console.size.height, first)
        console.clear()
        console.print(view(replay, index, window))
        console.print(Text(KEYS, style="dim"), no_wrap=True, overflow="ellipsis")
        key = None
        while key is None or key not in NEXT | BACK | DOWN | UP | QUIT:
            key = keys()
        if key in QUIT:
            return
        if key in DOWN | UP:
            first = window.first + (window.rows if key in DOWN else -window.rows)
            continue
        index = min(index + 1, len(replay.runs) - 1) if key in NEXT else max(index - 1, 0)
        first = 0
