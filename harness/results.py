"""Each test's outcome as JSON, for the two-sided check and the practice summary."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable

    import pytest

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

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Outcome:
        """Read back what ``to_json`` wrote."""
        return cls(**{**data, "quotes": tuple(data.get("quotes", ()))})

    def to_json(self) -> dict[str, Any]:
        """A plain dict for ``json``."""
        return attrs.asdict(self)


@attrs.frozen
class StepResult:
    """Tests passed and run in one step."""

    number: int
    passed: int
    total: int

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
        for outcome in self.outcomes:
            if outcome.step is not None:
                total[outcome.step] += 1
                passed[outcome.step] += outcome.outcome == PASSED
        return tuple(
            StepResult(number, passed[number], total[number]) for number in range(1, last_step + 1)
        )

    def first_failure(self, last_step: int) -> Outcome | None:
        """The failing test a learner should look at first: lowest step, then run order.

        Practice runs keep pytest's file order, which is the order the spec is written in.
        """
        failures = [
            outcome
            for outcome in self.outcomes
            if outcome.outcome != PASSED and outcome.step is not None and outcome.step <= last_step
        ]
        # min() keeps the first of equals, so within a step the earliest test wins.
        return min(failures, key=lambda outcome: outcome.step or 0, default=None)


def _crash(report: pytest.TestReport | pytest.CollectReport, impl: Path) -> tuple[str, str]:
    """The one-line failure message, and the deepest place in the implementation it passed."""
    longrepr = report.longrepr
    crash = getattr(longrepr, "reprcrash", None)
    lines = report.longreprtext.strip().splitlines() or [""]
    message = str(getattr(crash, "message", "") or lines[-1])
    where = ""
    for entry in getattr(getattr(longrepr, "reprtraceback", None), "reprentries", ()):
        location = getattr(entry, "reprfileloc", None)
        if location is not None and impl in (Path.cwd() / location.path).resolve().parents:
            where = f"{location.path}:{location.lineno}"
    return message, where


class ResultRecorder:
    """A pytest plugin that records outcomes and writes them when the session ends."""

    def __init__(
        self,
        path: Path,
        impl: Path,
        step_of: Callable[[pytest.Item], int | None],
        quotes_of: Callable[[pytest.Item], tuple[str, ...]] = lambda _item: (),
    ) -> None:
        self._path = path
        self._impl = impl
        self._step_of = step_of
        self._quotes_of = quotes_of
        self._steps: dict[str, int | None] = {}
        self._quotes: dict[str, tuple[str, ...]] = {}
        self._outcomes: dict[str, Outcome] = {}
        self._errors: list[Outcome] = []

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        """Remember each test's step and quotes while the items are at hand."""
        self._steps = {item.nodeid: self._step_of(item) for item in items}
        self._quotes = {item.nodeid: self._quotes_of(item) for item in items}

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        """A module that cannot be imported is the implementation failing to load."""
        if report.failed:
            message, where = _crash(report, self._impl)
            self._errors.append(Outcome(report.nodeid, None, ERROR, message, where))

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Keep the worst outcome of the three phases."""
        previous = self._outcomes.get(report.nodeid)
        if previous is not None and previous.outcome != PASSED:
            return
        step, quotes = self._steps.get(report.nodeid), self._quotes.get(report.nodeid, ())
        if report.failed:
            message, where = _crash(report, self._impl)
            outcome = Outcome(report.nodeid, step, FAILED, message, where, quotes)
        elif report.skipped:
            outcome = Outcome(report.nodeid, step, SKIPPED, quotes=quotes)
        elif report.when == "call":
            outcome = Outcome(report.nodeid, step, PASSED, quotes=quotes)
        else:
            return
        self._outcomes[report.nodeid] = outcome

    def pytest_sessionfinish(self) -> None:
        """Write everything recorded."""
        self._path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "outcomes": [outcome.to_json() for outcome in self._outcomes.values()],
            "collection_errors": [error.to_json() for error in self._errors],
        }
        self._path.write_text(json.dumps(payload, indent=1), encoding="utf-8")
