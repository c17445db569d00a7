"""The review of a round, as Markdown: the round's record, the design signals, the rubric, the
follow-up questions. Every figure comes from the learner's code or the session's record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from dojo.interview.markdown import code, inline, table, text
from dojo.interview.session import CLARIFY, REVIEW

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime, timedelta

    from dojo.interview.edits import FileEdit
    from dojo.interview.session import Session
    from dojo.interview.signals import Signals
    from harness.catalog import Interview, Kata
    from harness.interview import InterviewSpec

SCALE = 4
SCALE_TEXT = "1 not shown, 2 partly, 3 solid, 4 strong"
REFLECT = "*Prompt for reflection:*"
WHY = {
    "classes": "a class with many lines and public methods may hold more than one "
    "responsibility; one with no methods may be a name without a role.",
    "share": "when one class holds most of the code, ask what each of its parts would be "
    "called if it were a class of its own.",
    "longest": "a long function often does several things in a row, and each could have a name.",
    "complex": "McCabe complexity counts the paths through a function (1 is a straight line); "
    "many paths often mean a decision a Strategy or a table could hold.",
    "cycles": "a cycle says two modules need each other: their roles are tangled, or one file "
    "holds two roles.",
    "state": "state at module level, a singleton included, is shared by every caller and every "
    "test; a constant table is fine, a registry that grows is global state.",
    "time": "code that reads the real clock or randomness itself cannot be tested at a chosen "
    "moment; a clock and a random.Random passed in can be.",
    "edits": "a design open to extension takes a new requirement mostly by addition; many "
    "existing lines edited say the change cut across it. The driver is the adapter: edits "
    "there are expected.",
}


def duration(span: timedelta) -> str:
    """``m:ss``, or ``h:mm:ss`` past an hour; never negative."""
    seconds = max(int(span.total_seconds()), 0)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def phase_title(interview: Interview, name: str) -> str:
    """``Clarify``, ``Core``, ``Change request 1: Title`` or ``Review``."""
    if name == CLARIFY:
        return "Clarify"
    if name == REVIEW:
        return "Review"
    stage = interview.stage(name)
    return "Core" if stage.number == 1 else f"Change request {stage.number - 1}: {stage.title}"


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
        assert self.kata.interview is not None  # noqa: S101 - a round exists only with one
        return self.kata.interview


def compose(review: Review, links: Callable[[str], str]) -> str:
    """The whole report; ``links`` rewrites the links of the follow-ups' model answers."""
    session = review.session
    who = f", team {text(review.team)}" if review.team else ""
    lines = [
        f"# Interview report: {inline(review.kata.title)}",
        "",
        f"Round of {session.started:%Y-%m-%d %H:%M} UTC{who}, "
        f"{duration(session.elapsed(review.now))} long "
        f"(planned {duration(session.total_budget)}). Design: {code(review.design + '/')}.",
        "Every figure here is computed from your code or from the round's own record. The "
        "design signals are prompts for reflection: none of them grades a design.",
        "",
        *_round(review),
        *_signals(review),
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
            duration(spent),
        )
        for phase, spent in session.spent(review.now)
    ]
    lines = ["## The round", "", *table(("phase", "planned", "spent"), phases), ""]
    lines += ["### Clarifying questions", ""]
    asked = session.asked
    if asked is None:
        lines += ["You did not mark which questions you asked.", ""]
    else:
        lines += [f"You marked {len(asked)} of {len(review.spec.requirements)} as asked.", ""]
    rows = [
        (
            str(item.number),
            inline(item.title),
            inline(item.ask),
            "yes" if asked and item.number in asked else "no" if asked is not None else "?",
        )
        for item in review.spec.requirements
    ]
    lines += [*table(("#", "requirement", "a question that uncovers it", "asked"), rows), ""]
    if review.notes is None:
        lines += ["NOTES.md was missing at the review: your own questions are not here.", ""]
    elif review.notes:
        lines += ["Your questions, from NOTES.md:", ""]
        lines += [f"- {text(note)}" for note in review.notes] + [""]
    else:
        lines += ["NOTES.md held no questions.", ""]
    lines += ["### Test runs", ""]
    if not session.runs:
        return [*lines, "No test runs.", ""]
    rows = [
        (
            f"+{duration(run.time - session.started)}",
            inline(phase_title(interview, _phase_at(session, run.time))),
            ", ".join(
                f"{interview.stages[s.number - 1].id} {s.passed}/{s.total}" for s in run.stages
            ),
            run.light,
        )
        for run in session.runs
    ]
    return [*lines, *table(("when", "phase", "tests passing", "result"), rows), ""]


def _phase_at(session: Session, moment: datetime) -> str:
    name = session.phases[0].name
    for phase in session.phases:
        if phase.started <= moment:
            name = phase.name
    return name


def _signals(review: Review) -> list[str]:
    signals = review.signals
    lines = [
        "## Design signals",
        "",
        f"Computed from {code(review.design + '/')} at the review: {len(signals.modules)} "
        f"module(s), {signals.lines} lines of code (blank lines and comments left out).",
        "",
    ]
    if signals.unreadable:
        lines += [
            "Not read (they do not parse): "
            + ", ".join(f"{code(item.where)} ({text(item.what)})" for item in signals.unreadable),
            "",
        ]
    lines += ["### Classes", "", f"{REFLECT} {WHY['classes']}", ""]
    rows = [
        (
            code(item.module),
            code(item.name),
            str(item.lines),
            f"{len(item.public)}: " + ", ".join(code(name) for name in item.public)
            if item.public
            else "0",
        )
        for item in signals.classes
    ]
    lines += (
        [*table(("module", "class", "lines", "public methods"), rows), ""]
        if rows
        else ["No classes.", ""]
    )
    largest = signals.largest
    lines += ["### The largest class's share", "", f"{REFLECT} {WHY['share']}", ""]
    lines += [
        f"{code(largest.name)} has {largest.lines} of the {signals.lines} lines "
        f"({signals.largest_share:.0%})."
        if largest
        else "No classes.",
        "",
    ]
    for key, title, found, measure in (
        ("longest", "The longest function", signals.longest, "lines"),
        ("complex", "The most complex function", signals.most_complex, "complexity"),
    ):
        lines += [f"### {title}", "", f"{REFLECT} {WHY[key]}", ""]
        if found is None:
            lines += ["No functions.", ""]
        else:
            figure = found.lines if measure == "lines" else found.complexity
            lines += [f"{code(found.name)} at {code(found.where)}: {measure} {figure}.", ""]
    lines += ["### Import cycles", "", f"{REFLECT} {WHY['cycles']}", ""]
    lines += [f"- {code(' -> '.join(cycle))}" for cycle in signals.cycles] or ["None."]
    lines += ["", "### Module-level mutable state", "", f"{REFLECT} {WHY['state']}", ""]
    lines += [f"- {code(item.where)}: {text(item.what)}" for item in signals.state] or ["None."]
    lines += ["", "### Time and randomness", "", f"{REFLECT} {WHY['time']}", ""]
    lines += [f"- {code(item.where)}: {text(item.what)}" for item in signals.direct] or [
        "Nothing reads the clock or randomness directly."
    ]
    lines += [f"- {code(item.where)}: {text(item.what)}" for item in signals.injected]
    return [*lines, "", *_edits(review)]


def _edits(review: Review) -> list[str]:
    lines = ["### Change requests: edits and additions", "", f"{REFLECT} {WHY['edits']}", ""]
    if not review.edits:
        return [*lines, "No change request was revealed.", ""]
    for stage_id, files in review.edits:
        stage = review.interview.stage(stage_id)
        lines += [f"{inline(phase_title(review.interview, stage.id))}:", ""]
        if files is None:
            lines += ["Its snapshot is missing, so nothing can be compared.", ""]
            continue
        rows = [
            (
                code(item.path) + (" (new)" if item.new else ""),
                str(item.changed),
                str(item.removed),
                str(item.added),
            )
            for item in files
        ]
        touched = sum(item.touched for item in files)
        added = sum(item.added for item in files)
        lines += (
            [*table(("file", "lines changed", "removed", "added"), rows), ""]
            if rows
            else ["No file changed.", ""]
        )
        lines += [f"In all: {touched} existing line(s) edited or removed, {added} added.", ""]
    return lines


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
        f"What an interviewer scores, and what strong looks like for this kata. Your own "
        f"scores: {SCALE_TEXT}.",
        "",
        *table(("area", "strong looks like", "you"), rows),
        "",
    ]
