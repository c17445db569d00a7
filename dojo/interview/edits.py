"""How a change request changed the code: per file, existing lines edited or removed, lines added.

The figures compare two snapshots of the design folder, line by line (``difflib``), blank
lines left out. Extension by addition shows as added lines in new or existing files and
few existing lines touched; an edit of the existing design shows as changed lines.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

import attrs

from dojo.comparison.metrics import python_files

if TYPE_CHECKING:
    from pathlib import Path


@attrs.frozen
class FileEdit:
    """One file's figures: existing lines changed or removed, and lines added."""

    path: str
    changed: int
    removed: int
    added: int
    new: bool = False

    @property
    def touched(self) -> int:
        """Existing lines the change edited or removed."""
        return self.changed + self.removed


def _lines(path: Path | None) -> list[str]:
    if path is None:
        return []
    text = path.read_text(encoding="utf-8", errors="replace")
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def compare_lines(before: list[str], after: list[str]) -> tuple[int, int, int]:
    """Existing lines changed, removed, and lines added, from ``before`` to ``after``."""
    changed = removed = added = 0
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        old, new = old_end - old_start, new_end - new_start
        if tag == "replace":
            changed += min(old, new)
            removed += max(old - new, 0)
            added += max(new - old, 0)
        elif tag == "delete":
            removed += old
        elif tag == "insert":
            added += new
    return changed, removed, added


def compare(before: Path, after: Path) -> tuple[FileEdit, ...]:
    """Every Python file that differs between two copies of a design, sorted by path."""
    old = {path.relative_to(before).as_posix(): path for path in python_files(before)}
    now = {path.relative_to(after).as_posix(): path for path in python_files(after)}
    edits = []
    for name in sorted(old.keys() | now.keys()):
        changed, removed, added = compare_lines(_lines(old.get(name)), _lines(now.get(name)))
        if changed or removed or added:
            edits.append(FileEdit(name, changed, removed, added, new=name not in old))
    return tuple(edits)
