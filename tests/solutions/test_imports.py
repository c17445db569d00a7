"""No module imports itself through others: every reference solution, the harness, the dojo.

The import graph is read with `ast`, so imports under ``if TYPE_CHECKING:`` count as well:
a cycle there still says two modules are tangled. ``from package import name`` is an
arrow to the module ``package.name`` when there is one, and to the package's
``__init__`` only when ``name`` is defined there.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SOLUTIONS = REPO / "solutions"
PACKAGES = [
    *((SOLUTIONS, kata.name) for kata in sorted(SOLUTIONS.iterdir()) if kata.is_dir()),
    (REPO, "harness"),
    (REPO, "dojo"),
]


def module_name(path: Path, root: Path) -> str:
    """The dotted name of the module at `path`, importable from `root`."""
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(node: ast.Import | ast.ImportFrom, module: str, *, package: bool) -> list[str]:
    """The names an import statement in `module` may refer to, most specific first."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        # A relative import counts from the module's package (the module itself for an __init__).
        anchor = module.split(".")
        anchor = anchor[: len(anchor) - node.level + package]
        base = ".".join([*anchor, base] if base else anchor)
    return [*(f"{base}.{alias.name}" for alias in node.names), base]


def imports(path: Path, module: str, known: set[str]) -> set[str]:
    """The modules of `known` that the module at `path` imports, at run or type-check time."""
    found: set[str] = set()
    package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        names = imported(node, module, package=package)
        if isinstance(node, ast.ImportFrom):
            submodules = {name for name in names[:-1] if name in known}
            # `from p import a, b`: arrows to p.a and p.b where they are modules, else to p.
            found |= submodules
            if len(submodules) < len(names) - 1 and names[-1] in known:
                found.add(names[-1])
        else:
            found |= {name for name in names if name in known}
    return found - {module}


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Each module of `package` (a folder under `root`) and the modules of it that it imports."""
    paths = sorted((root / package).rglob("*.py"))
    names = {path: module_name(path, root) for path in paths}
    known = set(names.values())
    return {name: imports(path, name, known) for path, name in names.items()}


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


@pytest.mark.parametrize(("root", "package"), PACKAGES, ids=[name for _, name in PACKAGES])
def test_no_module_of_the_package_imports_itself_through_others(root: Path, package: str) -> None:
    graph = import_graph(root, package)

    assert cycle_in(graph) == []


def test_every_package_is_checked() -> None:
    """A kata added under solutions/ is checked without touching this file."""
    checked = {name for _, name in PACKAGES}

    assert {"job_scheduler", "parking_lot", "file_permissions", "harness", "dojo"} <= checked


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycle_in({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle_in({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from p import a", {"p.a"}),
        ("from p import a, name", {"p", "p.a"}),
        ("from p import name", {"p"}),
        ("import p.a", {"p.a"}),
        ("from . import a", {"p.a"}),
        ("from .a import thing", {"p.a"}),
        ("from p.a import thing", {"p.a"}),
        ("import os", set()),
    ],
    ids=[
        "a submodule",
        "a submodule and a name of the package",
        "a name of the package",
        "an import statement",
        "a relative submodule",
        "a name of a relative submodule",
        "a name of a submodule",
        "a module outside the package",
    ],
)
def test_an_import_is_an_arrow_to_the_module_it_names(
    tmp_path: Path, source: str, expected: set[str]
) -> None:
    (tmp_path / "p").mkdir()
    for name in ("__init__", "a", "b"):
        (tmp_path / "p" / f"{name}.py").write_text("", encoding="utf-8")
    (tmp_path / "p" / "b.py").write_text(f"{source}\n", encoding="utf-8")

    graph = import_graph(tmp_path, "p")

    assert graph["p.b"] == expected
