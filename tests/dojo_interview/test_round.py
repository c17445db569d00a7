"""``dojo interview`` end to end in the toy repository, on the one fake clock: every phase."""

import json
from datetime import timedelta

from tests.dojo_interview.support import DESIGN, SESSION, Interviewer, copy_reference
from tests.harness.toy import ToyRepo


def _session(toy: ToyRepo) -> dict[str, object]:
    data: dict[str, object] = json.loads((toy.root / SESSION).read_text(encoding="utf-8"))
    return data


def test_a_round_starts_on_a_fresh_folder_with_the_prompt_and_nothing_else(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)

    ran = dojo.iv()

    assert ran.status == 0
    design = toy.root / DESIGN
    assert sorted(path.name for path in design.iterdir()) == [
        "NOTES.md",
        "__init__.py",
        "driver.py",
    ]
    assert (design / "__init__.py").read_text(encoding="utf-8") == ""
    skeleton = (toy.root / "katas/toy/driver.py").read_text(encoding="utf-8")
    assert (design / "driver.py").read_text(encoding="utf-8") == skeleton
    assert "# Clarifying questions" in (design / "NOTES.md").read_text(encoding="utf-8")
    assert "The interviewer says: Design a doubler." in ran.out
    assert "Numbers double" not in ran.out
    assert "double_of" not in ran.out
    assert "Clarify (phase 1 of 4): 0:00 of 2:00; the round: 0:00 of 20:00." in ran.out
    assert "Next: write your questions in interviews/toy/NOTES.md" in ran.out
    assert not (toy.root / "katas/toy/NOTES.md").exists()


def test_the_same_command_later_shows_where_the_round_is(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()
    dojo.clock.advance(timedelta(minutes=3, seconds=5))

    ran = dojo.iv()

    assert ran.status == 0
    assert "The prompt: Design a doubler." in ran.out
    assert "Clarify (phase 1 of 4): 3:05 of 2:00 (1:05 over); the round: 3:05 of 20:00." in ran.out


def test_minutes_scale_every_phase(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)

    ran = dojo.iv("--minutes", "40")

    assert "Clarify (phase 1 of 4): 0:00 of 4:00; the round: 0:00 of 40:00." in ran.out
    assert _session(toy)["budgets"] == {
        "clarify": 240,
        "core": 1200,
        "greetings": 600,
        "review": 360,
    }


def test_the_reveal_shows_the_requirements_the_contract_and_the_questions_written(
    toy: ToyRepo,
) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()
    notes = "# Clarifying questions\n\n- What does it do to a number?\n- Negative numbers?\n"
    (toy.root / DESIGN / "NOTES.md").write_text(notes, encoding="utf-8")
    dojo.clock.advance(timedelta(minutes=2))

    ran = dojo.iv("--reveal", "--asked", "1")

    assert ran.status == 0
    assert "1. What does it do to a number?" in ran.out
    assert "2. Negative numbers?" in ran.out
    assert "Numbers double. A number comes back twice as large." in ran.out
    assert "Ask: What does it do to a number?" in ran.out
    assert "Why it matters: it is the whole job." in ran.out
    assert "double_of(n) returns twice n." in ran.out
    assert "It greets by name" not in ran.out
    assert "Marked as asked: 1 (1 of 1)." in ran.out
    assert "Core (phase 2 of 4): 0:00 of 10:00; the round: 2:00 of 20:00." in ran.out
    assert _session(toy)["asked"] == [1]


def test_on_a_terminal_the_reveal_asks_about_each_requirement(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root, interactive=True, answers=[False])
    dojo.iv()

    ran = dojo.iv("--reveal")

    assert dojo.questions == ["Did you ask about 1. Numbers double?"]
    assert "Marked as asked: none (0 of 1)." in ran.out
    assert _session(toy)["asked"] == []


def test_without_a_terminal_the_questions_are_marked_later(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()

    revealed = dojo.iv("--reveal")
    marked = dojo.iv("--asked", "1")

    assert "Mark the questions you asked for the report: dojo interview toy --asked 1,3" in (
        revealed.out
    )
    assert _session(toy)["asked"] == [1]
    assert "Marked as asked: 1 (1 of 1)." in marked.out


def test_the_tests_of_an_empty_design_fail_with_the_explained_panel(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()
    dojo.iv("--reveal", "--asked", "none")

    ran = dojo.iv("--test")

    assert ran.status == 1
    assert "Toy interview: stages 1-1" in ran.out
    assert "0/1" in ran.out
    assert "Working on stage 1, Core: 1 test(s) to go." in ran.out
    assert "Read what the interviewer said again: dojo interview toy --show" in ran.out
    assert "First failing test: test_a_number_doubles" in ran.out
    assert "still raises NotImplementedError" in ran.out
    assert "at interviews/toy/driver.py:6" in ran.out
    assert "INTERVIEW.md" not in ran.out
    assert (
        "Full traceback, from the repository root: .venv/bin/python -m pytest "
        "tests/interview/toy/test_core.py::test_a_number_doubles --impl interviews --stage core"
    ) in ran.out


def test_the_reference_design_passes_the_core_then_the_change_request(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()
    dojo.iv("--reveal", "--asked", "1")
    copy_reference(toy)

    core = dojo.iv("--test")
    dojo.iv("--next")
    both = dojo.iv("--test")

    assert core.status == 0
    assert "All 1 tests of stages 1-1 pass." in core.out
    assert "When you are ready for a change request: dojo interview toy --next" in core.out
    assert both.status == 0
    assert "Toy interview: stages 1-2" in both.out
    assert "All 2 tests of stages 1-2 pass." in both.out
    assert "Every change request is in. End the round: dojo interview toy --review" in both.out
    runs = _session(toy)["runs"]
    assert isinstance(runs, list)
    assert [(run["stages"], run["light"]) for run in runs] == [
        ([[1, 1, 1]], "green"),
        ([[1, 1, 1], [2, 1, 1]], "green"),
    ]


def test_a_design_that_does_not_import_is_one_clear_panel(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()
    dojo.iv("--reveal", "--asked", "1")
    (toy.root / DESIGN / "driver.py").write_text("def double_of(n:\n", encoding="utf-8")

    ran = dojo.iv("--test")

    assert ran.status == 1
    assert "Your code does not import, so no test could run:" in ran.out
    assert "SyntaxError" in ran.out or "invalid syntax" in ran.out
    assert "Traceback" not in ran.out + ran.err
    assert _session(toy)["runs"][0]["light"] == "amber"  # type: ignore[index]


def test_next_snapshots_the_code_then_reveals_the_change_as_the_interviewer_says_it(
    toy: ToyRepo,
) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()
    dojo.iv("--reveal", "--asked", "1")
    copy_reference(toy)
    dojo.clock.advance(timedelta(minutes=9))

    ran = dojo.iv("--next")

    snapshot = toy.root / ".dojo/interviews/toy/20260302-080000/before-greetings"
    assert ran.status == 0
    assert f"Your code as it was is copied to {snapshot.relative_to(toy.root)}/." in ran.out
    assert (snapshot / "driver.py").read_text(encoding="utf-8") == (
        toy.root / DESIGN / "driver.py"
    ).read_text(encoding="utf-8")
    assert "The interviewer asks for a change (1 of 1):" in ran.out
    assert "It greets by name." in ran.out
    assert "Change request 1: Greetings (phase 3 of 4): 0:00 of 5:00" in ran.out
    assert "when it passes or time is up: dojo interview toy --review" in ran.out


def test_show_prints_what_is_revealed_so_far_and_no_more(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()

    before = dojo.iv("--show")
    dojo.iv("--reveal", "--asked", "1")
    core = dojo.iv("--show")
    dojo.iv("--next")
    change = dojo.iv("--show")

    assert "Nothing else is revealed yet" in before.out
    assert "Numbers double" not in before.out
    assert "Numbers double" in core.out
    assert "It greets by name" not in core.out
    assert "Numbers double" in change.out
    assert "It greets by name" in change.out
