"""The two-sided check, run in a toy repository."""

from tests.harness.toy import ToyRepo

TRIVIAL = """\
import pytest

pytestmark = pytest.mark.step(1)


def test_always() -> None:
    assert True
"""


def test_a_sound_kata_passes_with_a_table_per_step(toy: ToyRepo) -> None:
    ran = toy.run("-m", "harness.check")

    assert ran.status == 0, ran.output
    assert ran.row("toy", "steps", "1") == ["1", "1", "1", "1/1"]
    assert ran.row("toy", "steps", "2") == ["1", "1", "1", "1/1"]
    assert "two-sided check: 2 acceptance tests, 0 violations" in ran.output


def test_a_test_that_passes_against_the_skeleton_is_named(toy: ToyRepo) -> None:
    toy.write("tests/toy/test_step1_trivial.py", TRIVIAL)

    ran = toy.run("-m", "harness.check")

    assert ran.status == 1
    assert "test_step1_trivial.py::test_always: passes against the katas/ skeleton" in ran.output


def test_a_test_that_fails_against_the_solution_is_named(toy: ToyRepo) -> None:
    toy.write(
        "tests/toy/test_step2_wrong.py",
        """\
        import pytest
        from toy import greet

        pytestmark = pytest.mark.step(2)


        def test_wrong() -> None:
            assert greet("Ada") == "Hi"
        """,
    )

    ran = toy.run("-m", "harness.check")

    assert ran.status == 1
    assert "test_step2_wrong.py::test_wrong: failed against solutions" in ran.output


def test_a_step_without_tests_is_reported(toy: ToyRepo) -> None:
    toy.write(
        "katas/toy/kata.toml",
        (toy.root / "katas/toy/kata.toml").read_text()
        + '\n[[steps]]\ntitle = "Wave"\nminutes = 5\n',
    )
    toy.write(
        "katas/toy/README.md",
        (toy.root / "katas/toy/README.md").read_text() + "\n## Step 3: Wave\n",
    )

    ran = toy.run("-m", "harness.check")

    assert ran.status == 1
    assert "toy: step 3 (Wave) has no tests" in ran.output


def test_spec_headings_that_disagree_with_the_metadata_are_reported(toy: ToyRepo) -> None:
    toy.write("katas/toy/README.md", "# Toy\n\n## Step 1: Double\n\n## Step 2: Wave\n")

    ran = toy.run("-m", "harness.check")

    assert ran.status == 1
    assert "README.md step headings" in ran.output
    assert "(2, 'Wave')" in ran.output


def test_a_test_without_a_step_fails_the_check(toy: ToyRepo) -> None:
    toy.write("tests/toy/test_step1_stray.py", "def test_stray() -> None:\n    assert True\n")

    ran = toy.run("-m", "harness.check")

    assert ran.status == 1
    assert "needs exactly one step(N) marker" in ran.output
    assert "the run against solutions ended with pytest exit status 4" in ran.output


def test_a_kata_without_tests_fails_the_check(toy: ToyRepo) -> None:
    for module in (toy.root / "tests" / "toy").glob("test_*.py"):
        module.unlink()

    ran = toy.run("-m", "harness.check")

    assert ran.status == 1
    assert "no acceptance tests were collected" in ran.output


def test_coverage_below_the_target_fails_the_check(toy: ToyRepo) -> None:
    ran = toy.run("-m", "harness.check", "--cov-fail-under", "100")

    assert ran.status == 1
    assert "coverage below the target" in ran.output


def test_coverage_at_the_target_passes(toy: ToyRepo) -> None:
    toy.write(
        "solutions/toy/__init__.py",
        """\
        def double(number: int) -> int:
            return 2 * number


        def greet(name: str) -> str:
            return f"Hello, {name}!"
        """,
    )

    ran = toy.run("-m", "harness.check", "--cov-fail-under", "100")

    assert ran.status == 0, ran.output


def test_a_skeleton_that_does_not_import_is_named(toy: ToyRepo) -> None:
    toy.write("katas/toy/__init__.py", "def double(:\n")

    ran = toy.run("-m", "harness.check")

    assert ran.status == 1
    assert "does not collect against katas" in ran.output


def test_an_unknown_kata_is_refused_with_the_known_ones(toy: ToyRepo) -> None:
    ran = toy.run("-m", "harness.check", "parking")

    assert ran.status == 2
    assert "unknown kata(s) parking; the katas are: toy" in ran.output


def test_a_rule_no_test_quotes_fails_the_check(toy: ToyRepo) -> None:
    toy.write("katas/toy/README.md", SPEC_WITH_AN_UNTESTED_RULE)

    ran = toy.run("-m", "harness.check")

    assert ran.status == 1
    assert "1 gap(s) between the tests and the spec:" in ran.output
    assert "no test of it quotes 'Shout when asked.'" in ran.output


def test_report_untraced_prints_the_gaps_without_failing(toy: ToyRepo) -> None:
    toy.write("katas/toy/README.md", SPEC_WITH_AN_UNTESTED_RULE)

    ran = toy.run("-m", "harness.check", "--report-untraced")

    assert ran.status == 0, ran.output
    assert (
        "1 gap(s) between the tests and the spec (reported only: --report-untraced)" in ran.output
    )


def test_a_skeleton_signature_that_differs_from_the_reference_is_named(toy: ToyRepo) -> None:
    toy.write(
        "katas/toy/__init__.py",
        """\
        def double(number: int, times: int = 2) -> int:
            raise NotImplementedError


        def greet(name: str) -> str:
            raise NotImplementedError
        """,
    )

    ran = toy.run("-m", "harness.check")

    assert ran.status == 1
    assert "toy: double: katas/ has (number, times=2), solutions/ has (number)" in ran.output


def test_a_name_in_the_specs_import_list_must_be_in_the_skeleton(toy: ToyRepo) -> None:
    spec = (toy.root / "katas/toy/README.md").read_text()
    toy.write(
        "katas/toy/README.md",
        spec + "\n```python\nfrom toy import (\n    double,\n    shout,\n)\n```\n",
    )

    ran = toy.run("-m", "harness.check")

    assert ran.status == 1
    assert (
        "toy: the spec's import list names shout, which the skeleton does not define" in ran.output
    )


SPEC_WITH_AN_UNTESTED_RULE = (
    "# Toy\n\n## Step 1: Double\n\nDouble it.\n\n## Step 2: Greet\n\nSay hello. Shout when asked.\n"
)
