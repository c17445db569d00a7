"""Logging a team's runs: a ``SuiteRunner`` that hands each run to the team's journal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Generic, Protocol, TypeVar

import attrs

from dojo.team.runlog import RunRecord
from harness.results import RunResults

Clock = Callable[[], datetime]
Impl = TypeVar("Impl")
# Runs a kata's steps 1..last_step against an implementation: pytest's status and outcomes.
SuiteRunner = Callable[[str, Impl, int, Path], tuple[int, RunResults]]


class RunSink(Protocol):
    """Where a team's runs go: a ``RunLog``, or a ``TeamJournal`` (log, branch and remote)."""

    def append(self, record: RunRecord) -> None:
        """Keep ``record``."""
        ...


def ran(status: int, results: RunResults) -> bool:
    """Whether pytest ran at all: it may fail, or fail to import the code, but not crash."""
    return status in (0, 1) or bool(results.outcomes or results.collection_errors)


@attrs.frozen
class RecordingRunner(Generic[Impl]):
    """A ``SuiteRunner`` that logs every run it passes on (Decorator), for ``--team``."""

    inner: SuiteRunner[Impl]
    log: RunSink
    clock: Clock

    def __call__(self, kata: str, impl: Impl, last_step: int, root: Path) -> tuple[int, RunResults]:
        """Run through ``inner``, then append the record when pytest ran."""
        status, results = self.inner(kata, impl, last_step, root)
        if ran(status, results):
            self.log.append(RunRecord.of(kata, results, last_step, self.clock()))
        return status, results
