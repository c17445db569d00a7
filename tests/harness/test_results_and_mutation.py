"""Outcome records, the mutation score, and mutation testing end to end on the toy kata."""

import pytest

from harness.mutation import INTERVIEW, Score, stage, unknown_modules
from harness.results import Outcome
from tests.harness.toy import ToyRepo, add_interview


def test_an_outcome_survives_a_round_trip_through_json() -> None:
    outcome = Outcome("tests/t.py::test_x", 2, "failed", "assert 1 == 2", "katas/t.py:3")

    assert Outcome.from_json(outcome.to_json()) == outcome


def test_the_score_counts_timeouts_and_crashes_as_detected_and_skips_as_nothing() -> None:
    score = Score(
        {"total": 12, "killed": 6, "timeout": 1, "segfault": 1, "survived": 2, "skipped": 2}
    )

    assert (score.considered, score.detected) == (10, 8)
    assert score.percent == pytest.approx(80.0)
    assert score.text() == (
        "mutation score 80.0%: 8 of 10 mutants detected, 2 survived, 0 reached by no test"
    )


def test_no_mutants_is_a_score_of_zero_not_a_division_error() -> None:
    assert Score({}).percent == 0.0


def test_the_stage_lays_the_kata_out_as_mutmut_expects(toy: ToyRepo) -> None:
    folder = stage("toy", toy.root)

    assert (folder / "src" / "toy" / "__init__.py").is_file()
    assert (folder / "tests" / "toy" / "test_step1_double.py").is_file()
    assert (folder / "harness" / "plugin.py").is_file()
    assert (folder / "katas" / "toy" / "kata.toml").is_file()
    assert 'source_paths = ["src/toy/"]' in (folder / "pyproject.toml").read_text()


def test_the_interview_stage_brings_the_helpers_every_interview_suite_shares(
    toy: ToyRepo,
) -> None:
    add_interview(toy).write("tests/interview/support.py", '"""Shared helpers."""\n')

    folder = stage("toy", toy.root, suite=INTERVIEW)

    assert (folder / "tests" / "interview" / "toy" / "test_core.py").is_file()
    assert (folder / "tests" / "interview" / "support.py").read_text() == '"""Shared helpers."""\n'


@pytest.mark.parametrize("covered_lines", [False, True], ids=["every line", "covered lines"])
def test_the_stage_mutates_only_the_lines_the_suite_runs_when_asked(
    toy: ToyRepo, *, covered_lines: bool
) -> None:
    folder = stage("toy", toy.root, covered_lines=covered_lines)

    settings = (folder / "pyproject.toml").read_text()
    assert ("mutate_only_covered_lines = true" in settings) is covered_lines


def test_the_stage_mutates_only_the_modules_it_is_given(toy: ToyRepo) -> None:
    toy.write("solutions/toy/other.py", '"""Another module."""\n')

    only = (stage("toy", toy.root, modules=["other.py"]) / "pyproject.toml").read_text()
    every = (stage("toy", toy.root) / "pyproject.toml").read_text()

    assert 'only_mutate = ["src/toy/other.py"]' in only
    assert 'source_paths = ["src/toy/"]' in only
    assert "only_mutate" not in every


def test_a_module_outside_the_reference_or_missing_is_unknown(toy: ToyRepo) -> None:
    toy.write("solutions/toy/notes.txt", "not code\n")
    modules = ["__init__.py", "nope.py", "../../harness/mutation.py", "notes.txt", "/etc/passwd"]

    assert unknown_modules("toy", modules, toy.root) == modules[1:]


def test_mutation_testing_of_one_module_leaves_the_others_unmutated(toy: ToyRepo) -> None:
    """No test calls ``triple``: mutated, it would add mutants reached by no test."""
    toy.write(
        "solutions/toy/other.py",
        '"""Uncalled."""\n\n\ndef triple(n: int) -> int:\n    return n * 3\n',
    )

    ran = toy.run("-m", "harness.mutation", "toy", "--module", "__init__.py")

    assert ran.status == 0, ran.output
    assert "mutating solutions/toy/__init__.py in build/mutation/toy" in ran.output
    assert "toy (steps suite, __init__.py): mutation score" in ran.output
    assert ", 0 reached by no test" in ran.output
    survivors = (toy.root / "build" / "mutation" / "toy" / "survivors.txt").read_text()
    assert "triple" not in survivors


def test_mutation_of_a_module_the_reference_lacks_is_a_usage_error(toy: ToyRepo) -> None:
    ran = toy.run("-m", "harness.mutation", "toy", "--module", "stores/nope.py")

    assert ran.status == 2
    assert "no Python module 'stores/nope.py' in solutions/toy/" in ran.output
    assert not (toy.root / "build" / "mutation" / "toy").exists()


def test_mutation_testing_finds_the_behaviour_no_test_pins_down(toy: ToyRepo) -> None:
    """The toy suite never calls greet("") , so mutating its guard goes unnoticed."""
    ran = toy.run("-m", "harness.mutation", "toy", "--fail-under", "99")

    assert ran.status == 1, ran.output
    assert "toy (steps suite): mutation score" in ran.output
    survivors = (toy.root / "build" / "mutation" / "toy" / "survivors.txt").read_text()
    assert "name must not be empty" in survivors or "not name" in survivors


def test_mutation_of_an_unknown_kata_is_a_usage_error(toy: ToyRepo) -> None:
    ran = toy.run("-m", "harness.mutation", "nope")

    assert ran.status == 2
    assert "unknown kata 'nope'" in ran.output
