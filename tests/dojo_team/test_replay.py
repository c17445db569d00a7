"""Replay: a team's runs one by one, each with its light, steps, time and the code's diff."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from rich.console import Console

from dojo.repository import Repository
from dojo.team.board import StepTitles
from dojo.team.commands import replay as replay_command
from dojo.team.git import Git
from dojo.team.history import Diff, RunHistory, branch
from dojo.team.replay import (
    KEYS,
    Replay,
    Window,
    after,
    diff_text,
    print_runs,
    step_through,
    view,
)
from dojo.team.runlog import Light, RunRecord
from dojo.team.store import RunStore
from tests.dojo.support import Dojo
from tests.dojo_team.support import START, Warnings, record

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import TracebackType

    from tests.harness.toy import ToyRepo


def _console() -> Console:
    return Console(file=io.StringIO(), width=100, color_system=None)


def _printed(console: Console) -> str:
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def _replay(toy: ToyRepo) -> Replay:
    """Three runs of team red in the toy's own store: red, red four minutes on, green."""
    runs = RunStore(Git(toy.root / ".dojo" / "runs.git"))
    code = toy.root / "workspaces" / "red" / "toy"
    code.mkdir(parents=True)
    (code / "__init__.py").write_text("def double(n):\n    raise NotImplementedError\n")
    runs.record("red", code.parent, None, START)
    for minutes, light, body in (
        (0, Light.RED, "    raise NotImplementedError\n"),
        (4, Light.RED, "    raise NotImplementedError\n"),
        (5, Light.GREEN, "    return n * 2\x1b[2J\n"),
    ):
        (code / "__init__.py").write_text("def double(n):\n" + body)
        run = RunRecord(
            START + timedelta(minutes=minutes), "toy", record(light, (1, 1)).steps, light
        )
        runs.record("red", code.parent, run, run.time)
    history = RunHistory(runs.git)
    found = history.runs(branch("red"), "red", Warnings())
    return Replay("red", tuple(found), history, StepTitles(Repository(toy.root)))


@pytest.mark.parametrize(
    ("span", "text"),
    [
        (None, "the first run"),
        (timedelta(seconds=42), "42 s after the run before"),
        (timedelta(minutes=3, seconds=59), "3 min after the run before"),
        (timedelta(seconds=-5), "0 s after the run before"),
    ],
)
def test_the_gap_between_runs_reads_as_a_debrief_says_it(span: timedelta | None, text: str) -> None:
    assert after(span) == text


def test_a_run_shows_its_time_light_steps_and_diff(toy: ToyRepo) -> None:
    replay, console = _replay(toy), _console()

    console.print(view(replay, 2))

    text = _printed(console)
    assert "team red · run 3 of 3" in text
    assert (
        f"{(START + timedelta(minutes=5)).astimezone():%H:%M:%S} (1 min after the run before)"
        in text
    )
    assert "· green · toy" in text
    assert "step 1  Double  1/1 done" in text
    assert "-    raise NotImplementedError" in text
    assert "+    return n * 2[2J" in text
    assert "\x1b" not in text


def test_a_run_without_a_change_says_so(toy: ToyRepo) -> None:
    replay, console = _replay(toy), _console()

    console.print(view(replay, 1))

    assert "no change to the code since the run before" in _printed(console)


def test_the_first_run_diffs_against_the_code_the_team_joined_with(toy: ToyRepo) -> None:
    replay, console = _replay(toy), _console()

    console.print(view(replay, 0))

    assert "no change to the code since the team joined" in _printed(console)
    assert "the run before" not in _printed(console)


def _long_replay(toy: ToyRepo, lines: int) -> Replay:
    """Team red's one run, whose diff adds ``lines`` long lines to its code."""
    runs = RunStore(Git(toy.root / ".dojo" / "runs.git"))
    code = toy.root / "workspaces" / "red" / "toy"
    code.mkdir(parents=True)
    runs.record("red", code.parent, None, START)
    (code / "__init__.py").write_text("".join(f"line_{n} = {'x' * 150!r}\n" for n in range(lines)))
    runs.record("red", code.parent, record(Light.RED, (0, 1)), START)
    history = RunHistory(runs.git)
    found = history.runs(branch("red"), "red", Warnings())
    return Replay("red", tuple(found), history, StepTitles(Repository(toy.root)))


def test_in_a_terminal_a_long_diff_pages_under_a_heading_that_stays(toy: ToyRepo) -> None:
    replay = _long_replay(toy, 40)
    console = Console(file=io.StringIO(), width=80, height=24, color_system=None)
    pressed = _keys("d", "d", "d", "u", "q")

    step_through(replay, console, lambda: next(pressed))

    frames = [frame for frame in _printed(console).split(KEYS) if frame.strip()]
    assert len(frames) == 5
    for frame in frames:
        assert "team red · run 1 of 1" in frame
        assert "step 1  Double  0/1" in frame
        # With the keys' line and the cursor's row, it fits the 24 rows.
        assert len(frame.strip("\n").splitlines()) <= 24 - 2
        assert all(len(line) <= 80 for line in frame.splitlines())
    # 6 lines of diff header, then the 40 lines: 46 in all, 16 rows a page.
    pages = [next(line for line in frame.splitlines() if "lines " in line) for frame in frames]
    assert [page.split("│")[1].strip() for page in pages] == [
        "lines 1-16 of 46 · d: down",
        "lines 17-32 of 46 · d: down · u: up",
        "lines 31-46 of 46 · u: up",
        "lines 31-46 of 46 · u: up",
        "lines 15-30 of 46 · d: down · u: up",
    ]
    assert "line_0 = 'xxx" in frames[0]
    assert "line_39 = 'xxx" in frames[2]


def test_a_window_keeps_to_the_diff_and_leaves_it_three_rows_at_least(toy: ToyRepo) -> None:
    replay = _long_replay(toy, 40)

    assert Window.of(replay, 0, 24, -5) == Window(0, 16)
    assert Window.of(replay, 0, 24, 99) == Window(30, 16)
    assert Window.of(replay, 0, 4, 0) == Window(0, 3)
    console = _console()
    console.print(diff_text(Diff(("+a", "+b"), cut=True), window=Window(0, 5)))
    assert "... the diff goes on: shown in part" in _printed(console)


def test_a_cut_diff_says_it_goes_on() -> None:
    console = _console()

    console.print(diff_text(Diff(("+one",), cut=True)))

    assert "... the diff goes on: shown in part" in _printed(console)


def test_printed_runs_come_one_after_the_other_or_one_alone(toy: ToyRepo) -> None:
    replay, every, one = _replay(toy), _console(), _console()

    print_runs(replay, every)
    print_runs(replay, one, only=1)

    assert [f"run {n} of 3" in _printed(every) for n in (1, 2, 3)] == [True, True, True]
    assert "run 2 of 3" in _printed(one)
    assert "run 1 of 3" not in _printed(one)


def _keys(*pressed: str | None) -> Iterator[str | None]:
    yield from pressed


def test_stepping_moves_with_the_keys_and_stops_at_either_end(toy: ToyRepo) -> None:
    replay, console = _replay(toy), _console()
    pressed = _keys("x", None, "n", " ", "n", "p", "b", "b", "q")

    step_through(replay, console, lambda: next(pressed))

    shown = [
        line.split("run ")[1][:1] for line in _printed(console).splitlines() if "· run " in line
    ]
    assert shown == ["1", "2", "3", "3", "2", "1", "1"]


class _Keys:
    """Stands in for ``TerminalKeys``: keys from a script, Ctrl-C for ``^C``."""

    def __init__(self, *script: str) -> None:
        self.script = list(script)
        self.opened = 0

    def __call__(self, fd: int, interval: timedelta) -> _Keys:
        assert (fd, interval > timedelta(0)) == (0, True)
        return self

    def __enter__(self) -> object:
        self.opened += 1

        def key() -> str:
            pressed = self.script.pop(0)
            if pressed == "^C":
                raise KeyboardInterrupt
            return pressed

        return key

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.opened -= 1


@pytest.mark.parametrize("last", ["q", "^C"])
def test_in_a_terminal_replay_starts_at_the_run_asked_and_steps_until_q_or_ctrl_c(
    toy: ToyRepo, monkeypatch: pytest.MonkeyPatch, last: str
) -> None:
    _replay(toy)
    keys = _Keys("n", last)
    monkeypatch.setattr(replay_command, "TerminalKeys", keys)

    ran = Dojo(toy.root, interactive=True, width=100)("replay", "red", "--run", "2")

    assert ran.status == 0, ran
    assert "run 2 of 3" in ran.out
    assert "run 3 of 3" in ran.out
    assert "run 1 of 3" not in ran.out
    assert keys.opened == 0
    assert keys.script == []


def test_the_run_numbers_count_the_runs_not_the_start_of_the_branch(toy: ToyRepo) -> None:
    replay = _replay(toy)

    assert len(replay.runs) == 3
    assert replay.since(0) is None
    assert replay.since(1) == timedelta(minutes=4)
    assert replay.step_title(0, 1) == "Double"
    assert replay.step_title(0, 9) == ""
