"""A kata's ``INTERVIEW.md``, read: the prompt, the answers, the contract, the change requests.

The file has these ``##`` sections, in this order:

- ``Prompt``: what the interviewer says first; the same words as ``kata.toml``'s prompt.
- ``Core requirements``: a numbered list, one clarifying answer per item. Each item opens
  with a bold title, then the answer, then two sub-items ``Ask: ...`` (a question that
  uncovers it) and ``Why it matters: ...``.
- ``Driver contract``: the functions the suite calls, and what they take and return.
- ``Change request N: Title``: one per ``[[interview.changes]]``, in order, same titles.
- ``Rubric``: a table, one row per area of ``RUBRIC_AREAS``, saying what strong looks like.
- ``Follow-up questions``: one ``###`` subsection per question, its model answer below it,
  with at least one link to read on.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs
from markdown_it import MarkdownIt

from harness.catalog import ROOT, Kata
from harness.spec import Block, Section, normalise, sections

if TYPE_CHECKING:
    from pathlib import Path

    from markdown_it.token import Token

RUBRIC_AREAS = (
    "Requirements clarified",
    "Entities and responsibilities",
    "API",
    "Extensibility",
    "Patterns where they pay",
    "Concurrency",
    "Testing",
    "Communication",
)
PROMPT, CORE, CONTRACT, RUBRIC, FOLLOW_UPS = (
    "Prompt",
    "Core requirements",
    "Driver contract",
    "Rubric",
    "Follow-up questions",
)
_CHANGE = re.compile(r"Change request (\d+): (.+)")
_TITLE = re.compile(r"^\*\*(?P<title>.+?)\*\*\s*(?P<answer>.*)$", re.DOTALL)
_ASK, _WHY = "Ask:", "Why it matters:"
_LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


class InterviewSpecError(ValueError):
    """An ``INTERVIEW.md`` that does not have the shape above; the message says where."""


@attrs.frozen
class Requirement:
    """One clarifying answer: what the interviewer says, the question, why it matters."""

    number: int
    title: str
    answer: str
    ask: str
    why: str


@attrs.frozen
class FollowUp:
    """A question interviewers ask after the code, with a short model answer (Markdown)."""

    question: str
    answer: str


@attrs.frozen
class InterviewSpec:
    """Everything ``INTERVIEW.md`` says, by section."""

    prompt: str
    requirements: tuple[Requirement, ...]
    contract: Section
    core: Section
    changes: tuple[Section, ...]
    rubric: tuple[tuple[str, str], ...]
    follow_ups: tuple[FollowUp, ...]

    @classmethod
    def read(cls, path: Path) -> InterviewSpec:
        """Parse ``path``; ``InterviewSpecError`` naming the file and what is wrong."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InterviewSpecError(f"{path}: {error}") from error
        return cls.parse(text, source=str(path))

    @classmethod
    def parse(cls, text: str, *, source: str) -> InterviewSpec:
        """Parse the Markdown ``text`` of an ``INTERVIEW.md``."""
        found = {section.title: section for section in sections(text)}
        missing = [
            title for title in (PROMPT, CORE, CONTRACT, RUBRIC, FOLLOW_UPS) if title not in found
        ]
        if missing:
            raise InterviewSpecError(f"{source}: missing section(s) {', '.join(missing)}")
        changes = [section for section in found.values() if _CHANGE.fullmatch(section.title)]
        numbers = [int(_CHANGE.fullmatch(section.title)[1]) for section in changes]  # type: ignore[index]
        if numbers != list(range(1, len(numbers) + 1)):
            raise InterviewSpecError(
                f"{source}: change requests must be numbered 1, 2, ... in order; found {numbers}"
            )
        prompt = " ".join(block.text for block in found[PROMPT].blocks)
        if not prompt:
            raise InterviewSpecError(f"{source}: the Prompt section is empty")
        return cls(
            prompt=prompt,
            requirements=_requirements(found[CORE], source),
            contract=found[CONTRACT],
            core=found[CORE],
            changes=tuple(changes),
            rubric=_rubric(found[RUBRIC], source),
            follow_ups=_follow_ups(found[FOLLOW_UPS], source),
        )

    def change_title(self, number: int) -> str:
        """The title of change request ``number`` (1-based)."""
        match = _CHANGE.fullmatch(self.changes[number - 1].title)
        return match[2] if match else ""

    def stage_section(self, number: int) -> Section:
        """The section of interview stage ``number``: 1 is the core, then each change."""
        return self.core if number == 1 else self.changes[number - 2]


def is_coaching(block: Block) -> bool:
    """The ``Ask:`` and ``Why it matters:`` items coach the candidate; they are not rules."""
    return block.kind == "item" and block.text.startswith((_ASK, _WHY))


def interview_path(kata: str, root: Path = ROOT) -> Path:
    """Where a kata's interview spec lives."""
    return root / "katas" / kata / "INTERVIEW.md"


def interview_problems(kata: Kata, root: Path = ROOT) -> list[str]:
    """What disagrees between ``kata.toml``'s interview, ``INTERVIEW.md`` and the folders."""
    interview = kata.interview
    path = interview_path(kata.name, root)
    suite = root / "tests" / "interview" / kata.name
    if interview is None:
        stray = [str(item.relative_to(root)) for item in (path, suite) if item.exists()]
        return [f"{kata.name}: {', '.join(stray)} but no [interview] in kata.toml"] if stray else []
    problems = [
        f"{kata.name}: interview mode needs {place.relative_to(root)}"
        for place in (
            path,
            suite,
            root / "katas" / kata.name / "driver.py",
            root / "solutions" / kata.name / "driver.py",
        )
        if not place.exists()
    ]
    if not path.exists():
        return problems
    try:
        spec = InterviewSpec.read(path)
    except InterviewSpecError as error:
        return [*problems, str(error)]
    if normalise(spec.prompt) != normalise(interview.prompt):
        problems.append(
            f"{kata.name}: INTERVIEW.md's prompt {spec.prompt!r} is not kata.toml's "
            f"{interview.prompt!r}"
        )
    titles = [spec.change_title(number) for number in range(1, len(spec.changes) + 1)]
    expected = [stage.title for stage in interview.changes]
    if titles != expected:
        problems.append(
            f"{kata.name}: INTERVIEW.md's change requests {titles} do not match kata.toml "
            f"{expected}"
        )
    return problems


def _requirements(section: Section, source: str) -> tuple[Requirement, ...]:
    tokens = MarkdownIt("commonmark").parse(section.markdown)
    found: list[Requirement] = []
    for item in _top_items(tokens):
        head, *subs = item
        match = _TITLE.match(head)
        ask = [sub.removeprefix(_ASK).strip() for sub in subs if sub.startswith(_ASK)]
        why = [sub.removeprefix(_WHY).strip() for sub in subs if sub.startswith(_WHY)]
        number = len(found) + 1
        if not match or not ask or not why:
            raise InterviewSpecError(
                f"{source}: core requirement {number} needs a bold title, an answer, and "
                f"the sub-items '{_ASK} ...' and '{_WHY} ...'"
            )
        found.append(
            Requirement(
                number,
                match["title"].strip().rstrip("."),
                " ".join(match["answer"].split()),
                " ".join(ask[0].split()),
                " ".join(why[0].split()),
            )
        )
    if not found:
        raise InterviewSpecError(f"{source}: the Core requirements list is empty")
    return tuple(found)


def _top_items(tokens: list[Token]) -> list[list[str]]:
    """Each top-level list item: its own text, then the texts of its direct sub-items."""
    items: list[list[str]] = []
    depth = 0
    for position, token in enumerate(tokens):
        if token.type == "list_item_open":
            depth += 1
            if depth == 1:
                items.append([])
        elif token.type == "list_item_close":
            depth -= 1
        elif token.type == "paragraph_open" and depth in (1, 2) and items:
            text = tokens[position + 1].content
            if depth == 1 and items[-1]:
                items[-1][0] += "\n" + text
            else:
                items[-1].append(text)
    return items


def _rubric(section: Section, source: str) -> tuple[tuple[str, str], ...]:
    rows = [block.text.split(" | ", 1) for block in section.blocks if block.kind == "row"]
    areas = tuple(row[0] for row in rows)
    if areas != RUBRIC_AREAS or any(len(row) != 2 or not row[1].strip() for row in rows):
        raise InterviewSpecError(
            f"{source}: the Rubric table needs one row per area, in this order, each with what "
            f"strong looks like: {', '.join(RUBRIC_AREAS)}"
        )
    return tuple((row[0], row[1]) for row in rows)


def _follow_ups(section: Section, source: str) -> tuple[FollowUp, ...]:
    parts = re.split(r"^### (.+)$", section.markdown, flags=re.MULTILINE)
    found: list[FollowUp] = []
    for question, body in zip(parts[1::2], parts[2::2], strict=True):
        answer = body.strip()
        if not answer or not _LINK.search(answer):
            raise InterviewSpecError(
                f"{source}: follow-up {question.strip()!r} needs a model answer with a link"
            )
        found.append(FollowUp(question.strip(), answer))
    if not found:
        raise InterviewSpecError(f"{source}: no follow-up questions (### headings)")
    return tuple(found)
