"""The actions of a round that move it along: start, reveal, mark, show, next, the live clock."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs
from rich.live import Live
from rich.markdown import Markdown
from rich.text import Text

from dojo.errors import UsageError
from dojo.interview.place import NOTES
from dojo.interview.session import CLARIFY, Session, plan
from dojo.text import one_line, plain, safe

if TYPE_CHECKING:
    import threading
    from pathlib import Path

    from dojo.interview.rounds import Round

_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?P<text>\S.*)$")
TICK_SECONDS = 1.0


def start(round_: Round, minutes: int | None) -> int:
    """A new round on a fresh design folder; an earlier round's folder is moved aside first."""
    place, repository = round_.place, round_.app.repository
    if minutes is not None and minutes <= 0:
        raise UsageError(
            f"--minutes {minutes}: give the length of the round in minutes, such as 45"
        )
    driver = repository.kata_folder(round_.kata.name) / "driver.py"
    if not driver.is_file():
        raise UsageError(
            f"{repository.relative(driver)} is missing: the empty driver to start from"
        )
    earlier = place.load()
    if earlier is not None and earlier.ended is None:
        raise UsageError(
            f"a round of {round_.kata.name} is running ({round_.command()} shows where); "
            f"end it with {round_.command('--review')} before starting another"
        )
    now = round_.now()
    if earlier is not None:
        place.archive(earlier)
    if place.design.exists():
        moved = place.set_aside_design(now)
        round_.print(f"Your earlier design folder is kept in {safe(place.relative(moved))}/.")
    place.create_design(driver)
    session = Session.start(round_.kata.name, plan(round_.interview, minutes), now)
    place.save(session)
    design = place.relative(place.design)
    round_.print(
        f"A new interview round: {safe(round_.kata.title)}, "
        f"{len(round_.interview.stages) - 1} change request(s), "
        f"{round_.interview.minutes if minutes is None else minutes} minutes."
    )
    round_.print(f"The interviewer says: [bold]{safe(round_.interview.prompt)}[/]")
    round_.print(
        f"Your design folder is {safe(design)}/: an empty __init__.py, driver.py (the driver "
        f"the tests call, to write last, over your own classes) and {NOTES} for your questions."
    )
    round_.show_clock(session)
    return 0


def status(round_: Round, session: Session) -> int:
    """Where the running round is, and the prompt again."""
    who = f" (team {safe(round_.place.team)})" if round_.place.team else ""
    round_.print(f"Interview round of {safe(round_.kata.title)}{who}.")
    round_.print(f"The prompt: [bold]{safe(round_.interview.prompt)}[/]")
    round_.show_clock(session)
    return 0


def notes_in(folder: Path) -> tuple[str, ...] | None:
    """The questions in ``folder/NOTES.md`` (its list items), or ``None`` when it is missing."""
    path = folder / NOTES
    try:
        content = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return None
    return tuple(
        one_line(match["text"]) for line in content.splitlines() if (match := _ITEM.match(line))
    )


def _markdown(round_: Round, text: str) -> None:
    round_.app.console.print(Markdown(plain(text), hyperlinks=False))


def _core(round_: Round) -> str:
    """The core requirements as the interviewer answers them, and the driver contract."""
    lines = ["## Core requirements", ""]
    for item in round_.spec.requirements:
        lines += [
            f"{item.number}. **{item.title}.** {item.answer}",
            f"   - Ask: {item.ask}",
            f"   - Why it matters: {item.why}",
        ]
    return "\n".join(lines) + "\n\n" + round_.spec.contract.markdown


def reveal(round_: Round, session: Session, asked: str | None) -> int:
    """Show the core requirements and the contract; mark the questions asked; start the core."""
    if session.phase.name != CLARIFY:
        raise UsageError(
            f"the core requirements are revealed already; {round_.command('--show')} shows "
            f"them again, and {round_.command('--asked 1,3')} marks the questions you asked"
        )
    now = round_.now()
    written = notes_in(round_.place.design)
    design = safe(round_.place.relative(round_.place.design))
    if written is None:
        round_.print(f"{NOTES} is missing from {design}/: there are no questions to compare.")
    elif written:
        round_.print("[bold]Your questions[/] (NOTES.md):")
        for number, question in enumerate(written, start=1):
            round_.print(f"  {number}. {safe(question)}")
    else:
        round_.print("NOTES.md holds no questions (write them as a list, one per line).")
    _markdown(round_, _core(round_))
    marked = _asked(round_, asked) if asked is not None else _ask_each(round_)
    session = session.enter(round_.interview.stages[0].id, now)
    session = attrs.evolve(session, asked=marked)
    round_.place.save(session)
    _say_marked(round_, marked)
    round_.show_clock(session)
    return 0


def mark(round_: Round, session: Session, asked: str) -> int:
    """Record which questions were asked, after the reveal."""
    if session.phase.name == CLARIFY:
        raise UsageError(f"nothing is revealed yet: {round_.command('--reveal')} comes first")
    marked = _asked(round_, asked)
    round_.place.save(attrs.evolve(session, asked=marked))
    _say_marked(round_, marked)
    return 0


def _say_marked(round_: Round, marked: tuple[int, ...] | None) -> None:
    total = len(round_.spec.requirements)
    if marked is None:
        round_.print(
            f"Mark the questions you asked for the report: {round_.command('--asked 1,3')} "
            "(or --asked none)."
        )
    else:
        listed = ", ".join(str(number) for number in marked) or "none"
        round_.print(f"Marked as asked: {listed} ({len(marked)} of {total}).")


def _asked(round_: Round, value: str) -> tuple[int, ...]:
    total = len(round_.spec.requirements)
    cleaned = value.strip().lower()
    if cleaned == "none":
        return ()
    try:
        numbers = sorted({int(part) for part in cleaned.split(",")})
    except ValueError:
        numbers = [0]
    if not numbers or numbers[0] < 1 or numbers[-1] > total:
        raise UsageError(
            f"--asked {one_line(value)!r}: give the numbers of the requirements you asked "
            f"about, such as 1,3 (they are 1-{total}), or none"
        )
    return tuple(numbers)


def _ask_each(round_: Round) -> tuple[int, ...] | None:
    """On a terminal, one yes or no per requirement; elsewhere nothing is marked yet."""
    if not round_.app.interactive:
        return None
    return tuple(
        item.number
        for item in round_.spec.requirements
        if round_.app.confirm(f"Did you ask about {item.number}. {safe(item.title)}?")
    )


def show(round_: Round, session: Session) -> int:
    """Everything revealed so far: the prompt, the core and contract, each change request."""
    round_.print(f"The prompt: [bold]{safe(round_.interview.prompt)}[/]")
    if session.revealed == 0:
        round_.print(
            f"Nothing else is revealed yet: {round_.command('--reveal')} shows the requirements."
        )
    else:
        _markdown(round_, _core(round_))
    for number in range(2, session.revealed + 1):
        _markdown(round_, round_.spec.stage_section(number).markdown)
    round_.show_clock(session)
    return 0


def next_change(round_: Round, session: Session) -> int:
    """Snapshot the design, then reveal the next change request as the interviewer asks it."""
    if session.phase.name == CLARIFY:
        raise UsageError(f"the core comes first: {round_.command('--reveal')}")
    if session.revealed == len(round_.interview.stages):
        raise UsageError(
            f"no change request is left; end the round with {round_.command('--review')}"
        )
    stage = round_.stage(session.revealed + 1)
    place = round_.place
    if not place.design.is_dir():
        raise UsageError(
            f"{place.relative(place.design)}/ is missing: there is no code to snapshot"
        )
    now = round_.now()
    copy = place.snapshot(session, f"before-{stage.id}")
    session = session.enter(stage.id, now)
    session = attrs.evolve(session, snapshots={**session.snapshots, stage.id: place.relative(copy)})
    place.save(session)
    round_.print(f"Your code as it was is copied to {safe(place.relative(copy))}/.")
    count = f"{stage.number - 1} of {len(round_.interview.changes)}"
    round_.print(f"[bold]The interviewer asks for a change[/] ({count}):")
    _markdown(round_, round_.spec.stage_section(stage.number).markdown)
    round_.show_clock(session)
    return 0


def clock(round_: Round, session: Session, stop: threading.Event) -> int:
    """The clock, redrawn every second until Ctrl-C or ``stop``; the round goes on after."""
    try:
        with Live(console=round_.app.console, auto_refresh=False) as live:
            while True:
                live.update(Text(round_.clock_text(session)), refresh=True)
                if stop.wait(TICK_SECONDS):
                    break
    except KeyboardInterrupt:
        round_.app.console.print()
    round_.print(f"Clock stopped; the round goes on. {safe(round_.next_step(session))}")
    return 0
