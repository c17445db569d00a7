"""The rotation timer: who drives and who navigates, as a state machine on an injected clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

import attrs

from dojo.team.errors import TimerError


class Phase(StrEnum):
    """What the room is doing."""

    TURN = "turn"
    BREAK = "break"
    STOPPED = "stopped"


@attrs.frozen
class Rotated:
    """A turn ended (or was skipped): a new driver takes the keyboard."""

    driver: str
    navigator: str
    skipped: str = ""


@attrs.frozen
class BreakStarted:
    """Every N rotations the room takes a break of this length."""

    length: timedelta


@attrs.frozen
class BreakEnded:
    """The break is over; ``driver`` starts the next turn."""

    driver: str


Event = Rotated | BreakStarted | BreakEnded


def _positive(_instance: object, attribute: attrs.Attribute[timedelta], value: timedelta) -> None:
    if value <= timedelta(0):
        raise TimerError(f"{attribute.name} must be longer than zero; got {value}")


def _people(_instance: object, _attribute: object, value: tuple[str, ...]) -> None:
    if len(value) < 2 or any(not name.strip() for name in value) or len(set(value)) < len(value):
        raise TimerError(
            f"a rotation needs two or more different, non-empty names; got {list(value)}"
        )


@attrs.frozen
class TimerSettings:
    """The people in rotation order, the turn length, and a break every ``break_every`` turns."""

    people: tuple[str, ...] = attrs.field(validator=_people)
    turn: timedelta = attrs.field(validator=_positive)
    break_every: int = attrs.field(default=0)
    break_length: timedelta = attrs.field(default=timedelta(minutes=5), validator=_positive)

    @break_every.validator
    def _check_break_every(self, _attribute: object, value: int) -> None:
        if value < 0:
            raise TimerError(f"break_every must be 0 (no breaks) or more; got {value}")


@attrs.define(eq=False)
class RotationTimer:
    """A running rotation; every method takes the time, so tests move time by hand."""

    settings: TimerSettings
    started: datetime
    phase: Phase = Phase.TURN
    rotations: int = 0
    _driver: int = 0
    _paused_at: datetime | None = None
    _paused_for: timedelta = timedelta(0)

    @property
    def driver(self) -> str:
        """Who has the keyboard."""
        return self.settings.people[self._driver]

    @property
    def navigator(self) -> str:
        """Who drives next, and guides the driver meanwhile."""
        people = self.settings.people
        return people[(self._driver + 1) % len(people)]

    @property
    def paused(self) -> bool:
        """Whether the countdown is held."""
        return self._paused_at is not None

    @property
    def length(self) -> timedelta:
        """The length of the current turn or break."""
        return self.settings.break_length if self.phase is Phase.BREAK else self.settings.turn

    def elapsed(self, now: datetime) -> timedelta:
        """Time spent in this turn or break, pauses excluded, at most its length."""
        until = self._paused_at or now
        spent = until - self.started - self._paused_for
        return max(timedelta(0), min(spent, self.length))

    def remaining(self, now: datetime) -> timedelta:
        """Time left in this turn or break."""
        return self.length - self.elapsed(now)

    def tick(self, now: datetime) -> list[Event]:
        """Everything that happened up to ``now``: rotations, breaks starting and ending."""
        events: list[Event] = []
        while self.phase is not Phase.STOPPED and not self.paused:
            end = self.started + self._paused_for + self.length
            if now < end:
                break
            events.append(self._finish(end))
        return events

    def toggle_pause(self, now: datetime) -> None:
        """Hold the countdown, or let it go on from where it was held."""
        if self._paused_at is None:
            self._paused_at = now
        else:
            self._paused_for += now - self._paused_at
            self._paused_at = None

    def skip(self, now: datetime) -> Event:
        """Pass the keyboard to the next person now, or end a break now."""
        if self.phase is Phase.BREAK:
            self._restart(Phase.TURN, now)
            return BreakEnded(self.driver)
        skipped = self.driver
        self._driver = (self._driver + 1) % len(self.settings.people)
        self._restart(Phase.TURN, now)
        return Rotated(self.driver, self.navigator, skipped=skipped)

    def stop(self) -> None:
        """End the session."""
        self.phase = Phase.STOPPED

    def _finish(self, end: datetime) -> Event:
        if self.phase is Phase.BREAK:
            self._restart(Phase.TURN, end)
            return BreakEnded(self.driver)
        self.rotations += 1
        self._driver = (self._driver + 1) % len(self.settings.people)
        every = self.settings.break_every
        if every and self.rotations % every == 0:
            self._restart(Phase.BREAK, end)
            return BreakStarted(self.settings.break_length)
        self._restart(Phase.TURN, end)
        return Rotated(self.driver, self.navigator)

    def _restart(self, phase: Phase, at: datetime) -> None:
        self.phase = phase
        self.started = at
        self._paused_for = timedelta(0)
        if self._paused_at is not None:
            self._paused_at = at
