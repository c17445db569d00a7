"""The live terminal board's warnings, said on its status line instead of printed above it.

A line printed above a live board stays there after the board has moved on, so the
board says what it was warned of under its rows, as it says that a fetch failed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from dojo.team.board import BoardSource
from dojo.text import one_line

if TYPE_CHECKING:
    from dojo.team.board import TeamRow


@attrs.define
class BoardWarnings:
    """The warnings a board has heard, each once, in the order heard."""

    heard: list[str] = attrs.field(factory=list)

    def __call__(self, text: str) -> None:
        """Keep ``text``, on one line, unless it was heard already (rows are read each second)."""
        line = one_line(text)
        if line not in self.heard:
            self.heard.append(line)


@attrs.frozen
class WarnedBoard:
    """``source``'s rows, and its status line with a line for each warning under it."""

    source: BoardSource
    warnings: BoardWarnings

    def rows(self) -> list[TeamRow]:
        """The source's rows (reading them may add a warning)."""
        return self.source.rows()

    def status(self) -> str:
        """The source's status, then ``warning: ...`` lines."""
        said = [self.source.status(), *(f"warning: {line}" for line in self.warnings.heard)]
        return "\n".join(line for line in said if line)
