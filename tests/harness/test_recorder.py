"""The outcome recorder: each failure read from its exception; tracebacks only when shown."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from harness.results import RunResults

if TYPE_CHECKING:
    from pathlib import Path

    from tests.harness.toy import ToyRepo

WRONG = """\
def double(number: int) -> int:
    return number + 2


def greet(name: str) -> str:
    return name
"""


def recorded(toy: ToyRepo, *args: str) -> tuple[RunResults, str]:
    """Run the toy suite with ``args``; what the recorder wrote, and what pytest printed."""
    results = toy.root / "results.json"
    ran = toy.pytest("tests/toy", f"--results-json={results}", "-p", "no:randomly", *args)
    return RunResults.read(results), ran.output


@pytest.mark.parametrize("traceback", ["--tb=no", "--tb=short"])
def test_a_failure_is_read_the_same_whether_or_not_its_traceback_is_shown(
    toy: ToyRepo, traceback: str
) -> None:
    toy.write("katas/toy/__init__.py", WRONG)

    results, _ = recorded(toy, traceback)

    failure = results.outcomes[0]
    assert failure.message.splitlines()[0] == "assert 5 == 6"
    assert "where 5 = double(3)" in failure.message
    assert failure.code == "assert double(3) == 6"
    assert failure.where == ""


def test_a_skipped_test_is_recorded_with_the_reason_it_gave(toy: ToyRepo) -> None:
    step_2 = (toy.root / "tests/toy/test_step2_greet.py").read_text()
    toy.write(
        "tests/toy/test_step2_greet.py",
        step_2.replace(
            '    assert greet("Ada")', '    pytest.skip("no server here")\n    assert greet("Ada")'
        ),
    )

    results, _ = recorded(toy, "--tb=no", "--impl", "solutions")

    assert [(outcome.outcome, outcome.message) for outcome in results.outcomes] == [
        ("passed", ""),
        ("skipped", "no server here"),
    ]
    assert results.skip_reasons(2) == {2: "no server here"}
    assert results.skip_reasons(1) == {}
    assert results.first_failure(2) is None


def test_the_deepest_line_of_the_implementation_is_where(toy: ToyRepo) -> None:
    results, _ = recorded(toy, "--tb=no")

    assert [outcome.message for outcome in results.outcomes] == ["NotImplementedError"] * 2
    assert [outcome.where for outcome in results.outcomes] == [
        "katas/toy/__init__.py:6",
        "katas/toy/__init__.py:11",
    ]
    assert results.outcomes[1].code == 'assert greet("Ada") == "Hello, Ada!"'


def test_without_tracebacks_pytest_prints_one_line_per_failure(toy: ToyRepo) -> None:
    toy.write("katas/toy/__init__.py", WRONG)

    _, output = recorded(toy, "--tb=no", "-rf")

    assert "FAILED tests/toy/test_step1_double.py::test_doubles_three - assert 5 == 6" in output
    assert "def test_doubles_three" not in output


def test_code_that_does_not_compile_is_named_with_its_file_line_and_text(toy: ToyRepo) -> None:
    toy.write("katas/toy/__init__.py", "def double(number:\n    return 1\n")

    results, _ = recorded(toy, "--tb=no")

    error = results.collection_errors[0]
    assert error.message.startswith("SyntaxError: ")
    assert error.where == "katas/toy/__init__.py:1"
    assert error.code == "def double(number:"


def test_code_that_fails_while_importing_is_named_with_its_deepest_line(toy: ToyRepo) -> None:
    toy.write("katas/toy/helpers.py", "VALUE = 1 / 0\n")
    toy.write("katas/toy/__init__.py", "from toy.helpers import VALUE\n")

    results, _ = recorded(toy, "--tb=no")

    error = results.collection_errors[0]
    assert error.message == "ZeroDivisionError: division by zero"
    assert error.where == "katas/toy/helpers.py:1"


def test_an_outcome_without_the_newer_fields_still_reads(tmp_path: Path) -> None:
    old = {"nodeid": "t::a", "step": 1, "outcome": "failed", "message": "m", "where": "w"}
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"outcomes": [old], "collection_errors": []}))

    assert RunResults.read(path).outcomes[0].code == ""
