"""The progress of a run: bars on a terminal, one line per check elsewhere, cases counted."""

from __future__ import annotations

import io

from rich.console import Console

from dojo.verify.plan import Report
from dojo.verify.progress import Display

COUNTS = {"chmod": 10, "acls": 4}


def console(*, terminal: bool) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=100, force_terminal=terminal, color_system=None), out


def test_elsewhere_each_check_is_one_line_as_it_starts() -> None:
    shown, out = console(terminal=False)

    with Display(shown, COUNTS) as display:
        for report in (
            Report("progress", "chmod"),
            Report("progress", "chmod", done=5),
            Report("progress", "chmod", done=10, doing="a different mode"),
            Report("progress", "acls", done=4),
            Report("result", "acls"),
            Report("progress", "unknown", done=3),
        ):
            display.update(report)

    assert out.getvalue().splitlines() == [
        "checking chmod: 10 case(s) ...",
        "checking acls: 4 case(s) ...",
    ]
    assert display.done == 14


def test_on_a_terminal_a_bar_per_check_says_what_is_being_made_simpler() -> None:
    shown, out = console(terminal=True)

    with Display(shown, COUNTS) as display:
        display.update(Report("progress", "chmod", done=7, doing="[red]odd[/] kind"))
        shown.print("between")

    assert display.done == 7
    assert "checking" not in out.getvalue()
    assert "chmod (making a case of '[red]odd[/] kind' simpler)" in out.getvalue()
    assert "7/10" in out.getvalue()
