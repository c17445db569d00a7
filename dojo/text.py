"""Text from files, logs and test output, made safe to print: one place for every command.

Untrusted text may hold control characters (a terminal obeys escape sequences) and rich
markup (``[/x]`` is read as a closing tag). ``plain`` removes the first; ``safe`` removes
both dangers for text that goes into a rich markup string.
"""

from __future__ import annotations

import re

from rich.markup import escape

# C0 controls but tab and newline, DEL, and the C1 controls (ESC's 8-bit forms).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\s*[\n\r]+\s*")


def plain(text: str) -> str:
    """``text`` without control characters; tabs and newlines are kept."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str) -> str:
    """``plain(text)`` on one line: line breaks become single spaces."""
    return _LINE_BREAKS.sub(" ", plain(text)).strip()


def safe(text: str) -> str:
    """``plain(text)`` escaped for rich markup, so it prints exactly as it reads."""
    return escape(plain(text))
