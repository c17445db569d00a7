"""The corpus of wrong implementations, run end to end on the toy kata."""

from pathlib import Path

import pytest

from harness.runner import in_child
from harness.wrong import BROKEN, SURVIVED, WrongImplementation, run_one
from harness.wrong import CAUGHT as CAUGHT_OUTCOME
from tests.harness.toy import ToyRepo

CAUGHT = """\
rule = "Double it."
step = 1

[[edits]]
file = "__init__.py"
find = "return number * 2"
replace = "return number + 2"
"""

# greet("") is never called by the toy's tests, so dropping the guard goes unnoticed.
SURVIVOR = """\
rule = "Say hello."
step = 2

[[edits]]
file = "__init__.py"
find = '''raise ValueError("name must not be empty")'''
replace = "pass"
"""


def corpus(toy: ToyRepo, **entries: str) -> ToyRepo:
    for name, text in entries.items():
        toy.write(f"tests/wrong/toy/{name}.toml", text)
    return toy


def test_a_caught_mistake_passes_with_its_catch_rate(toy: ToyRepo) -> None:
    ran = corpus(toy, plus=CAUGHT).run("-m", "harness.wrong")

    assert ran.status == 0, ran.output
    assert "toy                         1       1         0           0      100.0%" in ran.output


def test_a_survivor_fails_and_names_the_rule_it_breaks(toy: ToyRepo) -> None:
    ran = corpus(toy, plus=CAUGHT, unguarded=SURVIVOR).run("-m", "harness.wrong")

    assert ran.status == 1
    assert "toy                         2       1         1           0       50.0%" in ran.output
    assert "toy/unguarded: survives the tests of steps 1-2 ('Say hello.')" in ran.output


def test_a_survivor_marked_equivalent_passes(toy: ToyRepo) -> None:
    equivalent = 'equivalent = "the spec never says what an empty name gives"\n' + SURVIVOR

    ran = corpus(toy, unguarded=equivalent).run("-m", "harness.wrong")

    assert ran.status == 0, ran.output
    assert "toy                         1       0         0           1           -" in ran.output


def test_an_equivalent_that_the_tests_catch_is_named(toy: ToyRepo) -> None:
    ran = corpus(toy, plus='equivalent = "no"\n' + CAUGHT).run("-m", "harness.wrong")

    assert ran.status == 1
    assert "toy/plus: marked equivalent, but the tests catch it" in ran.output


def test_only_the_steps_up_to_the_entry_s_step_run(toy: ToyRepo) -> None:
    """Breaking greet is not caught by step 1's tests alone."""
    entry = (
        SURVIVOR.replace("step = 2", "step = 1")
        .replace('raise ValueError("name must not be empty")', 'return f"Hello, {name}!"')
        .replace('replace = "pass"', 'replace = "return name"')
    )

    ran = corpus(toy, greet=entry).run("-m", "harness.wrong")

    assert ran.status == 1
    assert "toy/greet: survives the tests of steps 1-1" in ran.output


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        pytest.param(
            CAUGHT.replace("return number * 2", "return number * 3"),
            "toy/broken: the text to find occurs 0 times in __init__.py, not once",
            id="edit no longer applies",
        ),
        pytest.param(
            CAUGHT.replace('replace = "return number + 2"', 'replace = "return ("'),
            "toy/broken: does not import",
            id="does not import",
        ),
        pytest.param(
            CAUGHT.replace('file = "__init__.py"', 'file = "gone.py"'),
            "toy/broken: gone.py is not in the reference",
            id="no such file",
        ),
    ],
)
def test_an_entry_that_cannot_be_tested_is_named(toy: ToyRepo, entry: str, problem: str) -> None:
    ran = corpus(toy, broken=entry).run("-m", "harness.wrong")

    assert ran.status == 1
    assert problem in ran.output


@pytest.mark.parametrize(
    ("entry", "error"),
    [
        pytest.param("rule = 'x'\nstep = 1\n", "needs at least one [[edits]] table", id="no edits"),
        pytest.param(
            CAUGHT.replace("step = 1", "step = 0"), "step must be a positive integer", id="step 0"
        ),
        pytest.param(
            CAUGHT.replace("step = 1", "step = 7"), "toy has no step 7", id="unknown step"
        ),
        pytest.param(
            CAUGHT.replace('rule = "Double it."', 'rule = ""'), "rule must quote", id="no rule"
        ),
        pytest.param("colour = 1\n" + CAUGHT, "unknown field(s) colour", id="unknown field"),
        pytest.param("verify = 1\n" + CAUGHT, "verify must be a string", id="verify not a name"),
        pytest.param(
            'verify = ["chmod", 2]\n' + CAUGHT, "or a list of strings", id="verify not names"
        ),
        pytest.param("rule = [", "error: tests/wrong/toy/bad.toml: ", id="not TOML"),
    ],
)
def test_a_malformed_entry_is_one_line_naming_it(toy: ToyRepo, entry: str, error: str) -> None:
    ran = corpus(toy, bad=entry).run("-m", "harness.wrong")

    assert ran.status == 1
    assert error in ran.output
    assert "Traceback" not in ran.output


def test_no_corpus_at_all_is_a_failure_not_a_pass(toy: ToyRepo) -> None:
    ran = toy.run("-m", "harness.wrong")

    assert ran.status == 1
    assert "no wrong implementations found" in ran.output


class RecordingLauncher:
    """A ``Launcher`` that runs pytest in a new process and keeps the test files of each run."""

    def __init__(self, toy: ToyRepo) -> None:
        self.tests = toy.root / "tests" / "toy"
        self.runs: list[list[str]] = []

    def __call__(self, args: list[str], root: Path, env: dict[str, str], *, quiet: bool) -> int:
        """Keep the names of the test files, then run pytest."""
        self.runs.append([Path(arg).name for arg in args if arg.startswith(str(self.tests))])
        return in_child(args, root, env, quiet=quiet)


def entry_of(toy: ToyRepo, text: str) -> WrongImplementation:
    return WrongImplementation.load(toy.write("tests/wrong/toy/entry.toml", text), "toy")


def test_the_entry_s_own_step_runs_alone_first_and_a_catch_there_ends_it(toy: ToyRepo) -> None:
    broken_greet = SURVIVOR.replace('raise ValueError("name must not be empty")', "return f")
    broken_greet = broken_greet.replace('replace = "pass"', 'replace = "return name + f"')
    launch = RecordingLauncher(toy)

    result = run_one(entry_of(toy, broken_greet), toy.root, launch)

    assert (result.outcome, result.detail) == (
        CAUGHT_OUTCOME,
        "tests/toy/test_step2_greet.py::test_greets_by_name",
    )
    assert launch.runs == [["test_step2_greet.py"]]


def test_the_earlier_steps_run_only_after_the_entry_s_own_step_passes(toy: ToyRepo) -> None:
    """Doubling wrongly, aimed at step 2: step 2's tests pass, step 1's catch it."""
    launch = RecordingLauncher(toy)

    result = run_one(entry_of(toy, CAUGHT.replace("step = 1", "step = 2")), toy.root, launch)

    assert (result.outcome, result.detail) == (
        CAUGHT_OUTCOME,
        "tests/toy/test_step1_double.py::test_doubles_three",
    )
    assert launch.runs == [["test_step2_greet.py"], ["test_step1_double.py"]]


def test_a_module_named_for_a_later_step_is_not_run(toy: ToyRepo) -> None:
    toy.write("tests/toy/test_step3_later.py", "raise SystemExit('imported')\n")
    launch = RecordingLauncher(toy)

    result = run_one(entry_of(toy, SURVIVOR), toy.root, launch)

    assert result.outcome == SURVIVED
    assert launch.runs == [["test_step2_greet.py"], ["test_step1_double.py"]]


def test_a_run_that_collects_no_test_is_a_failure_not_a_pass(toy: ToyRepo) -> None:
    toy.write(
        "tests/toy/test_step2_greet.py", "import pytest\n\npytestmark = pytest.mark.step(2)\n"
    )

    ran = corpus(toy, unguarded=SURVIVOR).run("-m", "harness.wrong")

    assert ran.status == 1
    assert "toy/unguarded: pytest ended with exit status 5" in ran.output


def test_a_step_without_a_test_module_is_a_failure_not_a_pass(toy: ToyRepo) -> None:
    for module in ("test_step1_double.py", "test_step2_greet.py"):
        (toy.root / "tests" / "toy" / module).unlink()

    result = run_one(entry_of(toy, CAUGHT), toy.root)

    assert (result.outcome, result.detail) == (
        BROKEN,
        "tests/toy/ has no test module of steps 1-1",
    )


def test_with_two_workers_every_entry_is_judged_as_with_one(toy: ToyRepo) -> None:
    many = {f"plus{number}": CAUGHT for number in range(3)}

    ran = corpus(toy, unguarded=SURVIVOR, **many).run("-m", "harness.wrong", "--jobs", "2")

    assert ran.status == 1
    assert "toy                         4       3         1           0       75.0%" in ran.output
    assert ran.output.count("survives") == 1


def test_no_workers_is_refused_in_one_line(toy: ToyRepo) -> None:
    ran = corpus(toy, plus=CAUGHT).run("-m", "harness.wrong", "--jobs", "0")

    assert ran.status == 2
    assert "--jobs 0: must be 1 or more" in ran.output


def test_a_skipped_test_catches_nothing(toy: ToyRepo) -> None:
    skipped = toy.root / "tests" / "toy" / "test_step2_greet.py"
    text = skipped.read_text(encoding="utf-8")
    skipped.write_text(text.replace("    assert greet", "    pytest.skip('no')\n    assert greet"))
    broken_greet = SURVIVOR.replace('raise ValueError("name must not be empty")', "return f")
    broken_greet = broken_greet.replace('replace = "pass"', 'replace = "return name + f"')

    result = run_one(entry_of(toy, broken_greet), toy.root)

    assert result.outcome == SURVIVED
