"""``make practice``: the per-step summary, run in a toy repository."""

from tests.harness.toy import ToyRepo

CODE = """\
def double(n: int) -> int:
    return {double}


def greet(name: str) -> str:
    return {greet}
"""


def test_a_fresh_skeleton_shows_every_step_at_zero_and_where_to_start(toy: ToyRepo) -> None:
    ran = toy.run("-m", "harness.practice", "toy")

    assert ran.status == 1
    assert "Toy: steps 1-2 of 2" in ran.output
    assert "Step 1  Double" in ran.output
    assert "[....................]   0/1" in ran.output
    assert "Working on step 1, Double: 1 test(s) to go." in ran.output
    assert "First failing test: test_doubles_three" in ran.output
    assert "NotImplementedError: this part of the skeleton is not written yet" in ran.output
    assert "at katas/toy/__init__.py:6" in ran.output


def test_a_finished_step_is_marked_done_and_the_next_one_is_named(toy: ToyRepo) -> None:
    toy.write("katas/toy/__init__.py", CODE.format(double="n * 2", greet="'Hi'"))

    ran = toy.run("-m", "harness.practice", "toy", "--step", "1")

    assert ran.status == 0, ran.output
    assert "[####################]   1/1   done" in ran.output
    assert "All 1 tests of steps 1-1 pass." in ran.output
    assert "Next: step 2, Greet (about 5 min)." in ran.output


def test_a_wrong_answer_shows_the_assertion(toy: ToyRepo) -> None:
    toy.write("katas/toy/__init__.py", CODE.format(double="n + 2", greet="'Hi'"))

    ran = toy.run("-m", "harness.practice", "toy")

    assert ran.status == 1
    assert "assert 5 == 6" in ran.output


def test_everything_green_points_at_the_design_notes(toy: ToyRepo) -> None:
    ran = toy.run("-m", "harness.practice", "toy", "--impl", "solutions")

    assert ran.status == 0, ran.output
    assert "Now compare your design with solutions/toy/DESIGN.md." in ran.output


def test_code_that_does_not_import_is_reported_as_such(toy: ToyRepo) -> None:
    toy.write("katas/toy/__init__.py", "def double(:\n")

    ran = toy.run("-m", "harness.practice", "toy")

    assert ran.status == 1
    assert "Your code does not import, so no test could run:" in ran.output
    assert "Traceback" not in ran.output


def test_the_rerun_hint_keeps_a_chosen_implementation(toy: ToyRepo) -> None:
    toy.write("solutions/toy/__init__.py", CODE.format(double="0", greet="''"))

    ran = toy.run("-m", "harness.practice", "toy", "--impl", "solutions")

    assert ran.status == 1
    assert "--impl solutions" in ran.output


def test_unknown_kata_step_or_impl_is_a_usage_error(toy: ToyRepo) -> None:
    kata = toy.run("-m", "harness.practice", "parking")
    step = toy.run("-m", "harness.practice", "toy", "--step", "7")
    impl = toy.run("-m", "harness.practice", "toy", "--impl", "nowhere")

    assert (kata.status, step.status, impl.status) == (2, 2, 2)
    assert "unknown kata 'parking'; the katas are: toy" in kata.output
    assert "toy has no step 7; its steps are 1-2" in step.output
    assert "--impl nowhere" in impl.output
    assert "Traceback" not in kata.output + step.output + impl.output
