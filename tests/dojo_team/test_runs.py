"""A team's runs: the harness's suite on ``workspaces/NAME``, each appended to its log."""

from pathlib import Path
from typing import Any

import pytest

from dojo.adapters import run_in_child
from dojo.repository import Implementation, Repository
from dojo.team.runlog import Light
from dojo.team.runs import RecordingRunner, ran
from dojo.team.workspace import TeamWorkspace
from harness.results import RunResults, StepResult
from tests.dojo_team.support import START, FakeClock, Warnings, results
from tests.harness.toy import SOLUTION, ToyRepo


def _team_runner(toy: ToyRepo) -> tuple[TeamWorkspace, Implementation, RecordingRunner[Any]]:
    team = TeamWorkspace(Repository(toy.root), "red")
    team.create("toy")
    impl = Implementation("workspaces/red", team.folder)
    return team, impl, RecordingRunner(run_in_child, team.log(Warnings()), FakeClock())


def test_a_team_run_tests_the_team_copy_and_logs_it(toy: ToyRepo) -> None:
    team, impl, runner = _team_runner(toy)

    status, outcome = runner("toy", impl, 2, toy.root)
    (team.kata_folder("toy") / "__init__.py").write_text(SOLUTION)
    runner("toy", impl, 2, toy.root)

    assert status == 1
    assert len(outcome.outcomes) == 2
    first, second = team.log(Warnings()).read()
    assert first.light is Light.RED
    assert second.steps == (StepResult(1, 1, 1), StepResult(2, 1, 1))
    assert second.light is Light.GREEN


def test_a_team_copy_that_does_not_import_logs_amber(toy: ToyRepo) -> None:
    team, impl, runner = _team_runner(toy)
    (team.kata_folder("toy") / "__init__.py").write_text("def double(:\n")

    runner("toy", impl, 1, toy.root)

    assert [run.light for run in team.log(Warnings()).read()] == [Light.AMBER]


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        (0, results((1, 1))),
        (1, RunResults((), ())),
        (4, results((0, 1))),
        (2, results(broken=True)),
    ],
)
def test_pytest_ran_when_it_exited_normally_or_has_outcomes(
    status: int, outcome: RunResults
) -> None:
    assert ran(status, outcome)


def test_pytest_that_crashed_with_nothing_to_show_did_not_run() -> None:
    assert not ran(4, RunResults((), ()))


def test_the_recording_runner_passes_runs_through_and_logs_them(tmp_path: Path) -> None:
    log = TeamWorkspace(Repository(tmp_path), "red").log(Warnings())
    calls: list[tuple[str, str, int, Path]] = []

    def inner(kata: str, impl: str, last_step: int, root: Path) -> tuple[int, RunResults]:
        calls.append((kata, impl, last_step, root))
        return (1, results((1, 2))) if len(calls) == 1 else (3, RunResults((), ()))

    runner = RecordingRunner(inner, log, FakeClock())

    assert runner("toy", "impl", 1, tmp_path) == (1, results((1, 2)))
    assert runner("toy", "impl", 1, tmp_path) == (3, RunResults((), ()))
    assert calls == [("toy", "impl", 1, tmp_path)] * 2
    assert [(run.time, run.light) for run in log.read()] == [(START, Light.RED)]
