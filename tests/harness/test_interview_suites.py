"""Interview suites: the interview(stage) marker, --stage, and the two-sided check of them."""

import pytest

from tests.harness.toy import ToyRepo, add_interview


@pytest.fixture
def interviewed(toy: ToyRepo) -> ToyRepo:
    return add_interview(toy)


def test_the_interview_suite_passes_through_the_reference_driver(interviewed: ToyRepo) -> None:
    ran = interviewed.pytest("tests/interview/toy", "--impl", "solutions")

    assert ran.status == 0, ran.output
    assert "2 passed" in ran.output


def test_the_interview_suite_fails_through_the_empty_driver(interviewed: ToyRepo) -> None:
    ran = interviewed.pytest("tests/interview/toy")

    assert ran.status == 1, ran.output
    assert "2 failed" in ran.output


def test_stage_core_runs_the_core_only(interviewed: ToyRepo) -> None:
    ran = interviewed.pytest("tests/interview/toy", "--impl", "solutions", "--stage", "core")

    assert ran.status == 0, ran.output
    assert "1 passed, 1 deselected" in ran.output


def test_a_change_stage_runs_the_core_and_the_changes_up_to_it(interviewed: ToyRepo) -> None:
    ran = interviewed.pytest("tests/interview/toy", "--impl", "solutions", "--stage", "greetings")

    assert ran.status == 0, ran.output
    assert "2 passed" in ran.output
    assert "deselected" not in ran.output


def test_an_unknown_stage_is_refused_with_the_stages(interviewed: ToyRepo) -> None:
    ran = interviewed.pytest("tests/interview/toy", "--stage", "robots")

    assert ran.status == 4
    assert "no interview stage 'robots'; the stages are: core, greetings" in ran.output
    assert "Traceback" not in ran.output


def test_stage_leaves_the_step_suite_alone(interviewed: ToyRepo) -> None:
    ran = interviewed.pytest("tests/toy", "--impl", "solutions", "--stage", "core")

    assert ran.status == 0, ran.output
    assert "2 passed" in ran.output


def test_an_interview_test_without_a_stage_is_refused(interviewed: ToyRepo) -> None:
    interviewed.write(
        "tests/interview/toy/test_loose.py",
        """\
        def test_loose() -> None:
            assert True
        """,
    )

    ran = interviewed.pytest("tests/interview/toy", "--impl", "solutions")

    assert ran.status == 4
    assert "test_loose.py::test_loose: needs exactly one interview(STAGE) marker" in ran.output


def test_an_interview_test_of_an_unknown_stage_is_refused(interviewed: ToyRepo) -> None:
    interviewed.write(
        "tests/interview/toy/test_odd.py",
        """\
        import pytest

        @pytest.mark.interview("robots")
        def test_odd() -> None:
            assert True
        """,
    )

    ran = interviewed.pytest("tests/interview/toy", "--impl", "solutions")

    assert ran.status == 4
    assert "test_odd.py::test_odd: no interview stage 'robots'" in ran.output


def test_the_check_covers_the_interview_suite_stage_by_stage(interviewed: ToyRepo) -> None:
    ran = interviewed.run("-m", "harness.check")

    assert ran.status == 0, ran.output
    assert ran.row("toy", "interview", "core") == ["1", "1", "1", "2/2"]
    assert ran.row("toy", "interview", "greetings") == ["1", "1", "1", "1/1"]
    assert ran.row("toy", "interview", "shared") == ["1/1"]
    assert "two-sided check: 4 acceptance tests, 0 violations" in ran.output


def test_the_check_names_an_interview_test_that_passes_on_the_empty_driver(
    interviewed: ToyRepo,
) -> None:
    interviewed.write(
        "katas/toy/driver.py",
        """\
        def double_of(n: int) -> int:
            return 2 * n


        def greeting(name: str) -> str:
            raise NotImplementedError
        """,
    )

    ran = interviewed.run("-m", "harness.check")

    assert ran.status == 1
    assert "test_core.py::test_a_number_doubles: passes against the katas/ skeleton" in ran.output


def test_the_check_names_a_stage_without_tests(interviewed: ToyRepo) -> None:
    (interviewed.root / "tests/interview/toy/test_change_1_greetings.py").unlink()

    ran = interviewed.run("-m", "harness.check")

    assert ran.status == 1
    assert "toy: interview stage greetings (Greetings) has no tests" in ran.output


@pytest.mark.parametrize(
    ("path", "text", "problem"),
    [
        pytest.param(
            "katas/toy/INTERVIEW.md",
            "# Interview\n\n## Prompt\n\nDesign a doubler.\n",
            "missing section(s) Core requirements, Driver contract, Rubric, Follow-up questions",
            id="sections missing",
        ),
        pytest.param(
            "katas/toy/kata.toml",
            None,
            "INTERVIEW.md's prompt 'Design a doubler.' is not kata.toml's 'Design a tripler.'",
            id="prompts differ",
        ),
    ],
)
def test_the_check_names_what_is_wrong_with_the_interview_spec(
    interviewed: ToyRepo, path: str, text: str | None, problem: str
) -> None:
    if text is None:
        original = (interviewed.root / path).read_text()
        text = original.replace("Design a doubler.", "Design a tripler.")
    interviewed.write(path, text)

    ran = interviewed.run("-m", "harness.check")

    assert ran.status == 1
    assert problem in ran.output


def test_the_check_needs_both_drivers_for_an_interview(interviewed: ToyRepo) -> None:
    (interviewed.root / "katas/toy/driver.py").unlink()

    ran = interviewed.run("-m", "harness.check")

    assert ran.status == 1
    assert "toy: interview mode needs katas/toy/driver.py" in ran.output
