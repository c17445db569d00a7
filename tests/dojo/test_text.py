"""Untrusted text made safe to print: no control characters, no rich markup."""

import pytest
from rich.console import Console

from dojo.text import one_line, plain, safe


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("plain", "plain", id="ordinary text"),
        pytest.param("a\x1b[31mred\x1b[0m", "a[31mred[0m", id="an escape sequence"),
        pytest.param("bell\x07 and nul\x00", "bell and nul", id="a bell and a nul"),
        pytest.param("c1\x9b2J", "c12J", id="an 8-bit control"),
        pytest.param("tab\tand\nnewline", "tab\tand\nnewline", id="a tab and a newline"),
        pytest.param("carriage\r\nreturn\rs", "carriage\nreturn\ns", id="carriage returns"),
    ],
)
def test_plain_strips_control_characters(text: str, expected: str) -> None:
    assert plain(text) == expected


def test_one_line_joins_lines_with_single_spaces() -> None:
    assert one_line("  first\n\n  second \r\n third\x1b ") == "first second third"


@pytest.mark.parametrize("text", ["[/x]", "[bold]not bold", "a \\[b]", "[link=file:///]x"])
def test_safe_text_prints_exactly_as_it_reads(text: str) -> None:
    console = Console(width=80, color_system=None, record=True)

    console.print(f"[bold]{safe(text)}[/]")

    assert console.export_text().rstrip("\n") == text
