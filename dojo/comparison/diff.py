"""``dojo compare --diff``: the learner's modules paired with the reference's by what they define.

Two designs seldom split their modules alike, so pairing by file name gives whole files
added and removed. A module is paired with the reference module that defines most of the
same names (classes, functions, constants); a module left over is diffed against
``/dev/null``, as git shows a file that exists on one side only.
"""

from __future__ import annotations

import ast
import difflib
from typing import TYPE_CHECKING

import attrs

from dojo.comparison.metrics import overlap, parse, python_files

if TYPE_CHECKING:
    from pathlib import Path

NOWHERE = "/dev/null"


@attrs.frozen
class Pair:
    """Two modules (paths relative to each side's package) that do the same job; one may be None."""

    yours: str | None
    reference: str | None


def defined_names(tree: ast.Module) -> frozenset[str]:
    """The names a module defines at its top level."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return frozenset(names)


def modules(package: Path) -> dict[str, frozenset[str]]:
    """Each module of ``package`` (relative path) and the names it defines."""
    return {
        path.relative_to(package).as_posix(): defined_names(parse(path))
        for path in python_files(package)
    }


def pair_modules(
    yours: dict[str, frozenset[str]], reference: dict[str, frozenset[str]]
) -> list[Pair]:
    """The most alike pairs first; ties and modules that define nothing pair by file name."""
    scores = sorted(
        (
            (overlap(mine, theirs) + (0.01 if own == ref else 0.0), ref, own)
            for ref, theirs in reference.items()
            for own, mine in yours.items()
        ),
        key=lambda pair: (-pair[0], pair[1], pair[2]),
    )
    chosen: dict[str, str] = {}
    for score, ref, own in scores:
        if score > 0 and ref not in chosen and own not in chosen.values():
            chosen[ref] = own
    pairs = [Pair(chosen.get(ref), ref) for ref in sorted(reference)]
    return pairs + [Pair(own, None) for own in sorted(yours) if own not in chosen.values()]


def unified(pair: Pair, yours: Path, reference: Path) -> str:
    """The unified diff of one pair, with ``/dev/null`` for the side that has no module."""
    return "".join(
        difflib.unified_diff(
            _lines(yours, pair.yours),
            _lines(reference, pair.reference),
            f"yours/{pair.yours}" if pair.yours else NOWHERE,
            f"reference/{pair.reference}" if pair.reference else NOWHERE,
        )
    )


def _lines(package: Path, module: str | None) -> list[str]:
    if module is None:
        return []
    text = (package / module).read_text(encoding="utf-8")
    return [line if line.endswith("\n") else line + "\n" for line in text.splitlines(keepends=True)]
