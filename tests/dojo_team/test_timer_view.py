"""The timer in a terminal: keys drive it, the bell rings at rotation, the bar counts down."""

import io
import os
import termios
from collections.abc import Iterator
from datetime import timedelta

import pytest
from rich.console import Console
from rich.live import Live

from dojo.team.timer import BreakEnded, BreakStarted, Phase, Rotated, RotationTimer, TimerSettings
from dojo.team.timer_view import TerminalKeys, clock_text, describe, run_timer, view
from tests.dojo_team.support import START, FakeClock


def _timer(every: int = 0) -> RotationTimer:
    people = ("Ana", "Ben", "Chen")
    return RotationTimer(TimerSettings(people, timedelta(minutes=7), every), START)


def _console() -> Console:
    return Console(file=io.StringIO(), width=80, color_system=None, force_terminal=True)


def _output(console: Console) -> str:
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


def _script(clock: FakeClock, steps: list[tuple[int, str | None]]) -> Iterator[str | None]:
    """Each step waits some seconds of fake time, then presses a key (or none)."""
    for seconds, key in steps:
        clock.advance(timedelta(seconds=seconds))
        yield key
    yield "q"


@pytest.mark.parametrize(
    ("span", "text"),
    [(timedelta(0), "0:00"), (timedelta(seconds=0.2), "0:01"), (timedelta(minutes=7), "7:00")],
)
def test_the_countdown_rounds_up_to_whole_seconds(span: timedelta, text: str) -> None:
    assert clock_text(span) == text


def test_the_view_shows_roles_time_left_and_state() -> None:
    timer = _timer()
    timer.toggle_pause(START + timedelta(minutes=2))
    console = _console()

    console.print(view(timer, START + timedelta(minutes=3)))

    text = _output(console)
    assert "Driver Ana   Navigator Ben" in text
    assert "5:00 left · rotation 0 · paused" in text
    assert "p pause/resume" in text


def test_the_view_of_a_break_says_who_drives_next() -> None:
    timer = _timer(every=1)
    timer.tick(START + timedelta(minutes=7))
    console = _console()

    console.print(view(timer, START + timedelta(minutes=7)))

    assert "Break · Ben drives next" in _output(console)


@pytest.mark.parametrize(
    ("event", "text"),
    [
        (Rotated("Ben", "Chen"), "[bold]Ben[/] drives, Chen navigates"),
        (Rotated("Ben", "Chen", "Ana"), "Ana skipped; [bold]Ben[/] drives"),
        (BreakStarted(timedelta(minutes=5)), "[bold cyan]Break[/] for 5:00"),
        (BreakEnded("Chen"), "Break over: [bold]Chen[/] drives"),
    ],
)
def test_each_event_is_one_line(event: Rotated | BreakStarted | BreakEnded, text: str) -> None:
    assert text in describe(event)


def test_the_loop_rings_at_rotation_pauses_skips_and_quits() -> None:
    timer, clock, console = _timer(), FakeClock(), _console()
    keys = _script(
        clock,
        [(60, None), (360, None), (0, "p"), (3600, None), (0, "P"), (0, "s"), (1, "x")],
    )

    with Live(console=console, auto_refresh=False) as live:
        run_timer(timer, live, clock, lambda: next(keys))

    text = _output(console)
    assert text.count("\a") == 2
    assert "Ben drives, Chen navigates" in text
    assert "Ben skipped; Chen drives, Ana navigates" in text
    assert timer.phase is Phase.STOPPED
    assert (timer.driver, timer.rotations) == ("Chen", 1)


def test_terminal_keys_read_one_key_without_enter_and_restore_the_terminal() -> None:
    main, side = os.openpty()
    try:
        before = termios.tcgetattr(side)
        with TerminalKeys(side, timedelta(0)) as keys:
            nothing = keys()
            os.write(main, b"S")
            pressed = keys()
        after = termios.tcgetattr(side)
    finally:
        os.close(main)
        os.close(side)

    assert (nothing, pressed) == (None, "s")
    assert after == before


def test_terminal_keys_quit_when_the_terminal_goes_away() -> None:
    main, side = os.openpty()
    try:
        with TerminalKeys(side, timedelta(0)) as keys:
            os.close(main)
            key = keys()
    finally:
        os.close(side)

    assert key == "q"


def test_terminal_keys_quit_when_reading_the_terminal_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(_fd: int, _count: int) -> bytes:
        raise OSError(5, "Input/output error")

    main, side = os.openpty()
    try:
        with TerminalKeys(side, timedelta(0)) as keys:
            os.write(main, b"p")
            monkeypatch.setattr(os, "read", broken)
            key = keys()
    finally:
        os.close(main)
        os.close(side)

    assert key == "q"
