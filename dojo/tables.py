"""The tables ``dojo`` prints: one look, readable at 80 columns, untrusted cells made safe.

At 80 columns (what a pipe or a CI log gets) nothing is cut off with an ellipsis: a cell
too long for its column wraps at spaces, or folds inside a word as a last resort.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text

from dojo.text import plain

if TYPE_CHECKING:
    from collections.abc import Sequence

FULL, EMPTY = "█", "░"
WIDE = 100


def table(title: str, columns: Sequence[str], *, keep: Sequence[str] = ()) -> Table:
    """A table with a header line and no vertical rules; ``keep`` columns never wrap."""
    shown = Table(
        title=Text(plain(title), style="bold"),
        box=box.SIMPLE_HEAD,
        title_justify="left",
        pad_edge=False,
        # A space on the right only: with the box's blank rule, columns are two apart.
        padding=(0, 1, 0, 0),
    )
    for column in columns:
        if column in keep:
            shown.add_column(column, no_wrap=True)
        else:
            shown.add_column(column, overflow="fold")
    return shown


def cell(text: object) -> Text:
    """Untrusted text as a cell: control characters stripped, never read as markup."""
    return Text(plain(str(text)))


def bar(done: int, total: int, width: int) -> Text:
    """``███░░░░`` : ``done`` of ``total`` over ``width`` characters, legible without colour."""
    filled = 0 if total <= 0 else round(width * min(done, total) / total)
    return Text.assemble((FULL * filled, "green"), (EMPTY * (width - filled), "dim"))


def tally(done: int, total: int, *, width: int, wide: bool) -> Text:
    """``3/7``, with a bar before it when the terminal is wide enough for one."""
    count = Text(f"{done}/{total}")
    return Text.assemble(bar(done, total, width), " ", count) if wide else count
