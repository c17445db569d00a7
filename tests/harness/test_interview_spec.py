"""The ``[interview]`` table of kata.toml and the shape of INTERVIEW.md, read and refused."""

import re
from typing import Any

import pytest

from harness.catalog import Kata, MetadataError
from harness.interview import RUBRIC_AREAS, InterviewSpec, InterviewSpecError
from tests.harness.toy import INTERVIEW_SPEC

BASE: dict[str, Any] = {
    "title": "Toy",
    "summary": "A toy.",
    "difficulty": "beginner",
    "patterns": ["Strategy"],
    "principles": ["SRP"],
    "steps": [{"title": "One", "minutes": 5}],
}
INTERVIEW: dict[str, Any] = {
    "prompt": "Design a toy.",
    "clarify_minutes": 5,
    "core_minutes": 25,
    "review_minutes": 5,
    "changes": [
        {"id": "ev-spots", "title": "Electric spots", "minutes": 5},
        {"id": "tariffs", "title": "Weekend tariff", "minutes": 5},
    ],
}


def kata(interview: dict[str, Any]) -> Kata:
    return Kata.from_mapping("toy", {**BASE, "interview": interview}, source="kata.toml")


def test_an_interview_numbers_its_stages_from_the_core() -> None:
    found = kata(INTERVIEW).interview

    assert found is not None
    assert [(stage.number, stage.id) for stage in found.stages] == [
        (1, "core"),
        (2, "ev-spots"),
        (3, "tariffs"),
    ]
    assert found.minutes == 45
    assert found.stage("tariffs").title == "Weekend tariff"
    assert [stage.id for stage in found.changes] == ["ev-spots", "tariffs"]


def test_a_kata_without_an_interview_has_none() -> None:
    assert Kata.from_mapping("toy", BASE, source="kata.toml").interview is None


def test_an_unknown_stage_lists_the_stages() -> None:
    found = kata(INTERVIEW).interview
    assert found is not None

    with pytest.raises(MetadataError, match="the stages are: core, ev-spots, tariffs"):
        found.stage("robots")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param({"prompt": ""}, "interview.prompt must be a non-empty string", id="no prompt"),
        pytest.param({"core_minutes": 0}, "core_minutes must be a positive integer", id="0 min"),
        pytest.param({"review_minutes": True}, "review_minutes must be a positive", id="bool"),
        pytest.param({"changes": []}, "changes must be a non-empty list", id="no changes"),
        pytest.param({"changes": ["x"]}, "interview.changes[1] must be a table", id="not table"),
        pytest.param({"colour": 1}, "unknown field(s) interview.colour", id="unknown field"),
        pytest.param(
            {"changes": [{"id": "Core", "title": "x", "minutes": 1}]},
            "id 'Core' must be lower-case words",
            id="bad id",
        ),
        pytest.param(
            {"changes": [{"id": "core", "title": "x", "minutes": 1}]}, "and not 'core'", id="core"
        ),
        pytest.param(
            {"changes": [{"id": "a", "title": "x", "minutes": 1}] * 2},
            "id 'a' is used twice",
            id="twice",
        ),
    ],
)
def test_a_bad_interview_table_names_the_field(change: dict[str, Any], message: str) -> None:
    with pytest.raises(MetadataError, match=re.escape(message)):
        kata({**INTERVIEW, **change})


def test_an_interview_that_is_not_a_table_is_refused() -> None:
    with pytest.raises(MetadataError, match="interview must be a table"):
        Kata.from_mapping("toy", {**BASE, "interview": "yes"}, source="kata.toml")


def test_the_interview_spec_reads_every_section() -> None:
    spec = InterviewSpec.parse(INTERVIEW_SPEC, source="INTERVIEW.md")

    assert spec.prompt == "Design a doubler."
    assert [(item.number, item.title) for item in spec.requirements] == [(1, "Numbers double")]
    assert spec.requirements[0].answer == "A number comes back twice as large."
    assert spec.requirements[0].ask == "What does it do to a number?"
    assert spec.requirements[0].why == "it is the whole job."
    assert spec.change_title(1) == "Greetings"
    assert spec.stage_section(2).title == "Change request 1: Greetings"
    assert [area for area, _strong in spec.rubric] == list(RUBRIC_AREAS)
    assert spec.follow_ups[0].question == "What about floats?"
    assert "[the spec](README.md)" in spec.follow_ups[0].answer


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param("## Rubric", "## Scores", "missing section(s) Rubric", id="no rubric"),
        pytest.param(
            "   - Ask: What does it do to a number?\n", "", "needs a bold title", id="no ask"
        ),
        pytest.param("**Numbers double.**", "Numbers double.", "bold title", id="no title"),
        pytest.param(
            "Change request 1: Greetings", "Change request 2: Greetings", "numbered 1", id="gap"
        ),
        pytest.param("| Testing | table of cases |\n", "", "one row per area", id="area gone"),
        pytest.param(
            "see [the spec](README.md)", "see the spec", "needs a model answer", id="link"
        ),
        pytest.param("### What about floats?", "What about floats?", "no follow-up", id="none"),
        pytest.param("\nDesign a doubler.\n", "\n", "the Prompt section is empty", id="prompt"),
    ],
)
def test_an_interview_spec_of_the_wrong_shape_says_what_is_wrong(
    old: str, new: str, message: str
) -> None:
    text = INTERVIEW_SPEC.replace(old, new)
    assert text != INTERVIEW_SPEC

    with pytest.raises(InterviewSpecError, match=re.escape(message)):
        InterviewSpec.parse(text, source="INTERVIEW.md")


def test_an_empty_requirements_list_is_refused() -> None:
    start = INTERVIEW_SPEC.index("1. **Numbers")
    end = INTERVIEW_SPEC.index("## Driver contract")
    text = INTERVIEW_SPEC[:start] + "Nothing yet.\n\n" + INTERVIEW_SPEC[end:]

    with pytest.raises(InterviewSpecError, match="the Core requirements list is empty"):
        InterviewSpec.parse(text, source="INTERVIEW.md")
