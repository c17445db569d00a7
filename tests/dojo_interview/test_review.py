"""``dojo interview --review``: the report, in the terminal and as Markdown, from the code."""

import json
from datetime import timedelta
from pathlib import Path

from dojo.interview.markdown import code, relink, text
from harness.results import FAILED, PASSED, Outcome, RunResults
from tests.dojo_interview.support import DESIGN, SESSION, Interviewer, Runs, write_design
from tests.harness.toy import ToyRepo

CORE = "tests/interview/toy/test_core.py::test_a_number_doubles"
CHANGE = "tests/interview/toy/test_change_1_greetings.py::test_it_greets"

# The core, as a learner might write it: one class and the driver over it.
CORE_DESIGN = {
    "doubler.py": """\
        class Doubler:
            def double(self, number):
                return 2 * number
        """,
    "driver.py": """\
        from toy.doubler import Doubler


        def double_of(n):
            return Doubler().double(n)
        """,
}

# The change request, by addition: a new class, and one new driver function.
CHANGE_DESIGN = {
    "greeter.py": """\
        class Greeter:
            def greet(self, name):
                return f"Hello, {name}!"
        """,
    "driver.py": """\
        from toy.doubler import Doubler
        from toy.greeter import Greeter


        def double_of(n):
            return Doubler().double(n)


        def greeting(name):
            return Greeter().greet(name)
        """,
}


def _round(toy: ToyRepo, dojo: Interviewer) -> None:
    """A whole round up to the review: clarify 3 min, core 20, the change 6."""
    dojo.iv()
    notes = "# Clarifying questions\n\n- What does it do to a number?\n"
    (toy.root / DESIGN / "NOTES.md").write_text(notes, encoding="utf-8")
    dojo.clock.advance(timedelta(minutes=3))
    dojo.iv("--reveal", "--asked", "1")
    write_design(toy.root / DESIGN, CORE_DESIGN)
    dojo.clock.advance(timedelta(minutes=12))
    dojo.iv("--test")
    dojo.clock.advance(timedelta(minutes=8))
    dojo.iv("--next")
    write_design(toy.root / DESIGN, CHANGE_DESIGN)
    dojo.clock.advance(timedelta(minutes=6))
    dojo.iv("--test")


def _faked(toy: ToyRepo) -> Interviewer:
    runs = Runs(
        [
            (1, RunResults((Outcome(CORE, 1, FAILED, "NotImplementedError"),), ())),
            (
                0,
                RunResults((Outcome(CORE, 1, PASSED), Outcome(CHANGE, 2, PASSED)), ()),
            ),
        ]
    )
    return Interviewer(toy.root, runner=runs)


def test_the_report_is_computed_from_the_code_and_the_rounds_record(toy: ToyRepo) -> None:
    dojo = _faked(toy)
    _round(toy, dojo)

    ran = dojo.iv("--review", "--score", "3,3,2,4,-,1,2,3")

    assert ran.status == 0
    report = toy.root / ".dojo/interviews/toy-20260302-082900.md"
    assert "The report is written to .dojo/interviews/toy-20260302-082900.md." in ran.out
    markdown = report.read_text(encoding="utf-8")
    assert "Round of 2026-03-02 08:00 UTC, 29:00 long (planned 20:00)." in markdown
    assert "| Clarify | 2:00 | 3:00 |" in markdown
    assert "| Core | 10:00 | 20:00 |" in markdown
    assert "| Change request 1: Greetings | 5:00 | 6:00 |" in markdown
    assert "| Review | 3:00 | now |" in markdown
    assert "You marked 1 of 1 as asked about." in markdown
    assert "| 1 | Numbers double | What does it do to a number? | yes |" in markdown
    assert "- What does it do to a number?" in markdown
    assert "| +15:00 | Core | core 0/1 | red |" in markdown
    assert "| +29:00 | Change request 1: Greetings | core 1/1, greetings 1/1 | green |" in markdown
    assert "| `doubler.py` | `Doubler` | 3 | 1, `double` |" in markdown
    assert "| `greeter.py` | `Greeter` | 3 | 1, `greet` |" in markdown
    assert "| `greeter.py` (new) | 0 | 0 | 3 |" in markdown
    assert "| `driver.py` | 0 | 0 | 3 |" in markdown
    assert "In all: 0 existing line(s) changed or removed, 6 added." in markdown
    assert "| Requirements clarified | asks what doubling means | 3 of 4 |" in markdown
    assert "| Patterns where they pay | none needed | not scored |" in markdown
    assert "### What about floats?" in markdown
    assert "see [the spec](../../katas/toy/README.md)." in markdown
    assert markdown.count("*Prompt for reflection:*") == 8


def test_the_terminal_shows_the_same_report_with_links_from_the_root(toy: ToyRepo) -> None:
    dojo = _faked(toy)
    _round(toy, dojo)

    ran = dojo.iv("--review", "--score", "3,3,2,4,-,1,2,3")

    assert "Interview report: Toy" in ran.out
    assert "Design signals" in ran.out
    assert "Prompt for reflection: a cycle says two modules need each other" in ran.out
    assert "the spec (katas/toy/README.md)" in ran.out


def test_each_change_request_counts_what_it_edited_and_what_it_added(toy: ToyRepo) -> None:
    dojo = _faked(toy)
    _round(toy, dojo)
    edited = {"doubler.py": CORE_DESIGN["doubler.py"].replace("2 * number", "number + number")}
    write_design(toy.root / DESIGN, edited)

    dojo.iv("--review", "--score", "3,3,2,4,-,1,2,3")

    markdown = next((toy.root / ".dojo/interviews").glob("toy-*.md")).read_text(encoding="utf-8")
    assert "| `doubler.py` | 1 | 0 | 0 |" in markdown
    assert "In all: 1 existing line(s) changed or removed, 6 added." in markdown


def test_on_a_terminal_the_learner_scores_each_area(toy: ToyRepo) -> None:
    replies = ["4", "", "nine", "3", "2", "2", "1", "4"]
    dojo = Interviewer(toy.root, runner=_faked(toy).runner, interactive=True, replies=replies)
    dojo.answers = [True]
    _round(toy, dojo)

    ran = dojo.iv("--review")

    assert dojo.prompts[0] == "Your score for Requirements clarified: "
    assert "'nine' is not a score from 1 to 4: API stays unscored." in ran.out
    scores = json.loads((toy.root / SESSION).read_text(encoding="utf-8"))["scores"]
    assert scores == {
        "Requirements clarified": 4,
        "Extensibility": 3,
        "Patterns where they pay": 2,
        "Concurrency": 2,
        "Testing": 1,
        "Communication": 4,
    }


def test_scores_given_after_the_round_write_the_report_again(toy: ToyRepo) -> None:
    dojo = _faked(toy)
    _round(toy, dojo)
    first = dojo.iv("--review")
    report = next((toy.root / ".dojo/interviews").glob("toy-*.md"))
    (toy.root / DESIGN / "greeter.py").unlink()

    again = dojo.iv("--score", "1,1,1,1,1,1,1,1")

    assert "Score yourself on the rubric, in its order" in first.out
    assert again.status == 0
    markdown = report.read_text(encoding="utf-8")
    assert "| Communication | says why | 1 of 4 |" in markdown
    assert "| `greeter.py` | `Greeter` | 3 | 1, `greet` |" in markdown


def test_after_the_review_the_round_says_it_ended_and_refuses_to_go_on(toy: ToyRepo) -> None:
    dojo = _faked(toy)
    _round(toy, dojo)
    dojo.iv("--review", "--score", "3,3,2,4,-,1,2,3")

    status = dojo.iv()
    test = dojo.iv("--test")

    assert "The round ended at 08:29 UTC, after 29:00 (planned 20:00)." in status.out
    assert test.status == 2
    assert "the round of toy ended at 08:29 UTC" in test.err
    assert "dojo interview toy --new starts another" in test.err


def test_a_new_round_keeps_the_old_design_and_session(toy: ToyRepo) -> None:
    dojo = _faked(toy)
    _round(toy, dojo)
    dojo.iv("--review", "--score", "3,3,2,4,-,1,2,3")
    dojo.clock.advance(timedelta(hours=1))

    ran = dojo.iv("--new")

    old = toy.root / ".dojo/interviews/toy/20260302-080000"
    moved = toy.root / ".dojo/interviews/toy/set-aside-20260302-092900"
    assert ran.status == 0
    assert "Your earlier design folder is kept in .dojo/interviews/toy/set-aside-" in ran.out
    assert (moved / "greeter.py").is_file()
    assert (old / "session.json").is_file()
    assert sorted(path.name for path in (toy.root / DESIGN).iterdir()) == [
        "NOTES.md",
        "__init__.py",
        "driver.py",
    ]


def test_names_and_notes_from_the_learner_cannot_change_the_report() -> None:
    assert text("[bold]x[/] *y* | z\x1b[2J") == "\\[bold\\]x\\[/\\] \\*y\\* \\| z\\[2J"
    assert code("a`b|c") == "`a'b\\|c`"


def test_links_are_rewritten_for_where_the_report_is_and_others_are_kept(tmp_path: Path) -> None:
    root = tmp_path
    source = root / "katas" / "toy"
    answer = "[a](../../docs/x.md#top), [b](https://example.org), [c](#here), [d](../../../out.md)"

    assert relink(answer, source, root / ".dojo" / "interviews" / "team-red", root) == (
        "[a](../../../docs/x.md#top), [b](https://example.org), [c](#here), [d](../../../out.md)"
    )


def test_scores_that_are_not_eight_scores_from_one_to_four_are_refused(toy: ToyRepo) -> None:
    dojo = _faked(toy)
    _round(toy, dojo)
    dojo.iv("--review")
    report = next((toy.root / ".dojo/interviews").glob("toy-*.md"))
    before = report.read_text(encoding="utf-8")

    ran = dojo.iv("--score", "5,1")

    assert ran.status == 2
    assert ran.err.startswith("dojo: error: --score '5,1': give 8 scores from 1 to 4 (or - to skip")
    assert report.read_text(encoding="utf-8") == before
