"""A team's runs: the harness's suite on ``workspaces/NAME``, each appended to its log."""

from pathlib import Path

import pytest

from dojo.team import runs
from dojo.team.errors import UnknownTeamError
from dojo.team.runlog import Light
from dojo.team.runs import RecordingRunner, ran, run_team
from dojo.team.workspace import TeamWorkspace
from harness.results import RunResults, StepResult
from tests.dojo_team.support import START, FakeClock, Warnings, results
from tests.harness.toy import SOLUTION, ToyRepo


def test_a_team_run_tests_the_team_copy_and_logs_it(toy: ToyRepo) -> None:
    team = TeamWorkspace(toy.root, "red")
    team.create("toy")
    log = team.log(Warnings())

    status, outcome, first = run_team(team, "toy", 2, log, FakeClock())
    (team.kata_folder("toy") / "__init__.py").write_text(SOLUTION)
    _, _, second = run_team(team, "toy", 2, log, FakeClock())

    assert status == 1
    assert len(outcome.outcomes) == 2
    assert first is not None
    assert first.light is Light.RED
    assert second is not None
    assert second.steps == (StepResult(1, 1, 1), StepResult(2, 1, 1))
    assert second.light is Light.GREEN
    assert log.read() == [first, second]


def test_a_team_copy_that_does_not_import_logs_amber(toy: ToyRepo) -> None:
    team = TeamWorkspace(toy.root, "red")
    team.create("toy")
    (team.kata_folder("toy") / "__init__.py").write_text("def double(:\n")

    _, _, run = run_team(team, "toy", 1, team.log(Warnings()), FakeClock())

    assert run is not None
    assert run.light is Light.AMBER


def test_a_team_without_the_kata_is_refused_before_running(tmp_path: Path) -> None:
    team = TeamWorkspace(tmp_path, "red")

    with pytest.raises(UnknownTeamError):
        run_team(team, "toy", 1, team.log(Warnings()), FakeClock())


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


def test_a_crashed_run_is_not_logged(toy: ToyRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    team = TeamWorkspace(toy.root, "red")
    team.create("toy")
    monkeypatch.setattr(runs, "run_suite", lambda *_a, **_k: (4, RunResults((), ())))

    status, _, run = run_team(team, "toy", 1, team.log(Warnings()), FakeClock())

    assert (status, run) == (4, None)
    assert team.log(Warnings()).read() == []


def test_the_recording_runner_passes_runs_through_and_logs_them(tmp_path: Path) -> None:
    log = TeamWorkspace(tmp_path, "red").log(Warnings())
    calls: list[tuple[str, str, int, Path]] = []

    def inner(kata: str, impl: str, last_step: int, root: Path) -> tuple[int, RunResults]:
        calls.append((kata, impl, last_step, root))
        return (1, results((1, 2))) if len(calls) == 1 else (3, RunResults((), ()))

    runner = RecordingRunner(inner, log, FakeClock())

    assert runner("toy", "impl", 1, tmp_path) == (1, results((1, 2)))
    assert runner("toy", "impl", 1, tmp_path) == (3, RunResults((), ()))
    assert calls == [("toy", "impl", 1, tmp_path)] * 2
    assert [(run.time, run.light) for run in log.read()] == [(START, Light.RED)]
