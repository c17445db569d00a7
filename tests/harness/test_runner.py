"""``run_suite`` against another repository, and the per-step reading of its results."""

from harness.results import FAILED, PASSED, Outcome, RunResults, StepResult
from harness.runner import run_suite
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
