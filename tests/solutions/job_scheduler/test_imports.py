"""The reference solutions import no module in a cycle (TYPE_CHECKING imports included)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOLUTIONS = Path(__file__).resolve().parents[3] / "solutions"


def module_name(path: Path) -> str:
    parts = path.relative_to(SOLUTIONS).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, known: set[str]) -> set[str]:
    """The modules of the same solution that `path` imports, whether at run or type-check time."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            candidates = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        found.update(name for name in candidates if name in known)
    return found


def cycle_in(graph: dict[str, set[str]]) -> list[str]:
    """A cycle of the graph as a list of modules, or [] when there is none."""
    done: set[str] = set()
    trail: list[str] = []

    def visit(node: str) -> list[str]:
        if node in trail:
            return [*trail[trail.index(node) :], node]
        if node in done:
            return []
        trail.append(node)
        for target in sorted(graph[node]):
            if found := visit(target):
                return found
        trail.pop()
        done.add(node)
        return []

    for node in sorted(graph):
        if found := visit(node):
            return found
    return []


@pytest.mark.parametrize("kata", ["job_scheduler"])
def test_no_module_of_the_solution_imports_itself_through_others(kata: str) -> None:
    paths = sorted((SOLUTIONS / kata).rglob("*.py"))
    known = {module_name(path) for path in paths}
    # A package's face re-exports its modules; an arrow to it stands for them.
    graph = {
        module_name(path): imports(path, known) - {module_name(path)}
        for path in paths
        if path.name != "__init__.py"
    }
    graph = {node: {t for t in targets if t in graph} for node, targets in graph.items()}

    assert cycle_in(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycle_in({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle_in({"a": {"b"}, "b": set()}) == []
