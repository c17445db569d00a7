"""Import cycles among the modules of one package, read with ``ast``.

Only imports that run count: those under ``if TYPE_CHECKING:`` never execute. Importing
``pkg.a`` runs ``pkg/__init__.py`` too, but that implicit edge is left out, or every
package that re-exports its modules would look like a cycle; ``from pkg import X`` in a
module that ``__init__`` imports is a real cycle and is found.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping


def module_name(relative: str) -> str:
    """``stores/sqlite.py`` -> ``stores.sqlite``; a package's ``__init__.py`` is the package."""
    parts = relative.removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _runtime(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement that runs, at any depth, ``if TYPE_CHECKING:`` blocks skipped."""
    for node in body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from _runtime(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.stmt):
                yield from _runtime([child])
            elif isinstance(child, ast.ExceptHandler | ast.match_case):
                yield from _runtime(child.body)


def import_graph(trees: Mapping[str, ast.Module], package: str) -> dict[str, set[str]]:
    """Module -> the package's modules it imports; ``trees`` are keyed by path in the package."""
    names = {relative: module_name(relative) for relative in trees}
    known = set(names.values())
    graph: dict[str, set[str]] = {}
    for relative, tree in trees.items():
        module = names[relative]
        parts = [package, *filter(None, module.split("."))]
        here = parts if relative.endswith("__init__.py") else parts[:-1]
        targets = _Targets(package, known)
        for node in _runtime(tree.body):
            targets.add(node, here)
        graph[module] = targets.found - {module}
    return graph


class _Targets:
    """The modules of ``package`` that import statements load, gathered one by one."""

    def __init__(self, package: str, known: set[str]) -> None:
        self.package = package
        self.known = known
        self.found: set[str] = set()

    def add(self, node: ast.Import | ast.ImportFrom, here: list[str]) -> None:
        """Add the modules ``node`` loads; ``here`` is the package the importing module is in."""
        if isinstance(node, ast.Import):
            for alias in node.names:
                self._add(self._inside(alias.name))
            return
        if node.level:
            base = here[: max(len(here) - node.level + 1, 0)]
            origin = ".".join([*base, *filter(None, [node.module])])
        else:
            origin = node.module or ""
        for alias in node.names:
            submodule = self._inside(f"{origin}.{alias.name}")
            parent = self._inside(origin)
            if submodule is not None and submodule != parent:
                self._add(submodule)
            else:
                self._add(parent)

    def _add(self, module: str | None) -> None:
        if module is not None:
            self.found.add(module)

    def _inside(self, dotted: str) -> str | None:
        """The package's module that ``dotted`` names (its longest known prefix), if any."""
        if dotted != self.package and not dotted.startswith(self.package + "."):
            return None
        name = dotted.removeprefix(self.package).removeprefix(".")
        while name and name not in self.known:
            name = name.rpartition(".")[0]
        return name


def cycles(graph: Mapping[str, set[str]]) -> list[tuple[str, ...]]:
    """One cycle per tangle (strongly connected component of two or more modules), sorted."""
    tangles = _Tarjan(graph)
    for node in sorted(graph):
        if node not in tangles.index:
            tangles.visit(node)
    return sorted(_path(graph, members) for members in tangles.components if len(members) > 1)


class _Tarjan:
    """Tarjan's strongly connected components, found by one depth-first walk."""

    def __init__(self, graph: Mapping[str, set[str]]) -> None:
        self.graph = graph
        self.index: dict[str, int] = {}
        self.low: dict[str, int] = {}
        self.stack: list[str] = []
        self.components: list[set[str]] = []

    def visit(self, node: str) -> None:
        """Walk from ``node``; a component is complete when its root is left."""
        self.index[node] = self.low[node] = len(self.index)
        self.stack.append(node)
        for target in sorted(self.graph.get(node, ())):
            if target not in self.index:
                self.visit(target)
                self.low[node] = min(self.low[node], self.low[target])
            elif target in self.stack:
                self.low[node] = min(self.low[node], self.index[target])
        if self.low[node] == self.index[node]:
            component = {node}
            while (member := self.stack.pop()) != node:
                component.add(member)
            self.components.append(component)


def _path(graph: Mapping[str, set[str]], members: set[str]) -> tuple[str, ...]:
    """A shortest way round the tangle from its first module back to it."""
    start = min(members)
    paths: list[tuple[str, ...]] = [(start,)]
    while paths:
        path = paths.pop(0)
        for target in sorted(graph.get(path[-1], set()) & members):
            if target == start:
                return (*path, start)
            if target not in path:
                paths.append((*path, target))
    return (start, start)  # pragma: no cover - a component of two or more always has a way round
