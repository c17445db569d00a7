"""``dojo interview --review``: end the round, score it, and write its report.

The report is computed from the snapshots (the copy made before each change request and
the one made at the review), so ``--score`` after the round writes the same report again
with the scores in it, whatever happened to the design folder since.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from rich.markdown import Markdown

from dojo.errors import UsageError
from dojo.interview.actions import notes_in
from dojo.interview.edits import compare
from dojo.interview.markdown import relink
from dojo.interview.report import SCALE, Review, compose
from dojo.interview.session import REVIEW
from dojo.interview.signals import read_design
from dojo.text import one_line, plain, safe
from harness.interview import interview_path

if TYPE_CHECKING:
    from pathlib import Path

    from dojo.interview.edits import FileEdit
    from dojo.interview.rounds import Round
    from dojo.interview.session import Session

FINAL = "review"


def review(round_: Round, session: Session, scores: str | None) -> int:
    """Snapshot the design, take the scores, end the round, write and print the report."""
    place = round_.place
    if not place.design.is_dir():
        raise UsageError(
            f"{place.relative(place.design)}/ is missing: there is no design to review"
        )
    final = place.snapshot(session, "at-review")
    scored = _scores(round_, scores) if scores is not None else _ask_scores(round_)
    now = round_.now()
    session = attrs.evolve(
        session.enter(REVIEW, now),
        snapshots={**session.snapshots, FINAL: place.relative(final)},
        scores=scored,
        ended=now,
        report=place.relative(place.report_file(now)),
    )
    _write(round_, session)
    place.save(session)
    return 0


def rescore(round_: Round, session: Session, scores: str) -> int:
    """Record the scores of an ended round and write its report again."""
    if session.ended is None:
        raise UsageError(f"the round is still running: {round_.command('--review')} ends it")
    session = attrs.evolve(session, scores=_scores(round_, scores))
    _write(round_, session)
    round_.place.save(session)
    return 0


def _write(round_: Round, session: Session) -> None:
    root = round_.app.repository.root
    report = root / session.report
    source = interview_path(round_.kata.name, root).parent
    final = root / session.snapshots[FINAL]
    inputs = Review(
        kata=round_.kata,
        spec=round_.spec,
        session=session,
        signals=read_design(final),
        edits=_edits(round_, session),
        notes=notes_in(final),
        design=round_.place.relative(round_.place.design),
        now=session.ended or round_.now(),
        team=round_.place.team,
    )
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(
        compose(inputs, lambda text: relink(text, source, report.parent, root)), encoding="utf-8"
    )
    terminal = compose(inputs, lambda text: relink(text, source, root, root))
    round_.app.console.print(Markdown(plain(terminal), hyperlinks=False))
    round_.print(f"The report is written to [bold]{safe(session.report)}[/].")
    if not session.scores:
        round_.print(
            "Score yourself on the rubric, in its order (1-4, or - to skip), and the report "
            f"is written again: {round_.command('--score 3,2,3,3,2,1,2,3')}"
        )


def _edits(round_: Round, session: Session) -> tuple[tuple[str, tuple[FileEdit, ...] | None], ...]:
    """Per change request revealed: its figures, from its snapshot to the next one."""
    root = round_.app.repository.root
    changes = [stage.id for stage in round_.interview.changes if stage.id in session.snapshots]
    ends = [*changes[1:], FINAL]
    found: list[tuple[str, tuple[FileEdit, ...] | None]] = []
    for change, end in zip(changes, ends, strict=True):
        before: Path = root / session.snapshots[change]
        after: Path = root / session.snapshots.get(end, "")
        both = before.is_dir() and end in session.snapshots and after.is_dir()
        found.append((change, compare(before, after) if both else None))
    return tuple(found)


def _scores(round_: Round, value: str) -> dict[str, int]:
    areas = [area for area, _strong in round_.spec.rubric]
    parts = [part.strip() for part in value.split(",")]
    valid = len(parts) == len(areas) and all(
        part == "-" or (part.isdigit() and 1 <= int(part) <= SCALE) for part in parts
    )
    if not valid:
        raise UsageError(
            f"--score {one_line(value)!r}: give {len(areas)} scores from 1 to {SCALE} (or - to "
            f"skip one), comma-separated, in the rubric's order: {', '.join(areas)}"
        )
    return {area: int(part) for area, part in zip(areas, parts, strict=True) if part != "-"}


def _ask_scores(round_: Round) -> dict[str, int]:
    """On a terminal, one question per rubric area; elsewhere the round ends unscored."""
    if not round_.app.interactive:
        return {}
    scores: dict[str, int] = {}
    round_.print(f"[bold]Score yourself[/], 1 to {SCALE} (Enter skips an area):")
    for area, strong in round_.spec.rubric:
        round_.print(f"{safe(area)}. Strong: {safe(strong)}")
        answer = round_.app.ask(f"Your score for {area}: ").strip()
        if answer.isdigit() and 1 <= int(answer) <= SCALE:
            scores[area] = int(answer)
        elif answer:
            refused = safe(one_line(answer))
            round_.print(
                f"'{refused}' is not a score from 1 to {SCALE}: {safe(area)} stays unscored."
            )
    return scores
