"""The board: every team's kata, current step, per-step tallies and recent lights."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
from rich.live import Live
from rich.table import Table
from rich.text import Text

from dojo.tables import cell
from dojo.team.runlog import Light, RunRecord, Warn
from dojo.team.workspace import teams
from harness.catalog import MetadataError, load_kata
from harness.results import StepResult

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from rich.console import Console

    from dojo.repository import Repository

HISTORY = 10
COLOURS = {Light.RED: "red", Light.AMBER: "yellow", Light.GREEN: "green"}


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

    @classmethod
    def of(
        cls, team: str, katas: list[str], runs: list[RunRecord], repository: Repository
    ) -> TeamRow:
        """The row of a team from its run log; the latest run decides the kata and step."""
        last = runs[-1] if runs else None
        kata = last.kata if last else ", ".join(katas) or "-"
        step = last.current_step if last else 1
        return cls(
            team=team,
            kata=kata,
            step=step,
            step_title=_step_title(kata, step, repository),
            steps=last.steps if last else (),
            light=last.light if last else None,
            history=tuple(run.light for run in runs[-HISTORY:]),
        )

    def to_json(self) -> dict[str, Any]:
        """A plain dict for the web board."""
        return {
            "team": self.team,
            "kata": self.kata,
            "step": self.step,
            "step_title": self.step_title,
            "steps": [[s.number, s.passed, s.total] for s in self.steps],
            "light": self.light.value if self.light else None,
            "history": [light.value for light in self.history],
        }


def _step_title(kata: str, step: int, repository: Repository) -> str:
    try:
        return load_kata(kata, repository.root).step(step).title
    except MetadataError:
        return ""


def read_board(repository: Repository, warn: Warn) -> list[TeamRow]:
    """Every team's row, sorted by team name."""
    return [
        TeamRow.of(team.name, team.katas(), team.log(warn).read(), repository)
        for team in teams(repository)
    ]


def render(rows: Iterable[TeamRow]) -> Table:
    """The board as a rich table."""
    table = Table(title="Dojo board", expand=True)
    # At 80 columns every cell still reads in full: a long name folds rather than being cut,
    # and the step's title gets the room its longest words need.
    for column in ("team", "kata", "step", "per step", "last", "recent runs"):
        table.add_column(column, overflow="fold", min_width=14 if column == "step" else None)
    empty = True
    for row in rows:
        empty = False
        table.add_row(
            cell(row.team),
            cell(row.kata),
            cell(f"{row.step} {row.step_title}".strip()),
            cell("  ".join(f"{s.number}:{s.passed}/{s.total}" for s in row.steps) or "-"),
            _light(row.light),
            Text(" ").join(_dot(light) for light in row.history) if row.history else "-",
        )
    if empty:
        table.add_row("no teams yet: dojo team new NAME --kata KATA", "", "", "", "", "")
    return table


def _light(light: Light | None) -> Text:
    if light is None:
        return Text("no runs", style="dim")
    return Text(light.value, style=f"bold {COLOURS[light]}")


def _dot(light: Light) -> Text:
    return Text("●", style=COLOURS[light])


def live_board(
    rows: Callable[[], list[TeamRow]], console: Console, ticks: Iterable[object]
) -> None:
    """Redraw the board on every tick until ``ticks`` ends (the caller's clock or stop event)."""
    with Live(render(rows()), console=console, auto_refresh=False) as live:
        for _ in ticks:
            live.update(render(rows()), refresh=True)
