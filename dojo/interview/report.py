"""The review of a round, as Markdown: its record, the design signals, the rubric, the follow-ups.

Every figure comes from the learner's code or from the session's own record.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from dojo.interview.edits import FileEdit
from dojo.interview.labels import duration, phase_title
from dojo.interview.markdown import code, inline, table, text
from dojo.interview.session import REVIEW, Session
from dojo.interview.signal_report import signals_section
from dojo.interview.signals import Signals
from harness.catalog import Interview, Kata
from harness.interview import InterviewSpec

if TYPE_CHECKING:
    from collections.abc import Callable

SCALE = 4
SCALE_TEXT = "1 not shown, 2 partly, 3 solid, 4 strong"


@attrs.frozen
class Review:
    """What a report is made of."""

    kata: Kata
    spec: InterviewSpec
    session: Session
    signals: Signals
    edits: tuple[tuple[str, tuple[FileEdit, ...] | None], ...]
    notes: tuple[str, ...] | None
    design: str
    now: datetime
    team: str | None = None

    @property
    def interview(self) -> Interview:
        """The kata's interview metadata (a kata without one has no review)."""
        assert self.kata.interview is not None  # a round exists only for a kata with one
        return self.kata.interview


def compose(review: Review, links: Callable[[str], str]) -> str:
    """The whole report; ``links`` rewrites the links of the follow-ups' model answers."""
    session = review.session
    who = f", team {text(review.team)}" if review.team else ""
    lines = [
        f"# Interview report: {inline(review.kata.title)}",
        "",
        (
            f"Round of {session.started:%Y-%m-%d %H:%M} UTC{who}, "
            f"{duration(session.elapsed(review.now))} long "
            f"(planned {duration(session.total_budget)}). Design: {code(review.design + '/')}."
        ),
        (
            "Every figure here is computed from your code or from the round's own record. The "
            "design signals are prompts for reflection: none of them grades a design."
        ),
        "",
        *_round(review),
        *signals_section(review.signals, review.design, review.edits, review.interview),
        *_rubric(review),
        "## Follow-up questions",
        "",
    ]
    for follow_up in review.spec.follow_ups:
        lines += [f"### {inline(follow_up.question)}", "", links(follow_up.answer), ""]
    return "\n".join(lines).rstrip() + "\n"


def _round(review: Review) -> list[str]:
    session, interview = review.session, review.interview
    phases = [
        (
            inline(phase_title(interview, phase.name)),
            duration(session.budget(phase.name)),
            "now" if phase.name == REVIEW else duration(spent),
        )
        for phase, spent in session.spent(review.now)
    ]
    return [
        "## The round",
        "",
        *table(("phase", "planned", "spent"), phases),
        "",
        *_questions(review),
        *_runs(review),
    ]


def _questions(review: Review) -> list[str]:
    asked, total = review.session.asked, len(review.spec.requirements)
    lines = ["### Clarifying questions", ""]
    if asked is None:
        lines += ["You did not mark which requirements you asked about.", ""]
    else:
        lines += [f"You marked {len(asked)} of {total} as asked about.", ""]
    rows = [
        (
            str(item.number),
            inline(item.title),
            inline(item.ask),
            "?" if asked is None else "yes" if item.number in asked else "no",
        )
        for item in review.spec.requirements
    ]
    lines += [*table(("#", "requirement", "a question that uncovers it", "asked"), rows), ""]
    if review.notes is None:
        return [*lines, "NOTES.md was missing at the review: your own questions are not here.", ""]
    if not review.notes:
        return [*lines, "NOTES.md held no questions.", ""]
    return [
        *lines,
        "Your questions, from NOTES.md:",
        "",
        *(f"- {text(n)}" for n in review.notes),
        "",
    ]


def _runs(review: Review) -> list[str]:
    session, interview = review.session, review.interview
    lines = ["### Test runs", ""]
    if not session.runs:
        return [*lines, "No test runs.", ""]
    rows = [
        (
            f"+{duration(run.time - session.started)}",
            inline(phase_title(interview, run.phase)),
            ", ".join(
                f"{interview.stages[s.number - 1].id} {s.passed}/{s.total}" for s in run.stages
            ),
            run.light,
        )
        for run in session.runs
    ]
    return [*lines, *table(("when", "phase", "tests passing", "result"), rows), ""]


def _rubric(review: Review) -> list[str]:
    scores = review.session.scores
    rows = [
        (
            inline(area),
            inline(strong),
            f"{scores[area]} of {SCALE}" if area in scores else "not scored",
        )
        for area, strong in review.spec.rubric
    ]
    return [
        "## Rubric",
        "",
        (
            "What an interviewer scores, and what strong looks like for this kata. "
            f"Your own scores: {SCALE_TEXT}."
        ),
        "",
        *table(("area", "strong looks like", "you"), rows),
        "",
    ]
