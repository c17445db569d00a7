"""Every mistake is one line and changes nothing; an interruption loses nothing."""

import json
import threading
from datetime import timedelta

import pytest

from harness.results import PASSED, Outcome, RunResults
from tests.dojo_interview.support import DESIGN, SESSION, Interviewer, Runs
from tests.harness.toy import ToyRepo

CORE = "tests/interview/toy/test_core.py::test_a_number_doubles"
GREEN = (0, RunResults((Outcome(CORE, 1, PASSED),), ()))


def _one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(("--test",), "no tests yet: they come with the requirements", id="test"),
        pytest.param(("--next",), "the core comes first: dojo interview toy --reveal", id="next"),
        pytest.param(("--asked", "1"), "nothing is revealed yet", id="asked"),
        pytest.param(("--minutes", "30"), "--minutes applies to a new one", id="minutes"),
        pytest.param(("--new",), "a round of toy is running", id="new"),
    ],
)
def test_what_comes_later_is_refused_while_clarifying(
    toy: ToyRepo, argv: tuple[str, ...], message: str
) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()
    before = (toy.root / SESSION).read_text(encoding="utf-8")

    ran = dojo.iv(*argv)

    assert ran.status == 2
    assert message in _one_line(ran.err)
    assert (toy.root / SESSION).read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(("--asked", "2"), "--asked '2': give the numbers", id="asked out of range"),
        pytest.param(("--asked", "one"), "(they are 1-1), or none", id="asked not a number"),
        pytest.param(("--test", "--asked", "1"), "use it alone or with --reveal", id="asked"),
        pytest.param(("--show", "--score", "1"), "use it alone or with --review", id="score"),
        pytest.param(("--test", "--minutes", "9"), "use it alone or with --new", id="minutes"),
        pytest.param(("--test", "--show"), "not allowed with argument", id="two actions"),
    ],
)
def test_bad_options_are_one_line_naming_the_value(
    toy: ToyRepo, argv: tuple[str, ...], message: str
) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()
    dojo.iv("--reveal")
    before = (toy.root / SESSION).read_text(encoding="utf-8")

    ran = dojo.iv(*argv)

    assert ran.status == 2
    assert message in _one_line(ran.err)
    assert (toy.root / SESSION).read_text(encoding="utf-8") == before


def test_scores_together_with_asked_are_refused(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()

    ran = dojo.iv("--asked", "1", "--score", "1,1,1,1,1,1,1,1")

    assert "give one at a time" in _one_line(ran.err)


def test_a_zero_minute_round_is_refused_and_nothing_is_created(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)

    ran = dojo.iv("--minutes", "0")

    assert ran.status == 2
    assert "--minutes 0: give the length of the round in minutes" in _one_line(ran.err)
    assert not (toy.root / DESIGN).exists()


def test_no_round_yet_says_how_to_start_one(toy: ToyRepo) -> None:
    ran = Interviewer(toy.root).iv("--test")

    assert ran.status == 2
    assert _one_line(ran.err).endswith("start one with: dojo interview toy")


def test_an_unknown_kata_and_a_kata_without_an_interview_are_one_line(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)
    metadata = (toy.root / "katas/toy/kata.toml").read_text(encoding="utf-8")
    toy.write("katas/plain/kata.toml", metadata.split("\n[interview]")[0])

    unknown = dojo("interview", "toyy")
    plain = dojo("interview", "plain")

    assert "unknown kata 'toyy'" in _one_line(unknown.err)
    assert _one_line(plain.err) == (
        "dojo: error: plain has no interview yet; the katas with one are: toy"
    )


def test_a_broken_interview_spec_is_one_line(toy: ToyRepo) -> None:
    toy.write("katas/toy/INTERVIEW.md", "# Interview\n\n## Prompt\n\nDesign a doubler.\n")

    ran = Interviewer(toy.root).iv()

    assert "missing section(s)" in _one_line(ran.err)


def test_a_corrupt_session_file_is_set_aside_and_the_code_kept(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()
    (toy.root / SESSION).write_text('{"version": 1, "kata": "toy"', encoding="utf-8")

    ran = dojo.iv("--test")
    again = dojo.iv()

    assert ran.status == 2
    line = _one_line(ran.err)
    assert "dojo: error: .dojo/interviews/toy/session.json could not be read" in line
    assert "it was moved to .dojo/interviews/toy/session.json.corrupt" in line
    assert "your code is untouched" in line
    kept = toy.root / ".dojo/interviews/toy/session.json.corrupt"
    assert kept.read_text(encoding="utf-8") == '{"version": 1, "kata": "toy"'
    assert again.status == 0
    assert "Your earlier design folder is kept in" in again.out


def test_a_missing_notes_file_is_one_line_and_the_reveal_goes_on(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()
    (toy.root / DESIGN / "NOTES.md").unlink()

    ran = dojo.iv("--reveal", "--asked", "1")

    assert ran.status == 0
    assert "NOTES.md is missing from interviews/toy/: there are no questions to compare." in ran.out
    assert "Numbers double" in ran.out


def test_notes_with_markup_and_control_characters_print_as_they_read(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()
    notes = "# Q\n\n- [bold red]loud[/] question\x1b[31m?\n* no notes here\n"
    (toy.root / DESIGN / "NOTES.md").write_text(notes, encoding="utf-8")

    ran = dojo.iv("--reveal", "--asked", "1")

    assert "1. [bold red]loud[/] question[31m?" in ran.out
    assert "2. no notes here" in ran.out
    assert "\x1b" not in ran.out


def test_a_design_without_its_init_is_refused_before_any_test_runs(toy: ToyRepo) -> None:
    runs = Runs([])
    dojo = Interviewer(toy.root, runner=runs)
    dojo.iv()
    dojo.iv("--reveal", "--asked", "1")
    (toy.root / DESIGN / "__init__.py").unlink()

    ran = dojo.iv("--test")

    assert ran.status == 2
    assert "interviews/toy/__init__.py is missing" in _one_line(ran.err)
    assert runs.calls == []


def test_a_pytest_that_could_not_run_is_one_line(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root, runner=Runs([(4, RunResults((), ()))]))
    dojo.iv()
    dojo.iv("--reveal", "--asked", "1")

    ran = dojo.iv("--test")

    assert ran.status == 2
    assert "pytest could not run the interview tests of toy (exit status 4)" in _one_line(ran.err)


def test_ctrl_c_during_the_tests_records_nothing_and_the_round_resumes(toy: ToyRepo) -> None:
    runs = Runs([KeyboardInterrupt(), GREEN])
    dojo = Interviewer(toy.root, runner=runs)
    dojo.iv()
    dojo.iv("--reveal", "--asked", "1")
    before = (toy.root / SESSION).read_text(encoding="utf-8")

    interrupted = dojo.iv("--test")
    after = (toy.root / SESSION).read_text(encoding="utf-8")
    dojo.clock.advance(timedelta(minutes=1))
    resumed = dojo.iv("--test")

    assert interrupted.status == 130
    assert "interrupted" in _one_line(interrupted.err)
    assert after == before
    assert resumed.status == 0
    assert "Core (phase 2 of 4): 1:00 of 10:00" in resumed.out


def test_ctrl_c_while_marking_the_questions_leaves_the_round_in_clarify(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root, interactive=True, interrupt=True)
    dojo.iv()

    ran = dojo.iv("--reveal")

    assert ran.status == 130
    assert "interrupted" in _one_line(ran.err)
    phases = json.loads((toy.root / SESSION).read_text(encoding="utf-8"))["phases"]
    assert [name for name, _started in phases] == ["clarify"]


def test_the_clock_shows_the_round_until_it_is_stopped(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()
    dojo.clock.advance(timedelta(seconds=75))
    stop = threading.Event()
    stop.set()

    ran = dojo.iv("--clock", stop=stop)

    assert ran.status == 0
    assert "Clarify (phase 1 of 4): 1:15 of 2:00; the round: 1:15 of 20:00." in ran.out
    assert "Clock stopped; the round goes on." in ran.out


def test_no_more_change_requests_after_the_last(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()
    dojo.iv("--reveal", "--asked", "1")
    dojo.iv("--next")

    ran = dojo.iv("--next")
    again = dojo.iv("--reveal")

    assert "no change request is left; end the round with dojo interview toy --review" in (
        _one_line(ran.err)
    )
    assert "the core requirements are revealed already" in _one_line(again.err)


def test_a_missing_design_folder_is_refused_by_next_and_review(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()
    dojo.iv("--reveal", "--asked", "1")
    (toy.root / DESIGN).rename(toy.root / "elsewhere")

    moved_on = dojo.iv("--next")
    reviewed = dojo.iv("--review")

    assert "interviews/toy/ is missing: there is no code to snapshot" in _one_line(moved_on.err)
    assert "interviews/toy/ is missing: there is no design to review" in _one_line(reviewed.err)


def test_scores_before_the_round_ended_are_refused(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()

    ran = dojo.iv("--score", "1,1,1,1,1,1,1,1")

    assert "the round is still running: dojo interview toy --review ends it" in _one_line(ran.err)


def test_a_kata_without_its_empty_driver_cannot_start_a_round(toy: ToyRepo) -> None:
    (toy.root / "katas/toy/driver.py").unlink()

    ran = Interviewer(toy.root).iv()

    assert "katas/toy/driver.py is missing: the empty driver to start from" in _one_line(ran.err)
    assert not (toy.root / DESIGN).exists()


class _CtrlC(threading.Event):
    """A stop event whose wait is interrupted, as Ctrl-C interrupts the clock."""

    def wait(self, timeout: float | None = None) -> bool:
        raise KeyboardInterrupt(timeout)


def test_ctrl_c_stops_the_clock_and_the_round_goes_on(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()

    ran = dojo.iv("--clock", stop=_CtrlC())

    assert ran.status == 0
    assert "Clock stopped; the round goes on. write your questions" in ran.out
    assert ran.err == ""


def test_a_kata_whose_interview_suite_is_missing_runs_no_tests(toy: ToyRepo) -> None:
    runs = Runs([])
    dojo = Interviewer(toy.root, runner=runs)
    dojo.iv()
    dojo.iv("--reveal", "--asked", "1")
    (toy.root / "tests/interview/toy").rename(toy.root / "tests/interview/elsewhere")

    ran = dojo.iv("--test")

    assert "toy has no interview suite yet (tests/interview/toy/ is missing)" in _one_line(ran.err)
    assert runs.calls == []
