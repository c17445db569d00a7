"""The real collaborators where a test can drive them: the yes-or-no question."""

import io

import pytest
from rich.console import Console

from dojo import adapters


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        pytest.param("y", True, id="yes"),
        pytest.param("n", False, id="no"),
        pytest.param("", False, id="Enter alone"),
    ],
)
def test_the_question_is_a_yes_only_when_the_answer_is_yes(
    monkeypatch: pytest.MonkeyPatch, typed: str, *, answer: bool
) -> None:
    monkeypatch.setattr("builtins.input", lambda *_: typed)

    assert adapters.confirm("Go?", Console(file=io.StringIO())) is answer


def test_the_end_of_input_at_the_question_is_a_no(monkeypatch: pytest.MonkeyPatch) -> None:
    def ctrl_d(*_: object) -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", ctrl_d)

    assert adapters.confirm("Go?", Console(file=io.StringIO())) is False
