"""``dojo hint`` and ``hints.toml``: one more hint each time, for the step you are on."""

import io
import re
from pathlib import Path

import pytest

from dojo.errors import HintsError
from dojo.hints import Hints
from dojo.repository import Repository
from harness.catalog import Kata, Step
from tests.dojo.support import Dojo
from tests.harness.toy import ToyRepo

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("kata", Repository(REPO).katas(), ids=lambda kata: kata.name)
def test_every_step_of_every_kata_has_at_least_one_hint(kata: Kata) -> None:
    hints = Hints.load(kata, Repository(REPO).hints_file(kata.name))

    assert [step.number for step in kata.steps if not hints.of(step.number)] == []


def test_each_ask_reveals_one_more_hint_until_there_are_none_left(toy: ToyRepo) -> None:
    dojo = Dojo(toy.root)

    first, second, third = dojo("hint", "toy"), dojo("hint", "toy"), dojo("hint", "toy")

    assert first.status == second.status == third.status == 0
    assert "Step 1, Double: hint 1 of 2" in first.out
    assert "1. Multiply." in first.out
    assert "By two." not in first.out
    assert "Ask again for the next one: dojo hint toy" in first.out
    assert "hint 2 of 2" in second.out
    assert "1. Multiply." in second.out
    assert "2. By two." in second.out
    assert "That was the last hint." in second.out
    assert "hint 2 of 2" in third.out


def test_the_current_step_is_the_first_that_is_not_green(toy: ToyRepo) -> None:
    dojo = Dojo(toy.root)
    app = dojo.app(io.StringIO())
    app.progress.of("toy").steps[1] = (1, 1)
    app.progress.save()

    ran = dojo("hint", "toy")

    assert "Step 2, Greet: hint 1 of 1" in ran.out
    assert "Use an f-string." in ran.out


def test_a_chosen_step_gets_its_own_hints_and_count(toy: ToyRepo) -> None:
    dojo = Dojo(toy.root)

    dojo("hint", "toy")
    ran = dojo("hint", "toy", "--step", "2")

    assert "Step 2, Greet: hint 1 of 1" in ran.out


def test_a_step_without_hints_says_so(toy: ToyRepo) -> None:
    (toy.root / "katas" / "toy" / "hints.toml").unlink()

    ran = Dojo(toy.root)("hint", "toy")

    assert ran.status == 0
    assert "No hints for step 1, Double, yet" in ran.out


def test_an_unknown_step_is_a_usage_error(toy: ToyRepo) -> None:
    ran = Dojo(toy.root)("hint", "toy", "--step", "0")

    assert ran.status == 2
    assert ran.err.strip() == "dojo: error: toy has no step 0; its steps are 1-2"


KATA = Kata("toy", "Toy", "t", "beginner", ("Strategy",), ("SRP",), (Step(1, "Double", 5),))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param("steps = [", "hints.toml: not TOML", id="not TOML"),
        pytest.param("steps = 1", "expected [[steps]] tables", id="steps that are a number"),
        pytest.param(
            '[[steps]]\ntitle = "Double"\nhints = ["a"]\n' * 2,
            "2 steps, but toy has 1",
            id="more steps than the kata",
        ),
        pytest.param(
            '[[steps]]\ntitle = "Triple"\nhints = ["a"]\n',
            "title 'Triple' is not 'Double'",
            id="another title",
        ),
        pytest.param(
            '[[steps]]\ntitle = "Double"\nhints = "a"\n',
            "steps[1].hints must be a list of text",
            id="hints that are not a list",
        ),
        pytest.param(
            '[[steps]]\ntitle = "Double"\nhints = [" "]\n',
            "steps[1].hints must be a list of text",
            id="a blank hint",
        ),
        pytest.param(
            "steps = [1]\n", "steps[1] is not a [[steps]] table", id="a step that is a number"
        ),
    ],
)
def test_a_malformed_hints_file_is_refused_naming_the_problem(
    tmp_path: Path, text: str, problem: str
) -> None:
    (tmp_path / "hints.toml").write_text(text)

    with pytest.raises(HintsError, match=re.escape(problem)):
        Hints.load(KATA, tmp_path / "hints.toml")


def test_a_malformed_hints_file_is_a_one_line_error_from_the_command(toy: ToyRepo) -> None:
    toy.write("katas/toy/hints.toml", "steps = 1\n")

    ran = Dojo(toy.root)("hint", "toy")

    assert ran.status == 2
    assert "expected [[steps]] tables" in ran.err


def test_hints_spread_over_lines_read_as_one_line() -> None:
    assert Hints("toy", {1: ("a b",)}).of(1) == ("a b",)
    assert Hints("toy", {}).of(3) == ()


def test_a_chosen_step_says_how_to_ask_for_its_own_next_hint(toy: ToyRepo) -> None:
    toy.write(
        "katas/toy/hints.toml",
        '[[steps]]\ntitle = "Double"\nhints = ["a"]\n\n'
        '[[steps]]\ntitle = "Greet"\nhints = ["b", "c"]\n',
    )

    ran = Dojo(toy.root)("hint", "toy", "--step", "2")

    assert "Ask again for the next one: dojo hint toy --step 2" in ran.out


def test_hints_of_a_green_step_are_shown_in_full_and_not_counted(toy: ToyRepo) -> None:
    dojo = Dojo(toy.root)
    app = dojo.app(io.StringIO())
    app.progress.of("toy").steps[1] = (1, 1)
    app.progress.save()

    ran = dojo("hint", "toy", "--step", "1")

    assert "Step 1, Double, is green: its 2 hint(s)" in ran.out
    assert "1. Multiply." in ran.out
    assert "2. By two." in ran.out
    assert "not counted" in ran.out
    assert dojo.app(io.StringIO()).progress.of("toy").hints == {}
