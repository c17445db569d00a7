"""The rotation timer in a terminal: a countdown bar, the bell at rotation, keys p, s and q."""

from __future__ import annotations

import contextlib
import os
import select
import termios
import tty
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Self

import attrs
from rich.console import Group
from rich.markup import escape
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from dojo.team.timer import BreakStarted, Event, Phase, Rotated, RotationTimer

if TYPE_CHECKING:
    from types import TracebackType

    from rich.console import RenderableType
    from rich.live import Live

# Reads one key, or None when none came within the reader's interval; "q" at end of input.
KeySource = Callable[[], str | None]
KEYS = "p pause/resume · s skip · q quit"


def clock_text(span: timedelta) -> str:
    """``m:ss``, rounded up so that the last second shows as 0:01, not 0:00."""
    seconds = -int(-span.total_seconds() // 1)
    return f"{seconds // 60}:{seconds % 60:02d}"


def view(timer: RotationTimer, now: datetime) -> RenderableType:
    """Who drives and navigates, the countdown as a bar, and the keys."""
    if timer.phase is Phase.BREAK:
        heading = Text("Break", style="bold cyan")
        heading.append(f" · {timer.driver} drives next", style="")
    else:
        heading = Text.assemble(
            ("Driver ", "dim"), (timer.driver, "bold"), ("   Navigator ", "dim"), timer.navigator
        )
    state = " · paused" if timer.paused else ""
    total = timer.length.total_seconds()
    countdown = Table.grid(padding=(0, 1))
    countdown.add_row(
        ProgressBar(total=total, completed=timer.elapsed(now).total_seconds(), width=40),
        Text(f"{clock_text(timer.remaining(now))} left · rotation {timer.rotations}{state}"),
    )
    return Group(heading, countdown, Text(KEYS, style="dim"))


def describe(event: Event) -> str:
    """One line about what happened, for the log above the bar."""
    if isinstance(event, Rotated):
        skipped = f"{escape(event.skipped)} skipped; " if event.skipped else ""
        return (
            f"{skipped}[bold]{escape(event.driver)}[/] drives, {escape(event.navigator)} navigates"
        )
    if isinstance(event, BreakStarted):
        return f"[bold cyan]Break[/] for {clock_text(event.length)}; s ends it early"
    return f"Break over: [bold]{escape(event.driver)}[/] drives"


def press(timer: RotationTimer, key: str, now: datetime) -> list[Event]:
    """Act on one key; unknown keys are ignored."""
    if key == "p":
        timer.toggle_pause(now)
    elif key == "s":
        return [timer.skip(now)]
    elif key == "q":
        timer.stop()
    return []


def run_timer(
    timer: RotationTimer, live: Live, clock: Callable[[], datetime], keys: KeySource
) -> None:
    """Until ``q`` (or end of input): read a key, advance the timer, ring at rotation, redraw."""
    console = live.console
    live.update(view(timer, clock()), refresh=True)
    while timer.phase is not Phase.STOPPED:
        key = keys()
        now = clock()
        events = press(timer, key, now) if key else []
        events += timer.tick(now)
        for event in events:
            console.bell()
            console.print(describe(event))
        live.update(view(timer, now), refresh=True)


@attrs.define
class TerminalKeys:
    """Single key presses from a terminal, without Enter; restores the terminal on exit."""

    fd: int
    interval: timedelta
    _saved: list[Any] = attrs.field(factory=list)

    def __enter__(self) -> Self:
        self._saved = termios.tcgetattr(self.fd)
        tty.setcbreak(self.fd)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # A terminal that hung up has no settings left to restore.
        with contextlib.suppress(termios.error):
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)

    def __call__(self) -> str | None:
        """The key pressed within ``interval``, lower-cased; ``q`` once the terminal is gone."""
        ready, _, _ = select.select([self.fd], [], [], self.interval.total_seconds())
        if not ready:
            return None
        try:
            data = os.read(self.fd, 1)
        except OSError:  # a closed terminal reads as EIO: nobody is left to press a key
            return "q"
        return data.decode("utf-8", errors="replace").lower() if data else "q"
