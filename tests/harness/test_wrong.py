"""The corpus of wrong implementations, run end to end on the toy kata."""

import pytest

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
