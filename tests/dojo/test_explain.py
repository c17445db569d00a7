"""How a recorded failure is told to the learner."""

import pytest

from dojo.explain import WINDOW, Explanation, around_difference, explain
from harness.results import FAILED, Outcome

NODE = "tests/toy/test_step1_double.py::test_doubles_three"


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        pytest.param(
            "NotImplementedError",
            Explanation(
                "test_doubles_three",
                "not written yet: the code still raises NotImplementedError",
                where="katas/toy/__init__.py:6",
            ),
            id="a skeleton body",
        ),
        pytest.param(
            "Failed: DID NOT RAISE <class 'parking_lot.errors.LotFullError'>",
            Explanation(
                "test_doubles_three",
                "an error was expected, none was raised",
                "LotFullError",
                "no error",
                where="katas/toy/__init__.py:6",
                rule="LotFullError",
            ),
            id="an error not raised",
        ),
        pytest.param(
            "AssertionError: assert 5 == 6\n +  where 5 = double(3)",
            Explanation(
                "test_doubles_three",
                "AssertionError: assert 5 == 6",
                "6",
                "5",
                ("+  where 5 = double(3)",),
                "katas/toy/__init__.py:6",
            ),
            id="a comparison",
        ),
        pytest.param(
            "assert 'a' in ['b']",
            Explanation(
                "test_doubles_three", "assert 'a' in ['b']", where="katas/toy/__init__.py:6"
            ),
            id="another operator",
        ),
        pytest.param(
            "TypeError: unsupported operand",
            Explanation(
                "test_doubles_three",
                "TypeError: unsupported operand",
                where="katas/toy/__init__.py:6",
            ),
            id="an exception",
        ),
        pytest.param(
            "",
            Explanation(
                "test_doubles_three",
                "the test failed without a message",
                where="katas/toy/__init__.py:6",
            ),
            id="no message",
        ),
    ],
)
def test_a_failure_is_explained_in_a_few_lines(message: str, expected: Explanation) -> None:
    outcome = Outcome(NODE, 1, FAILED, message, "katas/toy/__init__.py:6")

    assert explain(outcome) == expected


def test_long_messages_keep_only_the_first_few_details() -> None:
    message = "assert 1 == 2\n" + "\n".join(f"detail {n}" for n in range(10))

    assert len(explain(Outcome(NODE, 1, FAILED, message)).details) == 4


@pytest.mark.parametrize(
    ("nodeid", "name"),
    [
        pytest.param("tests/k/test_a.py::test_b", "test_b", id="a plain test"),
        pytest.param("tests/k/test_a.py::TestC::test_b[1]", "test_b[1]", id="a method with a case"),
        pytest.param(
            "tests/k/test_a.py::test_b[u::rw-,o::r]", "test_b[u::rw-,o::r]", id="colons in the case"
        ),
    ],
)
def test_the_test_is_named_with_its_case(nodeid: str, name: str) -> None:
    assert explain(Outcome(nodeid, 1, FAILED, "boom")).test == name


def test_pytests_advice_about_its_verbose_mode_is_left_out() -> None:
    message = "assert [1, 2] == [1, 3]\n  At index 1 diff: 2 != 3\n  Use -v to get more diff"

    assert explain(Outcome(NODE, 1, FAILED, message)).details == ("At index 1 diff: 2 != 3",)


def test_an_expected_tuple_of_errors_names_each() -> None:
    message = "Failed: DID NOT RAISE (<class 'k.A'>, <class 'k.BError'>)"

    explained = explain(Outcome(NODE, 1, FAILED, message))

    assert (explained.expected, explained.rule) == ("A or BError", "A")


def test_long_values_are_shown_around_their_first_difference() -> None:
    common = "datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.timezone.utc), " * 3
    message = f"assert [{common}1] == [{common}2]"

    explained = explain(Outcome(NODE, 1, FAILED, message))

    assert explained.expected != explained.actual
    assert explained.expected.endswith("2]")
    assert explained.actual.endswith("1]")
    assert explained.expected.startswith("...")
    assert len(explained.expected) <= WINDOW + 6


@pytest.mark.parametrize(
    ("expected", "actual", "shown"),
    [
        pytest.param("short", "shirt", ("short", "shirt"), id="short values as they are"),
        pytest.param(
            "a" * 100,
            "a" * 100 + "b",
            ("..." + "a" * 13, "..." + "a" * 13 + "b"),
            id="one is the other and more",
        ),
    ],
)
def test_around_the_difference(expected: str, actual: str, shown: tuple[str, str]) -> None:
    assert around_difference(expected, actual, window=40) == shown
