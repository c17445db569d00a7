"""The real collaborators where a test can drive them: the yes-or-no question."""

import io
from pathlib import Path

import pytest
from rich.console import Console

from dojo import adapters
from dojo.repository import Repository
from harness.results import PASSED

REPO = Path(__file__).resolve().parents[2]


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


def test_the_real_runner_passes_the_reference_state_machines_too() -> None:
    # The katas' Hypothesis state machines are unittest test cases, which need pytest
    # plugins a practice run might be tempted to leave out.
    repository = Repository(REPO)

    status, results = adapters.run_in_child("parking_lot", repository.reference, 1, REPO)

    names = [outcome.nodeid for outcome in results.outcomes]
    assert status == 0
    assert any(name.endswith("::runTest") for name in names)
    assert {outcome.outcome for outcome in results.outcomes} == {PASSED}
