"""The repository's Markdown stays true: code references resolve, examples run, links work."""

from __future__ import annotations

import re
import tomllib
from typing import TYPE_CHECKING

import pytest

from harness.catalog import ROOT
from harness.docs.checks import (
    PATTERNS,
    code_references,
    example_count,
    example_problems,
    link_problems,
    markdown_files,
    notes,
    reference_problems,
    report,
)
from harness.docs.markdown import Document

if TYPE_CHECKING:
    from pathlib import Path

NOTES = notes()
PATTERN_NOTES = [note for note in NOTES if note.name != "README.md"]
KATAS = sorted(path.parent.name for path in ROOT.glob("katas/*/kata.toml"))


def test_the_notes_exist() -> None:
    names = {note.name for note in NOTES}

    assert names >= {"README.md", "singleton.md", "factory.md", "strategy.md", "observer.md"}
    assert "solid.md" in names


@pytest.mark.parametrize("note", NOTES, ids=lambda path: path.name)
def test_every_code_reference_in_a_note_resolves(note: Path) -> None:
    problems = reference_problems(note)

    assert not problems, report(problems)


@pytest.mark.parametrize("note", PATTERN_NOTES, ids=lambda path: path.name)
def test_every_note_refers_to_the_code_of_every_kata(note: Path) -> None:
    """The notes explain each pattern with all three katas, not with one."""
    targets = [link.target for link in code_references(Document.read(note))]

    missing = [kata for kata in KATAS if not any(f"solutions/{kata}/" in t for t in targets)]

    assert not missing, f"{note.name} has no code reference into solutions/ of {missing}"


@pytest.mark.parametrize("note", PATTERN_NOTES, ids=lambda path: path.name)
def test_every_note_links_back_to_the_matrix(note: Path) -> None:
    """From the matrix to the code and back: each note leads to the matrix."""
    targets = {link.target for link in Document.read(note).links()}

    assert "README.md#the-matrix" in targets


@pytest.mark.parametrize("note", PATTERN_NOTES, ids=lambda path: path.name)
def test_every_note_has_runnable_examples(note: Path) -> None:
    assert example_count(note) >= 3, f"{note.name}: fewer than three pycon examples"


@pytest.mark.parametrize("note", NOTES, ids=lambda path: path.name)
def test_every_example_in_a_note_runs(note: Path) -> None:
    problems = example_problems(note)

    assert not problems, report(problems)


@pytest.mark.parametrize("document", markdown_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_every_relative_link_resolves(document: Path) -> None:
    problems = link_problems(document)

    assert not problems, report(problems)


def test_the_matrix_has_a_column_for_every_kata() -> None:
    header = next(
        line
        for _, line in Document.read(PATTERNS / "README.md").prose
        if line.startswith("|") and "pattern" in line.lower()
    )

    columns = [cell.strip(" `") for cell in header.strip("|").split("|")]

    assert [kata for kata in KATAS if kata not in columns] == []


@pytest.mark.parametrize("kata", KATAS)
def test_the_matrix_covers_what_each_kata_declares(kata: str) -> None:
    """Every pattern and principle a kata's metadata names has a row in the matrix."""
    meta = tomllib.loads((ROOT / "katas" / kata / "kata.toml").read_text(encoding="utf-8"))
    first_cells = [
        line.split("|")[1]
        for _, line in Document.read(PATTERNS / "README.md").prose
        if line.startswith("| ")
    ]
    rows = {match[1].lower() for cell in first_cells if (match := re.match(r"\W*(\w+)", cell))}

    declared = [name.lower() for name in [*meta["patterns"], *meta["principles"]]]

    assert [name for name in declared if name not in rows] == []
