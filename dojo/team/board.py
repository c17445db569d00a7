"""The board: every team's kata, current step, per-step tallies, last run and recent lights.

A team's current step is the first step that is not green in its best results across
runs, so a narrower run (``--step 1``) after a wider one does not move it back, and a team
with every step green is "finished". The rows come from the teams' run logs on this
machine (``read_board``) or from the session remote (``remote_board.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

import attrs
from rich.cells import cell_len
from rich.live import Live
from rich.table import Table
from rich.text import Text

from dojo.repository import Repository
from dojo.tables import cell
from dojo.team.runlog import Light, RunRecord, Warn
from dojo.team.workspace import teams
from harness.catalog import MetadataError, load_kata
from harness.results import StepResult

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rich.console import Console, ConsoleOptions, RenderResult


HISTORY = 10
COLOURS = {Light.RED: "red", Light.AMBER: "yellow", Light.GREEN: "green"}
# The facilitator guide's signal: no run for this long, go and see.
IDLE = timedelta(minutes=10)


class BoardSource(Protocol):
    """What a board shows: the rows, and one line about where they come from."""

    def rows(self) -> list[TeamRow]:
        """Every team's row, sorted by name."""
        ...

    def status(self) -> str:
        """Where the rows come from and how fresh they are; ``""`` when there is nothing to say."""
        ...


@attrs.frozen
class TeamRow:
    """What the board shows of one team."""

    team: str
    kata: str
    step: int
    step_title: str
    steps: tuple[StepResult, ...]
    light: Light | None
    history: tuple[Light, ...]
    finished: bool = False
    last_run: datetime | None = None
    idle: timedelta | None = None
    runs: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        team: str,
        katas: list[str],
        runs: list[RunRecord],
        titles: Callable[[str], tuple[str, ...] | None],
        now: datetime,
    ) -> TeamRow:
        """The row of a team from its runs, oldest first; the latest run names the kata."""
        if not runs:
            kata = ", ".join(katas) or "-"
            known = titles(katas[0]) if len(katas) == 1 else None
            return cls(team, kata, 1, known[0] if known else "", (), None, ())
        last = runs[-1]
        kata = last.kata
        same = [run for run in runs if run.kata == kata]
        known = titles(kata)
        step, finished = standing(same, len(known) if known else None)
        recent = runs[-HISTORY:]
        return cls(
            team=team,
            kata=kata,
            step=step,
            step_title=known[step - 1] if known and step <= len(known) else "",
            steps=latest_tallies(same),
            light=last.light,
            history=tuple(run.light for run in recent),
            finished=finished,
            last_run=last.time,
            idle=max(now - last.time, timedelta(0)),
            runs=tuple(run.ident for run in recent),
        )

    @property
    def where(self) -> str:
        """The step as the board writes it: ``3 Sizes``, or ``finished``."""
        return "finished" if self.finished else f"{self.step} {self.step_title}".strip()

    @property
    def last_seen(self) -> str:
        """``09:42 · idle 12 min``: the last run's time here, and how long ago it was."""
        if self.last_run is None or self.idle is None:
            return ""
        minutes = int(self.idle.total_seconds() // 60)
        ago = "just now" if minutes < 1 else f"idle {minutes} min"
        return f"{self.last_run.astimezone():%H:%M} · {ago}"

    @property
    def is_idle(self) -> bool:
        """Whether the team has not run its tests for ``IDLE``."""
        return self.idle is not None and self.idle >= IDLE

    def to_json(self) -> dict[str, Any]:
        """A plain dict for the web board."""
        return {
            "team": self.team,
            "kata": self.kata,
            "step": self.step,
            "step_title": self.step_title,
            "where": self.where,
            "finished": self.finished,
            "steps": [[s.number, s.passed, s.total] for s in self.steps],
            "light": self.light.value if self.light else None,
            "history": [light.value for light in self.history],
            "runs": list(self.runs),
            "last_seen": self.last_seen,
            "idle": self.is_idle,
        }


def standing(runs: list[RunRecord], count: int | None) -> tuple[int, bool]:
    """The current step and whether the team is finished, from its best results.

    ``count`` is the kata's number of steps, when the kata is known here; otherwise the
    steps the runs name are all there is, and "finished" cannot be told.
    """
    green = {step.number for run in runs for step in run.steps if step.green}
    seen = max((step.number for run in runs for step in run.steps), default=1)
    last = count or seen
    current = next((number for number in range(1, last + 1) if number not in green), None)
    if current is None:
        return last, count is not None
    return current, False


def latest_tallies(runs: list[RunRecord]) -> tuple[StepResult, ...]:
    """Each step as the latest run that ran its tests left it."""
    latest: dict[int, StepResult] = {}
    for run in runs:
        for step in run.steps:
            if step.total > 0:
                latest[step.number] = step
    return tuple(latest[number] for number in sorted(latest))


@attrs.define
class StepTitles:
    """The titles of a kata's steps (or of an interview's stages), read once per redraw."""

    repository: Repository
    _read: dict[str, tuple[str, ...] | None] = attrs.field(factory=dict, init=False)

    def __call__(self, label: str) -> tuple[str, ...] | None:
        """``parking_lot``'s steps, or for ``parking_lot interview`` its stages; ``None``."""
        if label not in self._read:
            self._read[label] = self._titles(label)
        return self._read[label]

    def _titles(self, label: str) -> tuple[str, ...] | None:
        name, _, interview = label.partition(" ")
        try:
            kata = load_kata(name, self.repository.root)
        except MetadataError:
            return None
        if not interview:
            return tuple(step.title for step in kata.steps)
        return tuple(stage.title for stage in kata.interview.stages) if kata.interview else None


@attrs.frozen
class LocalBoard:
    """The board of the teams with a workspace here: their run logs, read on every redraw."""

    repository: Repository
    warn: Warn
    clock: Callable[[], datetime]

    def rows(self) -> list[TeamRow]:
        """Every team's row, sorted by team name."""
        return read_board(self.repository, self.warn, self.clock())

    def status(self) -> str:
        """Nothing to say: the logs are on this disk."""
        return ""


def read_board(repository: Repository, warn: Warn, now: datetime) -> list[TeamRow]:
    """Every team's row, sorted by team name."""
    titles = StepTitles(repository)
    return [
        TeamRow.of(team.name, team.katas(), team.log(warn).read(), titles, now)
        for team in teams(repository, warn)
    ]


COLUMNS = ("team", "kata", "step", "per step", "last run", "recent runs")
# Each column wraps at spaces and folds a word longer than its width. The step column is
# never narrower than its longest word (titles read in whole words) unless the terminal is
# too narrow for every longest word; the team and kata may fold, down to FLOOR.
FOLD_FIRST = (0, 1)  # team and kata
FLOOR = 4
# With room to spare the columns grow in turn towards each of these widths (no further
# than their text), then to their full text: first a kata name whole and a time with its
# dot, then a comfortable row.
READABLE = (8, 16, 0, 0, 7, 0)
COMFORT = (14, 16, 20, 9, 12, 9)
# Each column's padding (one space each side) and the vertical lines between and around.
FRAME = 2 * len(COLUMNS) + len(COLUMNS) + 1


def render(rows: Iterable[TeamRow], status: str = "") -> BoardView:
    """The board as a rich renderable that fits the width it is drawn at; ``status`` under it."""
    return BoardView(tuple(rows), status)


@attrs.frozen
class BoardView:
    """The board's table, its column widths chosen for the width it is drawn at."""

    rows: tuple[TeamRow, ...]
    status: str = ""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The table for ``options.max_width`` columns."""
        del console
        cells = [_cells(row) for row in self.rows] or [
            [cell("no teams yet: dojo team new NAME --kata KATA"), *(Text() for _ in COLUMNS[1:])]
        ]
        widths = column_widths(cells, options.max_width - FRAME)
        table = Table(
            title="Dojo board",
            expand=True,
            caption=cell(self.status) if self.status else None,
        )
        for name, width in zip(COLUMNS, widths, strict=True):
            table.add_column(name, overflow="fold", width=width)
        for row in cells:
            table.add_row(*row)
        yield table


def column_widths(cells: list[list[Text]], room: int) -> list[int]:
    """Each column's width within ``room``: longest words, then readable, comfortable, full."""
    texts = [[Text(name), *(row[index] for row in cells)] for index, name in enumerate(COLUMNS)]
    full = [max(_longest_line(text) for text in column) for column in texts]
    words = [max(_longest_word(text) for text in column) for column in texts]
    need = [
        min(FLOOR, word) if index in FOLD_FIRST else max(word, FLOOR)
        for index, word in enumerate(words)
    ]
    widths = _squeeze(need, room)
    for goals in (READABLE, COMFORT, full):
        targets = [max(w, min(g, f)) for w, g, f in zip(widths, goals, full, strict=True)]
        widths = _fill(widths, targets, room)
    return widths


def _squeeze(widths: list[int], room: int) -> list[int]:
    """``widths``, the widest narrowed one column at a time until they fit ``room`` (or FLOOR)."""
    widths = list(widths)
    while sum(widths) > room and max(widths) > FLOOR:
        widths[widths.index(max(widths))] -= 1
    return widths


def _fill(widths: list[int], targets: list[int], room: int) -> list[int]:
    """Grow the columns towards ``targets`` in turn, a column of text at a time, within ``room``."""
    widths = list(widths)
    spare = room - sum(widths)
    while spare > 0 and widths != targets:
        for index, target in enumerate(targets):
            if spare > 0 and widths[index] < target:
                widths[index] += 1
                spare -= 1
    return widths


def _longest_line(text: Text) -> int:
    return max((cell_len(line) for line in text.plain.splitlines()), default=0)


def _longest_word(text: Text) -> int:
    return max((cell_len(word) for word in text.plain.split()), default=0)


def _cells(row: TeamRow) -> list[Text]:
    return [
        cell(row.team),
        cell(row.kata),
        _where(row),
        cell("  ".join(f"{s.number}:{s.passed}/{s.total}" for s in row.steps) or "-"),
        _last(row),
        Text(" ").join(_dot(light) for light in row.history) if row.history else Text("-"),
    ]


def _where(row: TeamRow) -> Text:
    text = cell(row.where)
    if row.finished:
        text.stylize("bold green")
    return text


def _last(row: TeamRow) -> Text:
    if row.light is None:
        return Text("no runs", style="dim")
    text = Text(row.light.value, style=f"bold {COLOURS[row.light]}")
    text.append(f"\n{row.last_seen}", style="bold yellow" if row.is_idle else "")
    return text


def _dot(light: Light) -> Text:
    return Text("●", style=COLOURS[light])


def live_board(source: BoardSource, console: Console, ticks: Iterable[object]) -> None:
    """Redraw the board on every tick until ``ticks`` ends (the caller's clock or stop event)."""
    with Live(render(source.rows(), source.status()), console=console, auto_refresh=False) as live:
        for _ in ticks:
            live.update(render(source.rows(), source.status()), refresh=True)
