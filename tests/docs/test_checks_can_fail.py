"""Each documentation check, fed a broken note, names the file and the line at fault."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from harness.docs.checks import Problem, example_problems, link_problems, reference_problems
from harness.docs.markdown import Document, slugify

MODULE = '''\
"""A module for the checks to look into."""

import os

LIMIT = 3
first, second = 1, 2


class Policy:
    """A class with members of every kind."""

    rate: int = 1

    def __init__(self) -> None:
        self.seen = 0

    def choose(self) -> int:
        """A method."""
        return LIMIT

    class Inner:
        """A nested class."""

        def deep(self) -> None:
            """A nested method."""


def build() -> Policy:
    """A function."""
    return Policy()
'''


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A tiny repository: one solution module and a notes folder."""
    (tmp_path / "solutions" / "kata").mkdir(parents=True)
    (tmp_path / "solutions" / "kata" / "policy.py").write_text(MODULE, encoding="utf-8")
    (tmp_path / "docs" / "patterns").mkdir(parents=True)
    return tmp_path


def write_note(repo: Path, text: str, name: str = "note.md") -> Path:
    note = repo / "docs" / "patterns" / name
    note.write_text(dedent(text), encoding="utf-8")
    return note


def lines_of(problems: list[Problem]) -> list[int]:
    return [problem.line for problem in problems]


def test_references_to_defined_symbols_pass(repo: Path) -> None:
    note = write_note(
        repo,
        """\
        # Note
        [`Policy`](../../solutions/kata/policy.py)
        [`Policy.choose`](../../solutions/kata/policy.py)
        [`Policy.rate`](../../solutions/kata/policy.py)
        and [`Policy.seen`](../../solutions/kata/policy.py)
        [`Policy.Inner.deep`](../../solutions/kata/policy.py)
        [`build`](../../solutions/kata/policy.py)
        [`LIMIT`](../../solutions/kata/policy.py), [`second`](../../solutions/kata/policy.py)
        [`policy.py`](../../solutions/kata/policy.py) is the module itself.
        """,
    )

    assert reference_problems(note) == []


def test_a_missing_symbol_is_reported_with_the_note_and_line(repo: Path) -> None:
    note = write_note(
        repo,
        """\
        # Note

        The policy is [`Policy`](../../solutions/kata/policy.py).
        It was renamed: [`Policy.pick`](../../solutions/kata/policy.py).
        """,
    )

    problems = reference_problems(note)

    assert [(p.path, p.line) for p in problems] == [(note, 4)]
    assert "`Policy.pick` is not defined in" in str(problems[0])
    assert str(problems[0]).endswith("solutions/kata/policy.py")
    assert "note.md:4:" in str(problems[0])


@pytest.mark.parametrize(
    ("reference", "complaint"),
    [
        ("[`Policy`](../../solutions/kata/gone.py)", "no such file"),
        ("[`os`](../../solutions/kata/policy.py)", "`os` is not defined"),
        ("[`build.inner`](../../solutions/kata/policy.py)", "`build.inner` is not defined"),
        ("[`LIMIT.real`](../../solutions/kata/policy.py)", "`LIMIT.real` is not defined"),
        ("[the policy](../../solutions/kata/policy.py)", "is not one backticked name"),
        ("[`Policy`](../../solutions/kata/policy.py#L9)", "no line anchors"),
    ],
)
def test_each_kind_of_broken_reference_is_reported(
    repo: Path, reference: str, complaint: str
) -> None:
    note = write_note(repo, f"# Note\n\nSee {reference}.\n")

    problems = reference_problems(note)

    assert lines_of(problems) == [3]
    assert complaint in problems[0].message


def test_references_in_code_blocks_are_not_references(repo: Path) -> None:
    note = write_note(
        repo,
        """\
        ```markdown
        [`Gone`](../../solutions/kata/policy.py)
        ```
        """,
    )

    assert reference_problems(note) == []


def test_a_passing_example_reports_nothing(repo: Path) -> None:
    note = write_note(
        repo,
        """\
        # Note

        ```pycon
        >>> from parking_lot import Layout
        >>> capacity = Layout.single_row(3).capacity
        ```

        The namespace carries over to the next block:

        ```pycon
        >>> capacity
        3
        ```
        """,
    )

    assert example_problems(note) == []


def test_a_wrong_output_is_reported_at_its_line(repo: Path) -> None:
    note = write_note(
        repo,
        """\
        # Note

        ```pycon
        >>> from parking_lot import Layout
        >>> Layout.single_row(3).capacity
        4
        ```
        """,
    )

    problems = example_problems(note)

    assert [(p.path, p.line) for p in problems] == [(note, 5)]
    assert "gave '3\\n', the note expects '4\\n'" in problems[0].message


def test_an_unexpected_exception_is_reported_at_its_line(repo: Path) -> None:
    note = write_note(
        repo,
        """\
        # Note

        Prose.

        ```pycon
        >>> from parking_lot import vehicle_kind
        >>> vehicle_kind("tram")
        ```
        """,
    )

    problems = example_problems(note)

    assert lines_of(problems) == [7]
    assert "UnknownVehicleKindError" in problems[0].message
    assert "note.md:7:" in str(problems[0])


def test_prompts_outside_pycon_blocks_are_reported_and_not_run(repo: Path) -> None:
    note = write_note(repo, "# Note\n\n```python\n>>> 1 / 0\n```\n\n```\n>>> 2\n```\n")

    problems = example_problems(note)

    assert lines_of(problems) == [3, 7]
    assert "a python block with >>> prompts; tag it pycon" in problems[0].message
    assert "an untagged block" in problems[1].message


def test_a_missing_note_is_reported(repo: Path) -> None:
    missing = repo / "docs" / "patterns" / "absent.md"

    problems = example_problems(missing)

    assert [(p.path, p.line, p.message) for p in problems] == [(missing, 1, "no such file")]


def test_a_runner_that_cannot_start_is_reported(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    note = write_note(repo, "# Note\n")
    monkeypatch.setattr("harness.docs.checks.RUNNER", "harness.docs.no_such_runner")

    problems = example_problems(note)

    assert lines_of(problems) == [1]
    assert "the example runner failed" in problems[0].message
    assert "No module named harness.docs.no_such_runner" in problems[0].message


def test_good_links_pass(repo: Path) -> None:
    write_note(repo, "# Other note\n\n## Forms and trade-offs\n", name="other.md")
    note = write_note(
        repo,
        """\
        # Note: the `index`

        [other](other.md), [a section](other.md#forms-and-trade-offs), [here](#note-the-index)
        [code](../../solutions/kata/policy.py), [folder](../../solutions/kata/)
        [web](https://example.org/missing), [mail](mailto:someone@example.org)
        `[not a link](nowhere.md)` and [defined][ref]

        [ref]: other.md
        """,
    )

    assert link_problems(note) == []


def test_broken_links_are_reported_at_their_lines(repo: Path) -> None:
    write_note(repo, "# Other note\n", name="other.md")
    note = write_note(
        repo,
        """\
        # Note

        [gone](gone.md)
        [bad anchor](other.md#no-such-heading) and [own anchor](#nowhere)
        ```text
        [in a fence](gone.md)
        ```
        [line](../../solutions/kata/policy.py#L3)

        [ref]: missing.md
        """,
    )

    problems = link_problems(note)

    assert lines_of(problems) == [3, 4, 4, 8, 10]
    messages = [problem.message for problem in problems]
    assert "gone.md: no such file" in messages[0]
    assert "no heading with anchor #no-such-heading" in messages[1]
    assert "#nowhere" in messages[2]
    assert "anchors only into Markdown" in messages[3]
    assert "missing.md: no such file" in messages[4]


def test_a_fence_closes_only_with_its_own_kind() -> None:
    text = "````markdown\n```python\n[a](b.md)\n```\n````\n[c](d.md)\n"

    document = Document.parse(Path("x.md"), text)

    assert [link.target for link in document.links()] == ["d.md"]
    assert document.blocks[0].lines == ("```python", "[a](b.md)", "```")


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        (
            "Strategy: allocation (`allocation.py`, `AllocationPolicy`)",
            "strategy-allocation-allocationpy-allocationpolicy",
        ),
        ("The [index](README.md) and job_scheduler", "the-index-and-job_scheduler"),
        ("Singleton: a *module-level* instance", "singleton-a-module-level-instance"),
        ("S - Single responsibility", "s---single-responsibility"),
    ],
)
def test_anchors_follow_github(heading: str, anchor: str) -> None:
    assert slugify(heading) == anchor


def test_repeated_headings_get_numbered_anchors() -> None:
    text = "# Notes\n## Pitfalls\n## Pitfalls\n"

    anchors = Document.parse(Path("x.md"), text).anchors()

    assert anchors == {"notes", "pitfalls", "pitfalls-1"}
