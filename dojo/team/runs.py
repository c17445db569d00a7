"""Running a team's code: the harness's ``run_suite`` on ``workspaces/NAME``, logged per run."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

import attrs

from dojo.team.runlog import RunLog, RunRecord
from harness.results import RunResults
from harness.runner import run_suite

if TYPE_CHECKING:
    from dojo.team.workspace import TeamWorkspace

# The same quiet, stable child run as ``dojo test``: the summary is what the team reads.
PYTEST_OPTIONS = ("-q", "-p", "no:randomly", "--tb=short", "--no-header", "-rN")
Clock = Callable[[], datetime]
Impl = TypeVar("Impl")
# Runs a kata's steps 1..last_step against an implementation: pytest's status and outcomes.
SuiteRunner = Callable[[str, Impl, int, Path], tuple[int, RunResults]]


def ran(status: int, results: RunResults) -> bool:
    """Whether pytest ran at all: it may fail, or fail to import the code, but not crash."""
    return status in (0, 1) or bool(results.outcomes or results.collection_errors)


def run_team(
    team: TeamWorkspace, kata: str, last_step: int, log: RunLog, clock: Clock
) -> tuple[int, RunResults, RunRecord | None]:
    """Run ``kata``'s tests on the team's copy and append the run to ``log``."""
    team.require(kata)
    status, results = run_suite(
        [kata], str(team.folder), step=last_step, extra=PYTEST_OPTIONS, quiet=True, root=team.root
    )
    record = RunRecord.of(kata, results, last_step, clock()) if ran(status, results) else None
    if record is not None:
        log.append(record)
    return status, results, record


@attrs.frozen
class RecordingRunner(Generic[Impl]):
    """A ``SuiteRunner`` that logs every run it passes on (Decorator), for ``--team``."""

    inner: SuiteRunner[Impl]
    log: RunLog
    clock: Clock

    def __call__(self, kata: str, impl: Impl, last_step: int, root: Path) -> tuple[int, RunResults]:
        """Run through ``inner``, then append the record when pytest ran."""
        status, results = self.inner(kata, impl, last_step, root)
        if ran(status, results):
            self.log.append(RunRecord.of(kata, results, last_step, self.clock()))
        return status, results
