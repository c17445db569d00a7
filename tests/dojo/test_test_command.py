"""``dojo test``: the per-step summary, the first failure explained, exit status, progress."""

import json
import shlex
from pathlib import Path

import pytest

from dojo.repository import Implementation
from harness.results import ERROR, FAILED, PASSED, SKIPPED, Outcome, RunResults
from tests.dojo.support import Dojo, FakeSuite, read_table
from tests.harness.toy import ToyRepo

ONE = "tests/toy/test_step1_double.py::test_doubles_three"
TWO = "tests/toy/test_step2_greet.py::test_greets_by_name"
STEPS = ("step", "title", "tests passing", "progress")
SPEC_WITH_ERRORS = """\
# Toy

### Errors

`NegativeError` when the number is negative.

## Step 1: Double

Double it.

## Step 2: Greet

Say hello.
"""
WRONG = """\
def double(n: int) -> int:
    return n + 2


def greet(name: str) -> str:
    return name
"""


def results(*outcomes: Outcome) -> tuple[int, RunResults]:
    status = 0 if all(outcome.outcome == PASSED for outcome in outcomes) else 1
    return status, RunResults(outcomes, ())


def test_a_fresh_skeleton_fails_and_the_failure_points_into_the_learners_code(
    toy: ToyRepo,
) -> None:
    dojo = Dojo(toy.root)

    ran = dojo("test", "toy")

    assert ran.status == 1
    assert "Toy: steps 1-2 of 2" in ran.out
    assert "0/1" in ran.out
    assert "Working on step 1, Double: 1 test(s) to go." in ran.out
    assert "First failing test: test_doubles_three" in ran.out
    assert "still raises NotImplementedError" in ran.out
    assert "at katas/toy/__init__.py:6" in ran.out


def test_a_wrong_answer_shows_expected_and_actual(toy: ToyRepo) -> None:
    toy.write("katas/toy/__init__.py", WRONG)

    ran = Dojo(toy.root)("test", "toy", "--step", "1")

    assert ran.status == 1
    assert "expected: 6" in ran.out
    assert "actual:   5" in ran.out


def test_it_works_from_a_folder_deep_inside_the_repository(toy: ToyRepo) -> None:
    ran = Dojo(toy.root)("test", "toy", "--impl", "solutions", cwd=toy.root / "katas" / "toy")

    assert ran.status == 0, ran.out
    assert "All 2 tests of steps 1-2 pass. Well done!" in ran.out
    assert "dojo compare toy" in ran.out


def test_an_implementation_folder_is_taken_relative_to_where_dojo_runs(toy: ToyRepo) -> None:
    toy.write(
        "katas/elsewhere/toy/__init__.py", (toy.root / "solutions/toy/__init__.py").read_text()
    )

    ran = Dojo(toy.root)("test", "toy", "--impl", "elsewhere", cwd=toy.root / "katas")

    assert ran.status == 0, ran.out


def test_a_green_step_names_the_next_step_and_what_it_asks(toy: ToyRepo) -> None:
    dojo = Dojo(toy.root, suite=FakeSuite([results(Outcome(ONE, 1, PASSED))]))

    ran = dojo("test", "toy", "--step", "1")

    assert ran.status == 0
    assert "done" in ran.out
    assert "Next: step 2, Greet (about 5 min)." in ran.out
    assert "Say hello." in ran.out


def test_skipped_tests_are_counted_apart_with_their_reason_and_are_not_a_failure(
    toy: ToyRepo,
) -> None:
    skipped = Outcome(TWO, 2, SKIPPED, "PostgreSQL is not installed: install it")
    dojo = Dojo(
        toy.root, suite=FakeSuite([(0, RunResults((Outcome(ONE, 1, PASSED), skipped), ()))])
    )

    ran = dojo("test", "toy")

    assert ran.status == 0
    assert read_table(ran.out, STEPS)[1][2] == "0/1, 1 skipped"
    assert "Skipped, 1 of step 2: PostgreSQL is not installed: install it" in ran.out
    assert "All 1 tests of steps 1-2 that ran pass." in ran.out
    assert "First failing test" not in ran.out


def test_one_skip_reason_of_several_steps_is_printed_once(toy: ToyRepo) -> None:
    reason = "PostgreSQL is not installed"
    skips = (Outcome(ONE, 1, SKIPPED, reason), Outcome(TWO, 2, SKIPPED, reason))
    dojo = Dojo(toy.root, suite=FakeSuite([(0, RunResults(skips, ()))]))

    ran = dojo("test", "toy")

    assert ran.out.count(reason) == 1
    assert "Skipped, 1 of step 1, 1 of step 2: PostgreSQL is not installed" in ran.out


def test_a_green_step_says_when_the_next_step_is_an_advanced_one(toy: ToyRepo) -> None:
    toml = (toy.root / "katas/toy/kata.toml").read_text()
    toy.write(
        "katas/toy/kata.toml", toml.replace("minutes = 5\n", "minutes = 5\nadvanced = true\n")
    )
    dojo = Dojo(toy.root, suite=FakeSuite([results(Outcome(ONE, 1, PASSED))]))

    ran = dojo("test", "toy", "--step", "1")

    assert "Next: step 2, Greet (an advanced step, about 5 min)." in ran.out


def test_the_learners_results_are_recorded_as_progress(toy: ToyRepo) -> None:
    suite = FakeSuite([results(Outcome(ONE, 1, PASSED), Outcome(TWO, 2, FAILED, "boom"))])
    dojo = Dojo(toy.root, suite=suite)

    dojo("test", "toy")

    saved = json.loads((toy.root / ".dojo" / "progress.json").read_text())
    assert saved["katas"]["toy"]["steps"] == {"1": [1, 1], "2": [0, 1]}
    assert saved["katas"]["toy"]["last_run"] == "2026-03-02T08:00:00+00:00"


def test_another_implementation_is_not_recorded_and_the_rerun_line_keeps_it(toy: ToyRepo) -> None:
    suite = FakeSuite([results(Outcome(ONE, 1, FAILED, "boom"))])
    dojo = Dojo(toy.root, suite=suite)

    ran = dojo("test", "toy", "--impl", "solutions")

    assert ran.status == 1
    assert f"root: .venv/bin/python -m pytest {ONE} --impl solutions" in ran.out
    assert suite.calls == [("toy", "solutions", 2)]
    assert not (toy.root / ".dojo" / "progress.json").exists()


def test_code_that_does_not_import_is_reported_as_such(toy: ToyRepo) -> None:
    broken = Outcome("tests/toy/test_step1_double.py", None, ERROR, "SyntaxError: bad", "k.py:1")
    dojo = Dojo(toy.root, suite=FakeSuite([(1, RunResults((), (broken,)))]))

    ran = dojo("test", "toy")

    assert ran.status == 1
    assert "Your code does not import, so no test could run:" in ran.out
    assert "SyntaxError: bad" in ran.out
    assert "at k.py:1" in ran.out


def test_an_import_error_without_a_place_still_reads_well(toy: ToyRepo) -> None:
    broken = Outcome("tests/toy", None, ERROR, "ImportError: no toy")
    dojo = Dojo(toy.root, suite=FakeSuite([(2, RunResults((), (broken,)))]))

    ran = dojo("test", "toy")

    assert ran.status == 1
    assert "ImportError: no toy" in ran.out
    assert " at " not in ran.out


def test_pytest_that_cannot_run_at_all_is_an_error_in_one_line(toy: ToyRepo) -> None:
    dojo = Dojo(toy.root, suite=FakeSuite([(4, RunResults((), ()))]))

    ran = dojo("test", "toy")

    assert ran.status == 2
    assert ran.err.strip() == "dojo: error: pytest could not run the tests of toy (exit status 4)"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(
            ("test", "parking"),
            "dojo: error: unknown kata 'parking'; the katas are: toy",
            id="an unknown kata",
        ),
        pytest.param(
            ("test", "toy", "--step", "7"),
            "dojo: error: toy has no step 7; its steps are 1-2",
            id="a step past the last",
        ),
        pytest.param(
            ("test", "toy", "--impl", "nowhere"),
            (
                "dojo: error: --impl nowhere: not 'katas', 'solutions' or an existing folder "
                "holding kata packages"
            ),
            id="an implementation folder that is not there",
        ),
    ],
)
def test_unknown_kata_step_or_implementation_is_one_line_and_status_2(
    toy: ToyRepo, argv: tuple[str, ...], message: str
) -> None:
    ran = Dojo(toy.root)(*argv)

    assert ran.status == 2
    assert ran.err.strip() == message
    assert "Traceback" not in ran.out + ran.err


def test_ctrl_c_while_the_tests_run_is_one_line_and_status_130(toy: ToyRepo) -> None:
    def interrupted(
        kata: str, impl: Implementation, last_step: int, root: Path
    ) -> tuple[int, RunResults]:
        raise KeyboardInterrupt((kata, impl, last_step, root))

    ran = Dojo(toy.root, suite=interrupted)("test", "toy")

    assert ran.status == 130
    assert ran.err == "dojo: error: interrupted (Ctrl-C); nothing more was done\n"
    assert not (toy.root / ".dojo").exists()


def test_the_rerun_command_is_shell_quoted_so_it_pastes(toy: ToyRepo) -> None:
    folder = toy.root / "my work"
    toy.write("my work/toy/__init__.py", (toy.root / "katas/toy/__init__.py").read_text())
    nodeid = "tests/toy/test_step1_double.py::test_doubles_three[it's 3]"
    dojo = Dojo(toy.root, suite=FakeSuite([results(Outcome(nodeid, 1, FAILED, "boom"))]))

    ran = dojo("test", "toy", "--impl", "my work")

    command = ran.out.split("from the repository root: ", 1)[1].strip()
    assert shlex.split(command) == [
        ".venv/bin/python",
        "-m",
        "pytest",
        nodeid,
        "--impl",
        str(folder),
    ]


def test_a_test_whose_parameter_holds_double_colons_is_named_in_full(toy: ToyRepo) -> None:
    nodeid = "tests/toy/test_step1_double.py::test_acl[u::rw-,g::r--]"
    dojo = Dojo(toy.root, suite=FakeSuite([results(Outcome(nodeid, 1, FAILED, "boom"))]))

    ran = dojo("test", "toy")

    assert "First failing test: test_acl[u::rw-,g::r--]" in ran.out


def test_an_expected_error_points_to_the_section_of_the_spec_that_states_it(toy: ToyRepo) -> None:
    toy.write("katas/toy/README.md", SPEC_WITH_ERRORS)
    message = "Failed: DID NOT RAISE <class 'toy.errors.NegativeError'>"
    dojo = Dojo(toy.root, suite=FakeSuite([results(Outcome(ONE, 1, FAILED, message))]))

    ran = dojo("test", "toy")

    assert "section 'Step 1: Double'" in ran.out
    assert "The rule for NegativeError is in the section 'Errors'." in ran.out
    assert "expected: NegativeError" in ran.out


def test_an_error_stated_in_the_steps_own_section_adds_nothing(toy: ToyRepo) -> None:
    toy.write(
        "katas/toy/README.md",
        SPEC_WITH_ERRORS.replace(
            "## Step 1: Double\n", "## Step 1: Double\n\n`NegativeError` too.\n"
        ),
    )
    message = "Failed: DID NOT RAISE <class 'toy.errors.NegativeError'>"
    dojo = Dojo(toy.root, suite=FakeSuite([results(Outcome(ONE, 1, FAILED, message))]))

    ran = dojo("test", "toy")

    assert "The rule for" not in ran.out


def test_code_that_does_not_import_runs_no_step_and_says_so_per_step(toy: ToyRepo) -> None:
    broken = Outcome("tests/toy/test_step1_double.py", None, ERROR, "SyntaxError: bad", "k.py:1")
    dojo = Dojo(toy.root, suite=FakeSuite([(2, RunResults((), (broken,)))]))

    ran = dojo("test", "toy")

    assert [row[2] for row in read_table(ran.out, STEPS)] == ["not run", "not run"]


def test_the_sentence_a_test_quotes_points_to_its_section(toy: ToyRepo) -> None:
    toy.write("katas/toy/README.md", SPEC_WITH_ERRORS)
    failure = Outcome(ONE, 1, FAILED, "boom", quotes=("NegativeError when the number is negative",))
    dojo = Dojo(toy.root, suite=FakeSuite([results(failure)]))

    ran = dojo("test", "toy")

    assert (
        "The rule it checks is in the section 'Errors': "
        '"NegativeError when the number is negative"'
    ) in " ".join(ran.out.replace("│", " ").split())


def test_the_failing_line_of_the_test_is_shown(toy: ToyRepo) -> None:
    failure = Outcome(ONE, 1, FAILED, "assert False", code="assert all(n > 0 for n in xs)")
    dojo = Dojo(toy.root, suite=FakeSuite([results(failure)]))

    ran = dojo("test", "toy")

    assert "the test's check is false (assert False)" in ran.out
    assert "test line: assert all(n > 0 for n in xs)" in ran.out


def test_code_that_does_not_compile_shows_its_file_line_and_text(toy: ToyRepo) -> None:
    toy.write("katas/toy/__init__.py", "def double(number:\n    return 1\n")

    ran = Dojo(toy.root)("test", "toy")

    assert ran.status == 1
    assert "SyntaxError: " in ran.out
    assert "at katas/toy/__init__.py:1" in ran.out
    assert "def double(number:" in ran.out


UNITTEST_STEP = """\
import unittest

import pytest
from toy import double

pytestmark = pytest.mark.step(1)


class DoublingCase(unittest.TestCase):
    def test_doubles_four(self) -> None:
        self.assertEqual(double(4), 8)
"""


def test_a_unittest_case_passes_in_a_practice_run_as_under_pytest(toy: ToyRepo) -> None:
    # Hypothesis's state machines run as unittest cases; pytest's unittest support needs
    # the options of its debugging plugin, so a practice run must keep that plugin.
    toy.write("tests/toy/test_step1_unittest.py", UNITTEST_STEP)

    ran = Dojo(toy.root)("test", "toy", "--impl", "solutions", "--step", "1")

    assert ran.status == 0, ran.out
    assert "All 2 tests of steps 1-1 pass." in ran.out
