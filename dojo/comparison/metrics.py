"""Size and complexity of an implementation, read with ``ast``."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

import attrs

from dojo.errors import CodeError

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

_BRANCHES = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.IfExp, ast.ExceptHandler, ast.Assert)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


@attrs.frozen
class Metrics:
    """Lines of code, and the most complex function with its qualified name."""

    lines: int
    complexity: int
    most_complex: str


def python_files(package: Path) -> list[Path]:
    """The package's modules, sorted, caches skipped."""
    return sorted(path for path in package.rglob("*.py") if "__pycache__" not in path.parts)


def parse(path: Path) -> ast.Module:
    """The syntax tree of one module; ``CodeError`` naming its file and line if it cannot be."""
    try:
        return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except (SyntaxError, UnicodeDecodeError, RecursionError) as error:
        line = getattr(error, "lineno", None)
        where = f"{path}:{line}" if line else str(path)
        raise CodeError(
            f"{where} does not parse ({type(error).__name__}); fix it, then compare"
        ) from None


def overlap(one: frozenset[str], other: frozenset[str]) -> float:
    """How much two sets of names share: 0 (nothing, or both empty) to 1 (the same)."""
    union = one | other
    return len(one & other) / len(union) if union else 0.0


def code_lines(source: str) -> int:
    """Lines that are neither blank nor only a comment."""
    return sum(
        1 for line in source.splitlines() if line.strip() and not line.strip().startswith("#")
    )


def complexity(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """McCabe's cyclomatic complexity: one plus each decision point, nested functions excluded."""
    count = 1
    pending: list[ast.AST] = list(ast.iter_child_nodes(function))
    while pending:
        node = pending.pop()
        if isinstance(node, (*_FUNCTIONS, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, _BRANCHES):
            count += 1
        elif isinstance(node, ast.BoolOp):
            count += len(node.values) - 1
        elif isinstance(node, ast.comprehension):
            count += 1 + len(node.ifs)
        elif isinstance(node, ast.match_case):
            count += 1
        pending.extend(ast.iter_child_nodes(node))
    return count


def functions(
    body: list[ast.stmt], prefix: str = ""
) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function and method in source order, with its qualified name.

    Names go through classes, enclosing functions and the blocks around them:
    ``Outer.method.inner``.
    """
    for node in body:
        if isinstance(node, _FUNCTIONS):
            yield prefix + node.name, node
            yield from functions(node.body, f"{prefix}{node.name}.")
        elif isinstance(node, ast.ClassDef):
            yield from functions(node.body, f"{prefix}{node.name}.")
        else:
            blocks = (getattr(node, field, []) for field in ("body", "orelse", "finalbody"))
            yield from functions([item for block in blocks for item in block], prefix)


def measure(package: Path) -> Metrics:
    """Measure every module of ``package``."""
    lines, worst, worst_name = 0, 0, ""
    for path in python_files(package):
        tree = parse(path)
        lines += code_lines(path.read_text(encoding="utf-8"))
        for name, function in functions(tree.body, f"{path.stem}."):
            if complexity(function) > worst:
                worst, worst_name = complexity(function), name
    return Metrics(lines, worst, worst_name)
