"""The board: a row per team from its runs, drawn with rich, redrawn on every tick."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rich.console import Console

from dojo.repository import Repository
from dojo.team.board import (
    HISTORY,
    LocalBoard,
    StepTitles,
    TeamRow,
    latest_tallies,
    live_board,
    read_board,
    render,
    standing,
)
from dojo.team.runlog import Light, RunRecord
from dojo.team.workspace import MAX_NAME, TeamWorkspace, is_team_name
from harness.results import StepResult
from tests.dojo_team.support import START, FakeClock, Warnings, record
from tests.harness.toy import INTERVIEW_TOML, ToyRepo

if TYPE_CHECKING:
    from collections.abc import Iterator


def _text(renderable: object, width: int = 120) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(renderable)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def _row(toy: ToyRepo, runs: list[RunRecord], now: datetime = START) -> TeamRow:
    return TeamRow.of("red", ["toy"], runs, StepTitles(Repository(toy.root)), now)


def _at(minutes: int, light: Light, *steps: tuple[int, int]) -> RunRecord:
    run = record(light, *steps)
    return RunRecord(START + timedelta(minutes=minutes), run.kata, run.steps, run.light)


@pytest.fixture
def local_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The board's machine in Paris: times are shown in its own zone."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_team_row_follows_its_latest_run(toy: ToyRepo) -> None:
    runs = [record(Light.AMBER), record(Light.RED, (1, 1), (0, 1))]

    row = _row(toy, runs)

    assert (row.kata, row.step, row.step_title, row.finished) == ("toy", 2, "Greet", False)
    assert row.steps == (StepResult(1, 1, 1), StepResult(2, 0, 1))
    assert row.light is Light.RED
    assert row.history == (Light.AMBER, Light.RED)
    assert row.runs == tuple(run.ident for run in runs)


def test_a_green_narrower_run_moves_the_team_on_to_the_next_step(toy: ToyRepo) -> None:
    runs = [record(Light.RED, (0, 1), (0, 1)), record(Light.GREEN, (1, 1))]

    row = _row(toy, runs)

    assert (row.step, row.step_title) == (2, "Greet")


def test_a_narrower_run_after_a_wider_one_does_not_move_the_team_back(toy: ToyRepo) -> None:
    runs = [record(Light.RED, (1, 1), (0, 1)), record(Light.RED, (0, 1))]

    row = _row(toy, runs)

    assert row.step == 2
    assert row.steps == (StepResult(1, 0, 1), StepResult(2, 0, 1))


def test_a_team_with_every_step_green_is_finished(toy: ToyRepo) -> None:
    runs = [record(Light.GREEN, (1, 1)), record(Light.RED, (0, 1), (1, 1))]

    row = _row(toy, runs)

    assert row.finished
    assert row.where == "finished"
    assert "finished" in _text(render([row]))


def test_amber_runs_leave_the_tallies_of_the_last_run_that_ran_tests(toy: ToyRepo) -> None:
    runs = [record(Light.RED, (1, 2), (0, 1)), record(Light.AMBER, (0, 0), (0, 0))]

    assert latest_tallies(runs) == (StepResult(1, 1, 2), StepResult(2, 0, 1))
    assert _row(toy, runs).light is Light.AMBER


@pytest.mark.parametrize(
    ("steps", "count", "expected"),
    [
        pytest.param([], 2, (1, False), id="no runs: step 1"),
        pytest.param([(1, 1)], 2, (2, False), id="step 1 green: step 2"),
        pytest.param([(1, 1), (1, 1)], 2, (2, True), id="all green: finished on the last"),
        pytest.param([(1, 1), (1, 1)], None, (2, False), id="an unknown kata is never finished"),
        pytest.param([(0, 1), (1, 1)], None, (1, False), id="an unknown kata: first not green"),
    ],
)
def test_standing_reads_the_best_results(
    steps: list[tuple[int, int]], count: int | None, expected: tuple[int, bool]
) -> None:
    runs = [record(Light.RED, *steps)] if steps else []

    assert standing(runs, count) == expected


def test_the_last_run_shows_its_time_here_and_how_long_ago(toy: ToyRepo, local_time: None) -> None:
    del local_time
    runs = [_at(0, Light.RED, (0, 1)), _at(3, Light.GREEN, (1, 1))]

    row = _row(toy, runs, now=START + timedelta(minutes=15, seconds=30))

    assert row.last_run == START + timedelta(minutes=3)
    assert row.idle == timedelta(minutes=12, seconds=30)
    assert row.last_seen == "09:03 · idle 12 min"
    assert row.is_idle
    assert "09:03 · idle 12 min" in _text(render([row]))


def test_a_run_under_a_minute_ago_is_just_now_and_a_clock_ahead_is_not_idle(
    toy: ToyRepo,
) -> None:
    assert _row(toy, [_at(0, Light.RED)], now=START + timedelta(seconds=59)).last_seen.endswith(
        "just now"
    )
    ahead = _row(toy, [_at(5, Light.RED)], now=START)
    assert ahead.idle == timedelta(0)
    assert not ahead.is_idle


def test_an_interview_round_shows_the_title_of_its_stage(toy: ToyRepo) -> None:
    kata_toml = toy.root / "katas" / "toy" / "kata.toml"
    kata_toml.write_text(kata_toml.read_text() + INTERVIEW_TOML)
    run = record(Light.GREEN, (1, 1), kata="toy interview")

    row = _row(toy, [run])

    assert (row.kata, row.step, row.step_title) == ("toy interview", 2, "Greetings")


def test_a_team_without_runs_is_on_step_one_with_no_light(toy: ToyRepo) -> None:
    row = _row(toy, [])

    assert (row.kata, row.step, row.step_title, row.light) == ("toy", 1, "Double", None)
    assert row.steps == ()
    assert row.history == ()
    assert row.last_seen == ""


def test_a_kata_without_metadata_shows_its_step_number_only(tmp_path: Path) -> None:
    titles = StepTitles(Repository(tmp_path))

    row = TeamRow.of("red", [], [record(Light.RED, kata="gone")], titles, START)

    assert (row.kata, row.step, row.step_title) == ("gone", 1, "")
    assert TeamRow.of("blue", [], [], titles, START).kata == "-"


def test_history_keeps_the_most_recent_runs_only(toy: ToyRepo) -> None:
    runs = [record(Light.AMBER)] + [record(Light.GREEN, (1, 1))] * HISTORY

    row = _row(toy, runs)

    assert row.history == (Light.GREEN,) * HISTORY


def test_the_board_reads_every_team_log(toy: ToyRepo) -> None:
    warnings = Warnings()
    for name in ("red", "blue"):
        TeamWorkspace(Repository(toy.root), name).create("toy")
    TeamWorkspace(Repository(toy.root), "red").log(warnings).append(
        record(Light.GREEN, (1, 1), (1, 1))
    )

    rows = LocalBoard(Repository(toy.root), warnings, FakeClock(START)).rows()

    assert [(row.team, row.light) for row in rows] == [("blue", None), ("red", Light.GREEN)]
    assert LocalBoard(Repository(toy.root), warnings, FakeClock(START)).status() == ""
    assert warnings.seen == []


def test_a_bad_line_in_one_team_log_costs_that_line_only(toy: ToyRepo) -> None:
    warnings = Warnings()
    for name in ("red", "blue"):
        team = TeamWorkspace(Repository(toy.root), name)
        team.create("toy")
        team.log(warnings).append(record(Light.RED, (0, 1)))
    red = TeamWorkspace(Repository(toy.root), "red").log(warnings)
    with red.path.open("a") as log:
        log.write('{"time": "2026-03-02T08:00:00+00:00", "kata": "toy", "steps": [[1, 1e999, 1]],')
        log.write(' "light": "red"}\n')
    red.append(record(Light.GREEN, (1, 1)))

    rows = read_board(Repository(toy.root), warnings, START)

    assert [(row.team, row.history) for row in rows] == [
        ("blue", (Light.RED,)),
        ("red", (Light.RED, Light.GREEN)),
    ]
    assert len(warnings.seen) == 1
    assert warnings.seen[0].startswith("team red: ")
    assert "line 2" in warnings.seen[0]


def test_a_workspaces_folder_that_cannot_be_listed_is_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "workspaces").mkdir()
    listed = Path.iterdir

    def refused(path: Path) -> object:
        if path == tmp_path / "workspaces":
            raise PermissionError(13, "Permission denied")
        return listed(path)

    monkeypatch.setattr(Path, "iterdir", refused)
    warnings = Warnings()

    rows = read_board(Repository(tmp_path), warnings, START)

    assert rows == []
    assert len(warnings.seen) == 1
    assert "cannot be listed (Permission denied)" in warnings.seen[0]


def test_the_rendered_board_shows_steps_tallies_and_lights(toy: ToyRepo) -> None:
    runs = [record(Light.AMBER), record(Light.RED, (1, 1), (0, 2))]
    rows = [
        _row(toy, runs),
        TeamRow.of("blue", ["toy"], [], StepTitles(Repository(toy.root)), START),
    ]

    text = _text(render(rows, "fetched from /srv/dojo.git at 09:00:00"))

    assert "red" in text
    assert "2 Greet" in text
    assert "1:1/1  2:0/2" in text
    assert "● ●" in text
    assert "no runs" in text
    assert "fetched from /srv/dojo.git at 09:00:00" in text


def test_text_from_runs_and_kata_titles_prints_as_it_reads(toy: ToyRepo) -> None:
    kata_toml = toy.root / "katas" / "toy" / "kata.toml"
    kata_toml.write_text(
        kata_toml.read_text().replace(
            '"Greet"', '"[/x] list[int] [link=https://x.invalid]y[/link] \\u001b]0;x\\u0007"'
        )
    )
    console = Console(file=io.StringIO(), width=200, color_system="truecolor")

    console.print(render([_row(toy, [record(Light.RED, (1, 1), (0, 1))])], "[bold]x\x1b[2J"))
    text = _text(render([_row(toy, [record(Light.RED, (1, 1), (0, 1))])], "[bold]x\x1b[2J"), 200)

    assert "[/x] list[int] [link=https://x.invalid]y[/link] ]0;x" in text
    assert isinstance(console.file, io.StringIO)
    assert "\x1b]8;" not in console.file.getvalue()  # no hyperlink escape was written
    assert "[bold]x[2J" in text
    assert "\x1b" not in text
    assert "\x07" not in text


def test_the_row_as_json_names_lights_by_colour(toy: ToyRepo) -> None:
    run = record(Light.GREEN, (1, 1))

    assert _row(toy, [run]).to_json() == {
        "team": "red",
        "kata": "toy",
        "step": 2,
        "step_title": "Greet",
        "where": "2 Greet",
        "finished": False,
        "steps": [[1, 1, 1]],
        "light": "green",
        "history": ["green"],
        "runs": [run.ident],
        "last_seen": f"{START.astimezone():%H:%M} · just now",
        "idle": False,
    }
    assert _row(toy, []).to_json()["light"] is None


def test_a_run_is_named_by_its_time_in_utc() -> None:
    moment = datetime(2026, 3, 2, 9, 30, 1, 5, tzinfo=UTC)

    run = RunRecord(moment, "toy", (), Light.RED)

    assert run.ident == "run-20260302T093001000005Z"


def test_an_empty_board_says_how_to_add_a_team() -> None:
    assert "dojo team new NAME --kata KATA" in _text(render([]))


class _Rows:
    def __init__(self) -> None:
        self.reads = 0

    def rows(self) -> list[TeamRow]:
        self.reads += 1
        light = Light.GREEN if self.reads > 2 else Light.RED
        return [TeamRow("red", "toy", 1, "", (), light, (light,))]

    def status(self) -> str:
        return f"read {self.reads} times"


def test_the_live_board_redraws_once_per_tick_with_fresh_rows() -> None:
    source = _Rows()
    console = Console(file=io.StringIO(), width=100, color_system=None, force_terminal=True)

    live_board(source, console, ticks=range(3))

    assert source.reads == 4
    output = console.file
    assert isinstance(output, io.StringIO)
    assert "green" in output.getvalue()
    assert "read 4 times" in output.getvalue()


REPO = Path(__file__).resolve().parents[2]
EDGES = "┏┃┡│└┓┩┘"


def _longest_row() -> TeamRow:
    """A row of the longest team name, kata label and step title of this repository's katas."""
    katas = Repository(REPO).katas()
    team = ("a-team-name-of-the-longest-length-allowed" * 2)[:MAX_NAME]
    assert is_team_name(team)
    label = max((f"{kata.name} interview" for kata in katas if kata.interview), key=len)
    title = max((step.title for kata in katas for step in kata.steps), key=len)
    steps = tuple(StepResult(number, 123, 456) for number in range(1, 8))
    return TeamRow(
        team,
        label,
        6,
        title,
        steps,
        Light.AMBER,
        (Light.AMBER,) * HISTORY,
        last_run=START,
        idle=timedelta(minutes=125),
    )


@pytest.mark.parametrize("width", range(60, 201, 5), ids=lambda width: f"{width} columns")
def test_every_row_fits_every_width_in_whole_words(width: int) -> None:
    row = _longest_row()
    status = "fetched from ssh://facilitator.example/srv/dojo/session.git at 09:42:10"

    text = _text(render([row, row], status), width)

    lines = text.splitlines()
    table = [line for line in lines if line and line[0] in EDGES]
    assert max(len(line) for line in lines) <= width
    assert [line for line in table if line[-1] not in EDGES] == []
    assert "…" not in text
    cells = [[cell.strip() for cell in line.split("│")[1:-1]] for line in table if line[0] == "│"]
    first = cells[: len(cells) // 2]
    assert "".join(cell[0] for cell in first) == row.team
    assert " ".join(cell[2] for cell in first if cell[2]).split() == row.where.split()
    assert (
        " ".join(cell[4] for cell in first if cell[4]).split() == f"amber {row.last_seen}".split()
    )
    assert sum(cell[5].count("●") for cell in first) == HISTORY


def test_below_sixty_columns_the_board_folds_words_but_keeps_its_edges() -> None:
    row = _longest_row()

    text = _text(render([row]), 45)

    table = [line for line in text.splitlines() if line and line[0] in EDGES]
    assert [line for line in table if len(line) > 45 or line[-1] not in EDGES] == []
    cells = [[cell.strip() for cell in line.split("│")[1:-1]] for line in table if line[0] == "│"]
    assert "".join(cell[0] for cell in cells) == row.team
    assert "".join(cell[2] for cell in cells).replace(" ", "") == row.where.replace(" ", "")
