"""The report composed from a round's record: what it says when there is little to say."""

from datetime import timedelta
from pathlib import Path

from dojo.interview.edits import FileEdit
from dojo.interview.labels import phase_title
from dojo.interview.report import Review, compose
from dojo.interview.session import Session, plan
from dojo.interview.signals import read_design
from harness.catalog import load_kata
from harness.interview import InterviewSpec, interview_path
from tests.dojo_interview.support import write_design
from tests.harness.toy import ToyRepo
from tests.support import START


def _review(toy: ToyRepo, folder: Path, **changes: object) -> str:
    kata = load_kata("toy", toy.root)
    assert kata.interview is not None
    session = Session.start("toy", plan(kata.interview, None), START)
    fields: dict[str, object] = {
        "kata": kata,
        "spec": InterviewSpec.read(interview_path("toy", toy.root)),
        "session": session,
        "signals": read_design(folder),
        "edits": (),
        "notes": (),
        "design": "interviews/toy",
        "now": START + timedelta(minutes=1),
    }
    return compose(Review(**{**fields, **changes}), lambda text: text)  # type: ignore[arg-type]


def test_an_empty_round_says_so_instead_of_showing_empty_tables(
    toy: ToyRepo, tmp_path: Path
) -> None:
    folder = write_design(tmp_path / "toy", {"__init__.py": ""})

    markdown = _review(toy, folder)

    assert "You did not mark which requirements you asked about." in markdown
    assert "| 1 | Numbers double | What does it do to a number? | ? |" in markdown
    assert "NOTES.md held no questions." in markdown
    assert "No test runs." in markdown
    assert markdown.count("No classes.") == 2
    assert markdown.count("No functions.") == 2
    assert "Nothing reads the clock or randomness directly." in markdown
    assert "Nothing is passed a clock or a generator." in markdown
    assert "No change request was revealed." in markdown
    assert markdown.count("| not scored |") == 8


def test_missing_notes_unreadable_files_and_missing_snapshots_are_named(
    toy: ToyRepo, tmp_path: Path
) -> None:
    folder = write_design(tmp_path / "toy", {"__init__.py": "", "bad.py": "class (:\n"})

    markdown = _review(toy, folder, notes=None, edits=(("greetings", None),), team="red")

    assert "Round of 2026-03-02 08:00 UTC, team red, 1:00 long" in markdown
    assert "NOTES.md was missing at the review: your own questions are not here." in markdown
    assert "Not read, as they do not parse: `bad.py:1` (SyntaxError)." in markdown
    assert "Its snapshots are missing, so nothing can be compared." in markdown


def test_a_change_that_changed_no_file_says_so(toy: ToyRepo, tmp_path: Path) -> None:
    folder = write_design(tmp_path / "toy", {"__init__.py": ""})

    markdown = _review(toy, folder, edits=(("greetings", ()),))

    assert "Change request 1: Greetings:\n\nNo file changed." in markdown


def test_edited_files_are_counted_per_file_and_in_all(toy: ToyRepo, tmp_path: Path) -> None:
    folder = write_design(tmp_path / "toy", {"__init__.py": ""})
    files = (FileEdit("lot.py", 2, 1, 0), FileEdit("ev.py", 0, 0, 9, new=True))

    markdown = _review(toy, folder, edits=(("greetings", files),))

    assert "| `lot.py` | 2 | 1 | 0 |" in markdown
    assert "| `ev.py` (new) | 0 | 0 | 9 |" in markdown
    assert "In all: 3 existing line(s) changed or removed, 9 added." in markdown


def test_a_stage_that_kata_toml_no_longer_has_keeps_its_id(toy: ToyRepo) -> None:
    kata = load_kata("toy", toy.root)
    assert kata.interview is not None

    assert phase_title(kata.interview, "renamed-change") == "renamed-change"
    assert phase_title(kata.interview, "greetings") == "Change request 1: Greetings"
