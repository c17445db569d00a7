"""Fakes and builders shared by the team dojo's tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs

from dojo.team.runlog import Light, RunRecord
from harness.results import ERROR, FAILED, PASSED, Outcome, RunResults, StepResult

START = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


@attrs.define
class FakeClock:
    """A clock that moves only when told."""

    now: datetime = START

    def __call__(self) -> datetime:
        """The time now."""
        return self.now

    def advance(self, **delta: float) -> None:
        """Move on by ``timedelta(**delta)``."""
        self.now += timedelta(**delta)


@attrs.define
class Warnings:
    """Collects warnings, as a ``Warn`` callable."""

    seen: list[str] = attrs.field(factory=list)

    def __call__(self, text: str) -> None:
        """Keep ``text``."""
        self.seen.append(text)


def results(*steps: tuple[int, int], broken: bool = False) -> RunResults:
    """Harness results with ``passed`` of ``total`` tests per step, in step order."""
    if broken:
        return RunResults((), (Outcome("tests/k/test_a.py", None, ERROR, "SyntaxError"),))
    outcomes = []
    for number, (passed, total) in enumerate(steps, start=1):
        outcomes += [
            Outcome(f"t::s{number}_{i}", number, PASSED if i < passed else FAILED)
            for i in range(total)
        ]
    return RunResults(tuple(outcomes), ())


def record(light: Light = Light.RED, *steps: tuple[int, int], kata: str = "toy") -> RunRecord:
    """A run record at ``START``."""
    tallies = tuple(StepResult(n, p, t) for n, (p, t) in enumerate(steps or ((0, 1),), 1))
    return RunRecord(START, kata, tallies, light)
