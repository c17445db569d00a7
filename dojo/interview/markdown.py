"""Untrusted text made safe inside Markdown, and links that keep working where it is written.

The report is Markdown, printed in the terminal (through rich) and written to a file. Text
from the learner's files (names, notes) may hold control characters and Markdown syntax;
``text`` and ``code`` keep both from changing what the report says.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from dojo.text import one_line

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|#|/)", re.IGNORECASE)


def text(value: object) -> str:
    """``value`` on one line, control characters gone, every Markdown character escaped."""
    return _SPECIAL.sub(r"\\\1", one_line(str(value)))


def inline(value: object) -> str:
    """Markdown of the repository's own (a spec's words) on one line, safe in a table cell."""
    return one_line(str(value)).replace("|", "\\|")


def code(value: object) -> str:
    """``value`` as inline code on one line; safe in a table cell too."""
    inner = one_line(str(value)).replace("`", "'").replace("|", "\\|")
    return f"`{inner}`"


def row(*cells: str) -> str:
    """One table row of cells already made safe."""
    return "| " + " | ".join(cells) + " |"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A Markdown table: the header, its rule, the rows."""
    return [row(*header), row(*("---" for _ in header)), *(row(*cells) for cells in rows)]


def relink(markdown: str, source: Path, destination: Path, root: Path) -> str:
    """Rewrite relative links of ``markdown`` (written in folder ``source``) for ``destination``.

    A link that leaves ``root`` or is absolute is kept as it is.
    """

    def rewrite(match: re.Match[str]) -> str:
        target = match["target"]
        if _EXTERNAL.match(target):
            return match.group()
        path, hash_, anchor = target.partition("#")
        resolved = os.path.normpath(source / path)
        if os.path.commonpath([resolved, str(root)]) != str(root):
            return match.group()
        return f"]({os.path.relpath(resolved, destination)}{hash_}{anchor})"

    return _LINK.sub(rewrite, markdown)
