"""The design signals of the report, in Markdown: each with its one line of why it is worth a look.

Every line is labelled as a prompt for reflection; the figures are what the code is, and
none of them is compared with a threshold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dojo.interview.labels import phase_title
from dojo.interview.markdown import code, inline, table, text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from dojo.interview.edits import FileEdit
    from dojo.interview.signals import FunctionSize, Signals
    from dojo.interview.sources import Finding
    from harness.catalog import Interview

    Edits = Sequence[tuple[str, tuple[FileEdit, ...] | None]]

REFLECT = "*Prompt for reflection:*"
WHY = {
    "classes": "a class with many lines and public methods may hold more than one "
    "responsibility; one without methods is data: fine for a value or an error, worth a look "
    "for an entity whose rules live elsewhere.",
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


def _section(title: str, key: str, body: list[str]) -> list[str]:
    return [f"### {title}", "", f"{REFLECT} {WHY[key]}", "", *body, ""]


def _findings(items: Sequence[Finding]) -> list[str]:
    return [f"- {code(item.where)}: {text(item.what)}" for item in items]


def signals_section(signals: Signals, design: str, edits: Edits, interview: Interview) -> list[str]:
    """``## Design signals`` with one ``###`` per signal."""
    lines = [
        "## Design signals",
        "",
        (
            f"Computed from {code(design + '/')} at the review: {len(signals.modules)} "
            f"module(s), {signals.lines} lines of code (blank lines and comments left out)."
        ),
        "",
    ]
    if signals.unreadable:
        unread = ", ".join(f"{code(item.where)} ({text(item.what)})" for item in signals.unreadable)
        lines += [f"Not read, as they do not parse: {unread}.", ""]
    return [
        *lines,
        *_section("Classes", "classes", _classes(signals)),
        *_section("The largest class's share", "share", _share(signals)),
        *_section("The longest function", "longest", _function(signals.longest, "lines")),
        *_section(
            "The most complex function", "complex", _function(signals.most_complex, "complexity")
        ),
        *_section(
            "Import cycles",
            "cycles",
            [f"- {code(' -> '.join(cycle))}" for cycle in signals.cycles] or ["None."],
        ),
        *_section("Module-level mutable state", "state", _findings(signals.state) or ["None."]),
        *_section("Time and randomness", "time", _time(signals)),
        *_section("Change requests: edits and additions", "edits", _edits(edits, interview)),
    ]


def _classes(signals: Signals) -> list[str]:
    rows = [
        (
            code(item.module),
            code(item.name),
            str(item.lines),
            ", ".join([str(len(item.public)), *(code(name) for name in item.public)]),
        )
        for item in signals.classes
    ]
    if not rows:
        return ["No classes."]
    return table(("module", "class", "lines", "public methods: how many, which"), rows)


def _share(signals: Signals) -> list[str]:
    largest = signals.largest
    if largest is None:
        return ["No classes."]
    share = f"{signals.largest_share:.0%}"
    return [f"{code(largest.name)} has {largest.lines} of the {signals.lines} lines ({share})."]


def _function(found: FunctionSize | None, measure: str) -> list[str]:
    if found is None:
        return ["No functions."]
    figure = found.lines if measure == "lines" else found.complexity
    return [f"{code(found.name)} at {code(found.where)}: {measure} {figure}."]


def _time(signals: Signals) -> list[str]:
    direct = _findings(signals.direct) or ["Nothing reads the clock or randomness directly."]
    injected = _findings(signals.injected) or ["Nothing is passed a clock or a generator."]
    return ["Read directly:", "", *direct, "", "Passed in:", "", *injected]


def _edits(edits: Edits, interview: Interview) -> list[str]:
    if not edits:
        return ["No change request was revealed."]
    lines: list[str] = []
    for stage_id, files in edits:
        lines += [f"{inline(phase_title(interview, stage_id))}:", ""]
        if files is None:
            lines += ["Its snapshots are missing, so nothing can be compared.", ""]
            continue
        if not files:
            lines += ["No file changed.", ""]
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
        lines += [
            *table(("file", "existing lines changed", "removed", "added"), rows),
            "",
            f"In all: {touched} existing line(s) changed or removed, {added} added.",
            "",
        ]
    return lines[:-1]
