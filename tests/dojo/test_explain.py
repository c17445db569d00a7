"""How a recorded failure is told to the learner."""

import pytest

from dojo.explain import Explanation, explain
from harness.results import FAILED, Outcome

NODE = "tests/toy/test_step1_double.py::test_doubles_three"


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "NotImplementedError",
            Explanation(
                "test_doubles_three",
                "not written yet: this part of the skeleton still raises NotImplementedError",
                where="katas/toy/__init__.py:6",
            ),
        ),
        (
            "Failed: DID NOT RAISE <class 'parking_lot.errors.LotFullError'>",
            Explanation(
                "test_doubles_three",
                "an error was expected, none was raised",
                "LotFullError",
                "no error",
                where="katas/toy/__init__.py:6",
            ),
        ),
        (
            "AssertionError: assert 5 == 6\n +  where 5 = double(3)",
            Explanation(
                "test_doubles_three",
                "AssertionError: assert 5 == 6",
                "6",
                "5",
                ("+  where 5 = double(3)",),
                "katas/toy/__init__.py:6",
            ),
        ),
        (
            "assert 'a' in ['b']",
            Explanation(
                "test_doubles_three", "assert 'a' in ['b']", where="katas/toy/__init__.py:6"
            ),
        ),
        (
            "TypeError: unsupported operand",
            Explanation(
                "test_doubles_three",
                "TypeError: unsupported operand",
                where="katas/toy/__init__.py:6",
            ),
        ),
        (
            "",
            Explanation(
                "test_doubles_three",
                "the test failed without a message",
                where="katas/toy/__init__.py:6",
            ),
        ),
    ],
)
def test_a_failure_is_explained_in_a_few_lines(message: str, expected: Explanation) -> None:
    outcome = Outcome(NODE, 1, FAILED, message, "katas/toy/__init__.py:6")

    assert explain(outcome) == expected


def test_long_messages_keep_only_the_first_few_details() -> None:
    message = "assert 1 == 2\n" + "\n".join(f"detail {n}" for n in range(10))

    assert len(explain(Outcome(NODE, 1, FAILED, message)).details) == 4
