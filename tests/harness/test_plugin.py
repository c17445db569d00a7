"""The pytest plugin: --impl, --step and the one-step-per-test rule, run in a toy repository."""

import shutil

from tests.harness.toy import ToyRepo


def test_tests_run_against_the_solution_when_asked(toy: ToyRepo) -> None:
    ran = toy.pytest("tests/toy", "--impl", "solutions")

    assert ran.status == 0, ran.output
    assert "2 passed" in ran.output


def test_tests_run_against_the_skeleton_by_default(toy: ToyRepo) -> None:
    ran = toy.pytest("tests/toy")

    assert ran.status == 1, ran.output
    assert "2 failed" in ran.output
    assert f"implementation: {toy.root / 'katas'}" in ran.output


def test_impl_may_be_any_folder_holding_the_kata(toy: ToyRepo) -> None:
    team = toy.root / "workspaces" / "red"
    shutil.copytree(toy.root / "solutions" / "toy", team / "toy")

    ran = toy.pytest("tests/toy", "--impl", "workspaces/red")

    assert ran.status == 0, ran.output


def test_impl_path_is_relative_to_where_pytest_runs(toy: ToyRepo) -> None:
    team = toy.root / "workspaces" / "red"
    shutil.copytree(toy.root / "solutions" / "toy", team / "toy")

    ran = toy.pytest("../tests/toy", "--impl", "red", cwd=toy.root / "workspaces")

    assert ran.status == 0, ran.output


def test_unknown_impl_is_refused_in_one_line(toy: ToyRepo) -> None:
    ran = toy.pytest("tests/toy", "--impl", "nowhere")

    assert ran.status == 4
    assert "ERROR: --impl nowhere: not 'katas', 'solutions' or an existing folder" in ran.output
    assert "Traceback" not in ran.output


def test_impl_folder_without_the_kata_is_refused_in_one_line(toy: ToyRepo) -> None:
    (toy.root / "empty").mkdir()

    ran = toy.pytest("tests/toy", "--impl", "empty")

    assert ran.status == 4
    assert "holds no toy/ package" in ran.output
    assert "Traceback" not in ran.output


def test_step_runs_steps_up_to_n_only(toy: ToyRepo) -> None:
    ran = toy.pytest("tests/toy", "--impl", "solutions", "--step", "1")

    assert ran.status == 0, ran.output
    assert "1 passed, 1 deselected" in ran.output


def test_step_beyond_the_kata_is_refused(toy: ToyRepo) -> None:
    ran = toy.pytest("tests/toy", "--impl", "solutions", "--step", "3")

    assert ran.status == 4
    assert "toy has no step 3; its steps are 1-2" in ran.output


def test_a_test_without_a_step_is_refused(toy: ToyRepo) -> None:
    toy.write("tests/toy/test_step1_more.py", "def test_stray() -> None:\n    assert True\n")

    ran = toy.pytest("tests/toy", "--impl", "solutions")

    assert ran.status == 4
    assert "test_step1_more.py::test_stray: needs exactly one step(N) marker" in ran.output


def test_a_test_with_two_steps_is_refused(toy: ToyRepo) -> None:
    toy.write(
        "tests/toy/test_step1_more.py",
        """\
        import pytest

        pytestmark = pytest.mark.step(1)


        @pytest.mark.step(2)
        def test_greedy() -> None:
            assert True
        """,
    )

    ran = toy.pytest("tests/toy", "--impl", "solutions")

    assert ran.status == 4
    assert "test_greedy: needs exactly one step(N) marker" in ran.output


def test_a_test_marked_for_another_step_than_its_module_is_refused(toy: ToyRepo) -> None:
    toy.write(
        "tests/toy/test_step2_more.py",
        """\
        import pytest

        pytestmark = pytest.mark.step(1)


        def test_early() -> None:
            assert True
        """,
    )

    ran = toy.pytest("tests/toy", "--impl", "solutions")

    assert ran.status == 4
    assert "test_step2_more.py::test_early: marked step(1) in a module of step 2" in ran.output


def test_a_step_the_metadata_does_not_list_is_refused(toy: ToyRepo) -> None:
    toy.write(
        "tests/toy/test_step9_more.py",
        """\
        import pytest

        pytestmark = pytest.mark.step(9)


        def test_far() -> None:
            assert True
        """,
    )

    ran = toy.pytest("tests/toy", "--impl", "solutions")

    assert ran.status == 4
    assert "test_far: toy has no step 9" in ran.output


def test_tests_outside_kata_folders_need_no_step(toy: ToyRepo) -> None:
    toy.write("tests/other/test_misc.py", "def test_free() -> None:\n    assert True\n")

    ran = toy.pytest("tests/other", "--impl", "solutions")

    assert ran.status == 0, ran.output
    assert "1 passed" in ran.output


def test_conformance_tests_run_against_the_chosen_implementation(toy: ToyRepo) -> None:
    toy.write(
        "tests/conformance/toy/test_real.py",
        "from toy import double\n\n\ndef test_real() -> None:\n    assert double(2) == 4\n",
    )

    on_solution = toy.pytest("tests/conformance/toy", "--impl", "solutions")
    on_skeleton = toy.pytest("tests/conformance/toy")

    assert on_solution.status == 0, on_solution.output
    assert on_skeleton.status == 1, on_skeleton.output
