"""Which interview test modules belong only to stages not revealed yet.

The child pytest applies ``--stage`` after collecting, and collecting a module imports it:
a module of a later change request that imports a driver function the learner has not
written yet would fail the whole run. Those modules are left out (``--ignore``) before
pytest sees them, read from their ``interview("<stage>")`` markers without importing them.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from dojo.comparison.metrics import python_files

if TYPE_CHECKING:
    from pathlib import Path

    from harness.catalog import Interview


def marked_stages(source: str) -> set[str]:
    """The stage ids of every ``interview("...")`` marker written in a test module."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        first = node.args[0]
        if name == "interview" and isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.add(first.value)
    return found


def later_modules(suite: Path, interview: Interview, stage: str) -> list[Path]:
    """The test modules under ``suite`` whose every marker names a stage after ``stage``."""
    last = interview.stage(stage).number
    numbers = {item.id: item.number for item in interview.stages}
    later = []
    for path in python_files(suite):
        if not path.name.startswith("test_"):
            continue
        try:
            stages = marked_stages(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        if stages and all(numbers.get(ident, 0) > last for ident in stages):
            later.append(path)
    return later
