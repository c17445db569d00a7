"""Kata metadata: loading, validation and consistency with the repository."""

from pathlib import Path
from typing import Any

import pytest

from harness.catalog import (
    Kata,
    MetadataError,
    Step,
    consistency_problems,
    kata_names,
    load_kata,
    spec_steps,
)
from tests.harness.toy import REPO, ToyRepo

VALID: dict[str, Any] = {
    "title": "Toy",
    "summary": "Two functions.",
    "difficulty": "beginner",
    "patterns": ["Strategy"],
    "principles": ["SRP"],
    "steps": [{"title": "Double", "minutes": 5}, {"title": "Greet", "minutes": 10}],
}


def test_valid_metadata_is_read_with_steps_numbered_from_one() -> None:
    kata = Kata.from_mapping("toy", VALID, source="kata.toml")

    assert kata.steps == (Step(1, "Double", 5), Step(2, "Greet", 10))
    assert kata.minutes == 15
    assert kata.step(2).title == "Greet"


def test_a_step_may_be_marked_advanced() -> None:
    steps = [{"title": "Double", "minutes": 5}, {"title": "Greet", "minutes": 10, "advanced": True}]

    kata = Kata.from_mapping("toy", {**VALID, "steps": steps}, source="kata.toml")

    assert [step.advanced for step in kata.steps] == [False, True]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param({"title": ""}, "title must be a non-empty string", id="an empty title"),
        pytest.param(
            {"summary": 3}, "summary must be a non-empty string", id="a summary that is a number"
        ),
        pytest.param(
            {"difficulty": "easy"},
            "difficulty 'easy' is not one of beginner, intermediate, advanced",
            id="an unknown difficulty",
        ),
        pytest.param({"patterns": []}, "patterns must be a non-empty list", id="no patterns"),
        pytest.param(
            {"patterns": ["Visitor"]}, "patterns has unknown ['Visitor']", id="an unknown pattern"
        ),
        pytest.param(
            {"patterns": [["Strategy"]]},
            "patterns has unknown [['Strategy']]",
            id="a pattern that is a list",
        ),
        pytest.param(
            {"principles": ["DRY"]}, "principles has unknown ['DRY']", id="an unknown principle"
        ),
        pytest.param({"steps": []}, "steps must be a non-empty list", id="no steps"),
        pytest.param(
            {"steps": [{"title": "A", "minutes": 0}]},
            "steps[1].minutes must be a positive integer",
            id="zero minutes",
        ),
        pytest.param(
            {"steps": [{"title": "A", "minutes": True}]},
            "steps[1].minutes must be a positive integer",
            id="minutes that are a boolean",
        ),
        pytest.param(
            {"steps": [{"minutes": 5}]},
            "steps[1].title must be a non-empty string",
            id="a step without a title",
        ),
        pytest.param(
            {"steps": [{"title": "A", "minutes": 5, "advanced": "yes"}]},
            "steps[1].advanced must be true or false",
            id="advanced that is not a boolean",
        ),
        pytest.param({"colour": "red"}, "unknown field(s) colour", id="an unknown field"),
    ],
)
def test_invalid_metadata_names_the_source_and_the_field(
    change: dict[str, Any], message: str
) -> None:
    with pytest.raises(MetadataError) as raised:
        Kata.from_mapping("toy", {**VALID, **change}, source="katas/toy/kata.toml")

    assert str(raised.value).startswith("katas/toy/kata.toml: ")
    assert message in str(raised.value)


def test_a_step_out_of_range_names_the_valid_range() -> None:
    kata = Kata.from_mapping("toy", VALID, source="kata.toml")

    with pytest.raises(MetadataError, match=r"toy has no step 0; its steps are 1\-2"):
        kata.step(0)


def test_a_file_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kata.toml"
    path.write_text("title = ", encoding="utf-8")

    with pytest.raises(MetadataError, match=r"kata\.toml"):
        Kata.load(path)


def test_spec_step_headings_are_read_in_order() -> None:
    spec = "# T\n## Step 1: Park and leave\ntext\n## Step 2: Sizes  \n### Step 3: not a step\n"

    assert spec_steps(spec) == [(1, "Park and leave"), (2, "Sizes")]


def test_unknown_kata_lists_the_known_ones(toy: ToyRepo) -> None:
    with pytest.raises(MetadataError, match=r"unknown kata 'nope'; the katas are: toy"):
        load_kata("nope", toy.root)


def test_a_consistent_kata_has_no_problems(toy: ToyRepo) -> None:
    kata = load_kata("toy", toy.root)

    assert consistency_problems(kata, {1: 1, 2: 1}, toy.root) == []


def test_missing_folders_steps_without_tests_and_unknown_steps_are_problems(
    toy: ToyRepo,
) -> None:
    kata = load_kata("toy", toy.root)
    (toy.root / "solutions" / "toy" / "__init__.py").unlink()
    (toy.root / "solutions" / "toy").rmdir()
    (toy.root / "katas" / "toy" / "README.md").unlink()

    problems = consistency_problems(kata, {1: 2, 4: 1}, toy.root)

    assert problems == [
        "toy: missing solutions/toy/",
        "toy: README.md step headings [] do not match kata.toml [(1, 'Double'), (2, 'Greet')]",
        "toy: step 2 (Greet) has no tests",
        "toy: 1 test(s) marked step(4), which kata.toml does not list",
    ]


def test_every_kata_of_the_repository_has_valid_metadata() -> None:
    names = kata_names(REPO)

    katas = [load_kata(name, REPO) for name in names]

    assert "parking_lot" in names
    assert all(kata.steps for kata in katas)
