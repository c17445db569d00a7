"""``run_suite`` against another repository, and the per-step reading of its results."""

from pathlib import Path

from harness.results import FAILED, PASSED, Outcome, RunResults, StepResult
from harness.runner import later_step_modules, run_suite
from tests.harness.toy import ToyRepo


def test_a_suite_runs_in_the_repository_it_is_given(toy: ToyRepo) -> None:
    status, results = run_suite(["toy"], "solutions", quiet=True, root=toy.root)

    assert status == 0
    assert sorted(str(outcome.step) for outcome in results.outcomes) == ["1", "2"]


def test_steps_count_passed_and_run_tests_up_to_the_last_step() -> None:
    results = RunResults(
        (
            Outcome("t::a", 1, PASSED),
            Outcome("t::b", 1, FAILED),
            Outcome("t::c", 2, PASSED),
            Outcome("t::d", None, FAILED),
        ),
        (),
    )

    steps = results.steps(3)

    assert steps == (StepResult(1, 1, 2), StepResult(2, 1, 1), StepResult(3, 0, 0))
    assert [step.green for step in steps] == [False, True, False]


def test_the_first_failure_is_the_lowest_step_within_the_limit_then_the_first_run() -> None:
    results = RunResults(
        (
            Outcome("t::z", 3, FAILED),
            Outcome("t::b", 2, FAILED),
            Outcome("t::a", 2, FAILED),
            Outcome("t::y", 1, PASSED),
        ),
        (),
    )

    assert results.first_failure(3) == Outcome("t::b", 2, FAILED)
    assert results.first_failure(1) is None


def test_only_the_modules_named_for_later_steps_are_left_out(toy: ToyRepo) -> None:
    for name in ("test_step3_late.py", "test_step12_later.py", "test_helpers.py", "test_stepx_.py"):
        toy.write(f"tests/toy/{name}", "")
    suite = toy.root / "tests" / "toy"

    later = later_step_modules(suite, 2)

    assert [path.name for path in later] == ["test_step12_later.py", "test_step3_late.py"]
    assert later_step_modules(suite, 12) == []


def test_a_launcher_runs_pytest_with_the_arguments_and_the_environment(toy: ToyRepo) -> None:
    calls: list[tuple[list[str], Path, str]] = []

    def launch(args: list[str], root: Path, env: dict[str, str], *, quiet: bool) -> int:
        calls.append((args, root, env["KATAS_ROOT"]))
        assert quiet
        return 4

    status, results = run_suite(
        ["toy"], "solutions", step=1, quiet=True, root=toy.root, launch=launch
    )

    assert status == 4
    assert results == RunResults((), ())
    [(args, root, katas_root)] = calls
    assert args[0] == str(toy.root / "tests" / "toy")
    assert "--impl=solutions" in args
    assert "--step=1" in args
    assert (root, katas_root) == (toy.root, str(toy.root))
