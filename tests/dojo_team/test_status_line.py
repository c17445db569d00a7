"""The live board's warnings: on its status line, under the source's own status, each once."""

from __future__ import annotations

import io

import attrs
from rich.console import Console

from dojo.team.board import TeamRow, live_board
from dojo.team.runlog import Light
from dojo.team.status_line import BoardWarnings, WarnedBoard


@attrs.define
class _Warning:
    """A source that is warned of a bad line each time its rows are read."""

    warn: BoardWarnings
    said: str = "fetched from the remote at 09:42:10"
    reads: int = 0

    def rows(self) -> list[TeamRow]:
        self.reads += 1
        self.warn(f"team red: line {self.reads} of\nits run log is not JSON")
        return [TeamRow("red", "toy", 1, "", (), Light.RED, (Light.RED,))]

    def status(self) -> str:
        return self.said


def test_each_warning_is_a_line_of_the_status_under_the_sources_own() -> None:
    warnings = BoardWarnings()
    board = WarnedBoard(_Warning(warnings), warnings)

    board.rows()
    board.rows()

    assert board.status() == (
        "fetched from the remote at 09:42:10\n"
        "warning: team red: line 1 of its run log is not JSON\n"
        "warning: team red: line 2 of its run log is not JSON"
    )


def test_a_warning_heard_again_is_said_once() -> None:
    warnings = BoardWarnings()

    warnings("the board's copy of the remote cannot be read")
    warnings("the board's copy of the remote cannot be read")

    assert warnings.heard == ["the board's copy of the remote cannot be read"]


def test_a_source_with_nothing_to_say_adds_no_empty_line() -> None:
    warnings = BoardWarnings()
    board = WarnedBoard(_Warning(warnings, said=""), warnings)

    silent = board.status()
    warnings("x")

    assert silent == ""
    assert board.status() == "warning: x"


def test_the_live_board_shows_a_warning_of_its_rows_under_them_in_the_same_frame() -> None:
    warnings = BoardWarnings()
    console = Console(file=io.StringIO(), width=100, color_system=None, force_terminal=True)

    live_board(WarnedBoard(_Warning(warnings), warnings), console, ticks=range(0))

    output = console.file
    assert isinstance(output, io.StringIO)
    table, _, under = output.getvalue().rpartition("└")
    assert "red" in table
    assert "warning: team red: line 1 of its run log is not JSON" in under
