"""The learner's classes matched to the reference's by the role they play, not by file.

Two designs split modules differently and name helpers differently. A class's role is
read from what it offers: a class of the same name plays the same role; otherwise the
public methods and the bases it shares with a reference class say how alike they are.
"""

from __future__ import annotations

import ast
import difflib
from typing import TYPE_CHECKING

import attrs

from dojo.comparison.metrics import overlap, parse, python_files

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

# Below this likeness two classes are not taken to play the same role.
ALIKE = 0.35
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


@attrs.frozen
class ClassInfo:
    """A public class: its module, bases, public methods and the first line of its docstring."""

    name: str
    module: str
    bases: frozenset[str]
    methods: frozenset[str]
    summary: str

    @property
    def label(self) -> str:
        """``Name (module.py)``."""
        return f"{self.name} ({self.module}.py)"


@attrs.frozen
class Match:
    """A reference class and the learner's class in the same role; either may be missing."""

    reference: ClassInfo | None
    yours: ClassInfo | None

    @property
    def same(self) -> bool:
        """The same class on both sides: the same name and the same public methods."""
        return (
            self.yours is not None
            and self.reference is not None
            and self.yours.name == self.reference.name
            and self.yours.methods == self.reference.methods
        )

    @property
    def only_yours(self) -> frozenset[str]:
        """Public methods the learner's class has and the reference's has not."""
        return self._methods(self.yours) - self._methods(self.reference)

    @property
    def only_reference(self) -> frozenset[str]:
        """Public methods the reference's class has and the learner's has not."""
        return self._methods(self.reference) - self._methods(self.yours)

    @staticmethod
    def _methods(info: ClassInfo | None) -> frozenset[str]:
        return info.methods if info is not None else frozenset()


def classes(package: Path) -> list[ClassInfo]:
    """Every public top-level class of ``package``, in file then source order."""
    found = []
    for path in python_files(package):
        tree = parse(path)
        module = path.relative_to(package).with_suffix("").as_posix().replace("/", ".")
        found += [
            ClassInfo(
                node.name,
                module,
                frozenset(_base_name(base) for base in node.bases),
                frozenset(
                    item.name
                    for item in node.body
                    if isinstance(item, _FUNCTIONS) and not item.name.startswith("_")
                ),
                (ast.get_docstring(node) or "").strip().split("\n", 1)[0],
            )
            for node in tree.body
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_")
        ]
    return found


def likeness(yours: ClassInfo, reference: ClassInfo) -> float:
    """From 0 (nothing in common) to 1 (the same name)."""
    if yours.name == reference.name:
        return 1.0
    name = difflib.SequenceMatcher(None, yours.name.lower(), reference.name.lower()).ratio()
    return (
        0.6 * overlap(yours.methods, reference.methods)
        + 0.25 * overlap(yours.bases, reference.bases)
        + 0.15 * name
    )


def match_roles(yours: Iterable[ClassInfo], reference: Iterable[ClassInfo]) -> list[Match]:
    """Pair the most alike first; the reference's order, then the learner's unmatched classes."""
    mine, theirs = list(yours), list(reference)
    pairs = sorted(
        ((likeness(own, ref), index, own) for index, ref in enumerate(theirs) for own in mine),
        key=lambda pair: (-pair[0], pair[1], pair[2].name),
    )
    chosen: dict[int, ClassInfo] = {}
    taken: set[str] = set()
    for score, index, own in pairs:
        key = f"{own.module}.{own.name}"
        if score >= ALIKE and index not in chosen and key not in taken:
            chosen[index] = own
            taken.add(key)
    matches = [Match(ref, chosen.get(index)) for index, ref in enumerate(theirs)]
    return matches + [Match(None, own) for own in mine if f"{own.module}.{own.name}" not in taken]


def _base_name(node: ast.expr) -> str:
    if isinstance(node, ast.Subscript):
        return _base_name(node.value)
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ast.unparse(node)
