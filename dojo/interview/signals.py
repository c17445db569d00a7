"""The design signals of a learner's package, computed from its code and nothing else.

Each is a prompt for reflection: it says what the code does, and the report says in one
line why an interviewer might ask about it. None of them grades a design.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

import attrs

from dojo.comparison.metrics import code_lines, complexity, functions, python_files
from dojo.interview.imports import cycles, import_graph
from dojo.interview.sources import Finding, aliases, is_frozen, module_state, time_and_randomness

if TYPE_CHECKING:
    from pathlib import Path

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


@attrs.frozen
class ClassSize:
    """One class: its module, name, lines of code and public methods."""

    module: str
    name: str
    lines: int
    public: tuple[str, ...]


@attrs.frozen
class FunctionSize:
    """One function or method: qualified name, where it starts, lines and McCabe complexity."""

    name: str
    where: str
    lines: int
    complexity: int


@attrs.frozen
class Signals:
    """Everything the report says about the design."""

    modules: tuple[str, ...]
    lines: int
    classes: tuple[ClassSize, ...]
    functions: tuple[FunctionSize, ...]
    cycles: tuple[tuple[str, ...], ...]
    state: tuple[Finding, ...]
    direct: tuple[Finding, ...]
    injected: tuple[Finding, ...]
    unreadable: tuple[Finding, ...]

    @property
    def largest(self) -> ClassSize | None:
        """The class with the most lines (the first of equals, in module order)."""
        return max(self.classes, key=lambda item: item.lines, default=None)

    @property
    def largest_share(self) -> float:
        """The largest class's lines over all the package's lines, 0 when there are none."""
        largest = self.largest
        return largest.lines / self.lines if largest and self.lines else 0.0

    @property
    def longest(self) -> FunctionSize | None:
        """The function with the most lines."""
        return max(self.functions, key=lambda item: item.lines, default=None)

    @property
    def most_complex(self) -> FunctionSize | None:
        """The function with the highest McCabe complexity."""
        return max(self.functions, key=lambda item: item.complexity, default=None)


def _span(lines: list[str], node: ast.stmt) -> int:
    """Lines of code of a definition, decorators included."""
    first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
    return code_lines("\n".join(lines[first - 1 : node.end_lineno]))


def _classes(relative: str, tree: ast.Module, lines: list[str]) -> list[ClassSize]:
    found = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            methods = [item.name for item in node.body if isinstance(item, _FUNCTIONS)]
            public = tuple(name for name in methods if not name.startswith("_"))
            found.append(ClassSize(relative, node.name, _span(lines, node), public))
    return found


def _sized_functions(relative: str, tree: ast.Module, lines: list[str]) -> list[FunctionSize]:
    return [
        FunctionSize(
            name, f"{relative}:{function.lineno}", _span(lines, function), complexity(function)
        )
        for name, function in functions(tree.body)
    ]


def _parse(package: Path) -> tuple[dict[str, ast.Module], dict[str, str], list[Finding]]:
    """Each module's tree and source by its path in the package, and those that do not parse."""
    trees: dict[str, ast.Module] = {}
    sources: dict[str, str] = {}
    unreadable: list[Finding] = []
    for path in python_files(package):
        relative = path.relative_to(package).as_posix()
        try:
            source = path.read_text(encoding="utf-8")
            trees[relative] = ast.parse(source, filename=relative)
        except (OSError, UnicodeDecodeError, SyntaxError, ValueError) as error:
            line = getattr(error, "lineno", None) or 1
            unreadable.append(Finding(f"{relative}:{line}", type(error).__name__))
            continue
        sources[relative] = source
    return trees, sources, unreadable


def read_design(package: Path) -> Signals:
    """Every signal of the modules under ``package`` (caches skipped)."""
    trees, sources, unreadable = _parse(package)
    own = {
        node.name
        for tree in trees.values()
        for node in tree.body
        if isinstance(node, ast.ClassDef) and not is_frozen(node, aliases(tree))
    }
    classes: list[ClassSize] = []
    functions: list[FunctionSize] = []
    state: list[Finding] = []
    direct: list[Finding] = []
    injected: list[Finding] = []
    for relative, tree in trees.items():
        lines = sources[relative].splitlines()
        classes += _classes(relative, tree, lines)
        functions += _sized_functions(relative, tree, lines)
        state += module_state(tree, relative, own)
        found_direct, found_injected = time_and_randomness(tree, relative)
        direct += found_direct
        injected += found_injected
    return Signals(
        modules=tuple(trees),
        lines=sum(code_lines(source) for source in sources.values()),
        classes=tuple(classes),
        functions=tuple(functions),
        cycles=tuple(cycles(import_graph(trees, package.name))),
        state=tuple(state),
        direct=tuple(direct),
        injected=tuple(injected),
        unreadable=tuple(unreadable),
    )
