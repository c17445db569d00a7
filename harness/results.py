"""Each test's outcome, as the recorder writes it: for the two-sided check and dojo's summary."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from pathlib import Path

PASSED, FAILED, SKIPPED, ERROR = "passed", "failed", "skipped", "error"


@attrs.frozen
class Outcome:
    """One test's result: the worst of its setup, call and teardown."""

    nodeid: str
    step: int | None
    outcome: str
    message: str = ""
    where: str = ""
    quotes: tuple[str, ...] = ()
    code: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Outcome:
        """Read back what ``to_json`` wrote."""
        return cls(**{**data, "quotes": tuple(data.get("quotes", ()))})

    def to_json(self) -> dict[str, Any]:
        """A plain dict for ``json``."""
        return attrs.asdict(self)


@attrs.frozen
class StepResult:
    """Tests passed and run in one step, and how many of them were skipped."""

    number: int
    passed: int
    total: int
    skipped: int = 0

    @property
    def green(self) -> bool:
        """Whether the step has tests and all of them pass."""
        return self.total > 0 and self.passed == self.total


@attrs.frozen
class RunResults:
    """All outcomes of one pytest run, plus what failed to even collect."""

    outcomes: tuple[Outcome, ...]
    collection_errors: tuple[Outcome, ...]

    @classmethod
    def read(cls, path: Path) -> RunResults:
        """Load a file written by ``ResultRecorder``."""
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            tuple(Outcome.from_json(item) for item in data["outcomes"]),
            tuple(Outcome.from_json(item) for item in data["collection_errors"]),
        )

    def steps(self, last_step: int) -> tuple[StepResult, ...]:
        """Passed and run per step, for steps 1..``last_step`` (a step with no run is 0/0)."""
        passed: Counter[int] = Counter()
        total: Counter[int] = Counter()
        skipped: Counter[int] = Counter()
        for outcome in self.outcomes:
            if outcome.step is not None:
                total[outcome.step] += 1
                passed[outcome.step] += outcome.outcome == PASSED
                skipped[outcome.step] += outcome.outcome == SKIPPED
        return tuple(
            StepResult(number, passed[number], total[number], skipped[number])
            for number in range(1, last_step + 1)
        )

    def skip_reasons(self, last_step: int) -> dict[int, str]:
        """For each step up to ``last_step`` with skipped tests, the first reason given."""
        reasons: dict[int, str] = {}
        for outcome in self.outcomes:
            step = outcome.step
            if outcome.outcome == SKIPPED and step is not None and step <= last_step:
                reasons.setdefault(step, outcome.message)
        return dict(sorted(reasons.items()))

    def first_failure(self, last_step: int) -> Outcome | None:
        """The failing test a learner should look at first: lowest step, then run order.

        Practice runs keep pytest's file order, which is the order the spec is written in.
        """
        failures = [
            outcome
            for outcome in self.outcomes
            if outcome.outcome in (FAILED, ERROR)
            and outcome.step is not None
            and outcome.step <= last_step
        ]
        # min() keeps the first of equals, so within a step the earliest test wins.
        return min(failures, key=lambda outcome: outcome.step or 0, default=None)
