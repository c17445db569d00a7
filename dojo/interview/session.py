"""One interview round: its phases and their clock, the questions asked, the runs, the scores.

The round is a value read from and written to ``session.json``; every action of
``dojo interview`` loads it, returns the next value and saves that, so a round survives
Ctrl-C between any two commands and resumes where it was.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from harness.results import StepResult

if TYPE_CHECKING:
    from harness.catalog import Interview

CLARIFY, REVIEW = "clarify", "review"
GREEN, RED, AMBER = "green", "red", "amber"


@attrs.frozen
class Phase:
    """A phase entered: ``clarify``, a stage id (``core`` or a change id), or ``review``."""

    name: str
    started: datetime


@attrs.frozen
class SuiteRun:
    """One ``--test``: when, in which phase, passed/total per stage, and the light of the whole."""

    time: datetime
    phase: str
    stages: tuple[StepResult, ...]
    light: str


def plan(interview: Interview, minutes: int | None) -> dict[str, int]:
    """Seconds per phase: the kata's own, scaled so that the round lasts ``minutes``."""
    scale = 1.0 if minutes is None else minutes / interview.minutes
    budgets = {CLARIFY: interview.clarify_minutes}
    budgets |= {stage.id: stage.minutes for stage in interview.stages}
    budgets[REVIEW] = interview.review_minutes
    return {name: round(value * 60 * scale) for name, value in budgets.items()}


@attrs.frozen
class Session:
    """The round's record, from its first command to its report."""

    kata: str
    started: datetime
    budgets: dict[str, int]
    phases: tuple[Phase, ...]
    asked: tuple[int, ...] | None = None
    runs: tuple[SuiteRun, ...] = ()
    snapshots: dict[str, str] = attrs.field(factory=dict)
    scores: dict[str, int] = attrs.field(factory=dict)
    ended: datetime | None = None
    report: str = ""

    @classmethod
    def start(cls, kata: str, budgets: dict[str, int], now: datetime) -> Session:
        """A round that begins now, with the prompt and its clarifying phase."""
        return cls(kata, now, budgets, (Phase(CLARIFY, now),))

    @property
    def phase(self) -> Phase:
        """The phase the round is in."""
        return self.phases[-1]

    @property
    def revealed(self) -> int:
        """How many stages are revealed: 0 while clarifying, 1 once the core is, and so on."""
        return sum(phase.name not in (CLARIFY, REVIEW) for phase in self.phases)

    def enter(self, name: str, now: datetime) -> Session:
        """The round moved on to phase ``name`` at ``now``."""
        return attrs.evolve(self, phases=(*self.phases, Phase(name, now)))

    def budget(self, name: str) -> timedelta:
        """The time planned for phase ``name``."""
        return timedelta(seconds=self.budgets.get(name, 0))

    @property
    def total_budget(self) -> timedelta:
        """The time planned for the whole round."""
        return timedelta(seconds=sum(self.budgets.values()))

    def spent(self, now: datetime) -> list[tuple[Phase, timedelta]]:
        """Each phase entered and the time spent in it (until the next, the end, or now)."""
        ends = [phase.started for phase in self.phases[1:]] + [self.ended or now]
        return [(phase, end - phase.started) for phase, end in zip(self.phases, ends, strict=True)]

    def elapsed(self, now: datetime) -> timedelta:
        """Time since the round began, until it ended."""
        return (self.ended or now) - self.started

    def to_json(self) -> dict[str, Any]:
        """A plain dict for ``json``; times in ISO 8601 with their offset."""
        return {
            "version": 1,
            "kata": self.kata,
            "started": self.started.isoformat(),
            "budgets": self.budgets,
            "phases": [[phase.name, phase.started.isoformat()] for phase in self.phases],
            "asked": None if self.asked is None else list(self.asked),
            "runs": [
                {
                    "time": run.time.isoformat(),
                    "phase": run.phase,
                    "stages": [[s.number, s.passed, s.total] for s in run.stages],
                    "light": run.light,
                }
                for run in self.runs
            ],
            "snapshots": self.snapshots,
            "scores": self.scores,
            "ended": None if self.ended is None else self.ended.isoformat(),
            "report": self.report,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Session:
        """Read back ``to_json``; ``ValueError``, ``KeyError`` or ``TypeError`` otherwise."""
        if data["version"] != 1:
            raise ValueError(f"version {data['version']!r} is not 1")
        asked = data["asked"]
        ended = data["ended"]
        phases = tuple(Phase(_text(name), _moment(started)) for name, started in data["phases"])
        if not phases:
            raise ValueError("no phases")
        return cls(
            kata=_text(data["kata"]),
            started=_moment(data["started"]),
            budgets={_text(name): _count(value) for name, value in data["budgets"].items()},
            phases=phases,
            asked=None if asked is None else tuple(_count(number) for number in asked),
            runs=tuple(_run(item) for item in data["runs"]),
            snapshots={_text(key): _text(value) for key, value in data["snapshots"].items()},
            scores={_text(area): _count(score) for area, score in data["scores"].items()},
            ended=None if ended is None else _moment(ended),
            report=_text(data["report"], empty=True),
        )


def _run(data: dict[str, Any]) -> SuiteRun:
    stages = tuple(StepResult(_count(n), _count(p), _count(t)) for n, p, t in data["stages"])
    light = data["light"]
    if light not in (GREEN, RED, AMBER):
        raise ValueError(f"light {light!r} is not green, red or amber")
    return SuiteRun(_moment(data["time"]), _text(data["phase"]), stages, light)


def _text(value: object, *, empty: bool = False) -> str:
    if not isinstance(value, str) or not (value or empty):
        raise TypeError(f"{value!r} is not a text")
    return value


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{value!r} is not a count")
    return value


def _moment(value: object) -> datetime:
    moment = datetime.fromisoformat(_text(value))
    if moment.tzinfo is None:
        raise ValueError(f"time {value!r} has no UTC offset")
    return moment
