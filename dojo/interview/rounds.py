"""What every action of ``dojo interview`` works with: the kata, its place, session and clock."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from dojo.app import App
from dojo.errors import UsageError
from dojo.interview.labels import duration, phase_title
from dojo.interview.place import Place
from dojo.interview.session import CLARIFY, REVIEW
from dojo.team.runs import RunSink
from dojo.text import safe
from harness.catalog import Kata
from harness.interview import InterviewSpec

if TYPE_CHECKING:
    from datetime import datetime

    from dojo.interview.session import Session
    from harness.catalog import Interview, Stage


@attrs.frozen
class Round:
    """One kata's interview, alone or for a team, and the collaborators to run it with."""

    app: App
    kata: Kata
    spec: InterviewSpec
    place: Place
    # A team's round: where each test run goes (the team's journal: its log, branch, remote).
    log: RunSink | None = None

    @property
    def interview(self) -> Interview:
        """The ``[interview]`` of ``kata.toml``; the command checked that there is one."""
        assert self.kata.interview is not None  # checked before a Round is built
        return self.kata.interview

    def now(self) -> datetime:
        """The time, from the app's clock."""
        return self.app.clock()

    def command(self, option: str = "") -> str:
        """``dojo interview KATA [--team NAME] [OPTION]``, as the learner types it."""
        team = f" --team {self.place.team}" if self.place.team else ""
        return f"dojo interview {self.kata.name}{team}" + (f" {option}" if option else "")

    def session(self) -> Session:
        """The running round; ``UsageError`` saying how to start one when there is none."""
        session = self.place.load()
        if session is None:
            raise UsageError(
                f"no interview round of {self.kata.name} yet; start one with: {self.command()}"
            )
        return session

    def running(self) -> Session:
        """The running round; ``UsageError`` when it has ended."""
        session = self.session()
        if session.ended is not None:
            raise UsageError(
                f"the round of {self.kata.name} ended at {session.ended:%H:%M} UTC; its report "
                f"is {session.report}; {self.command('--new')} starts another"
            )
        return session

    def stage(self, number: int) -> Stage:
        """Stage ``number``: 1 is the core, then each change request."""
        return self.interview.stages[number - 1]

    def print(self, line: str) -> None:
        """One line of the repository's own words (no markup from outside in it)."""
        self.app.console.print(line, highlight=False)

    def clock_text(self, session: Session) -> str:
        """The phase, the time spent in it and in the round, against the plan (no markup)."""
        now = self.now()
        if session.ended is not None:
            return (
                f"The round ended at {session.ended:%H:%M} UTC, after "
                f"{duration(session.elapsed(now))} (planned {duration(session.total_budget)})."
            )
        phase = session.phase
        names = [CLARIFY, *(stage.id for stage in self.interview.stages), REVIEW]
        in_phase = session.spent(now)[-1][1]
        budget = session.budget(phase.name)
        over = f" ({duration(in_phase - budget)} over)" if in_phase > budget else ""
        number = names.index(phase.name) + 1 if phase.name in names else "?"
        return (
            f"{phase_title(self.interview, phase.name)} "
            f"(phase {number} of {len(names)}): "
            f"{duration(in_phase)} of {duration(budget)}{over}; the round: "
            f"{duration(session.elapsed(now))} of {duration(session.total_budget)}."
        )

    def show_clock(self, session: Session) -> None:
        """Where the round is, and what to type next."""
        self.print(f"[bold]{safe(self.clock_text(session))}[/]")
        self.print(f"Next: {safe(self.next_step(session))}")

    def next_step(self, session: Session) -> str:
        """What the learner does next, with the command to type."""
        design = self.place.relative(self.place.design)
        if session.ended is not None:
            return f"read the report, {session.report}; {self.command('--new')} starts another"
        if session.phase.name == CLARIFY:
            return f"write your questions in {design}/NOTES.md, then: {self.command('--reveal')}"
        ahead = len(self.interview.stages) - session.revealed
        move = self.command("--next") if ahead else self.command("--review")
        return (
            f"design and code in {design}/ (the driver last), run {self.command('--test')}; "
            f"when it passes or time is up: {move}"
        )
