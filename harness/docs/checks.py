"""The three checks that keep the documentation true: code references, examples, links.

Each check returns ``Problem`` records that name the Markdown file and the line at fault,
so a renamed symbol or a broken example fails ``make test`` with a pointer to the note.
"""

from __future__ import annotations

import ast
import functools
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import attrs

from harness.catalog import ROOT
from harness.docs.markdown import Document, Link

SOLUTIONS = ROOT / "solutions"
PATTERNS = ROOT / "docs" / "patterns"
EXAMPLE_LANGUAGE = "pycon"
SYMBOL = re.compile(r"`(?P<name>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)`")
RUNNER = "harness.docs.doctests"
# A bound on a hung example; no example comes near it.
EXAMPLE_TIMEOUT = 120


@attrs.frozen
class Problem:
    """Something wrong in a Markdown file, at a line."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{shown(self.path)}:{self.line}: {self.message}"


def shown(path: Path) -> str:
    """``path`` relative to the repository when it is inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def report(problems: list[Problem]) -> str:
    """One line per problem, for an assertion message."""
    return "\n".join(str(problem) for problem in problems)


def markdown_files(root: Path = ROOT) -> list[Path]:
    """The Markdown files whose links are checked: README, docs, specs, interviews, design notes."""
    files = [root / "README.md", *sorted((root / "docs").rglob("*.md"))]
    files += sorted(root.glob("katas/*/README.md")) + sorted(root.glob("katas/*/INTERVIEW.md"))
    files += sorted(root.glob("solutions/*/DESIGN.md"))
    return [path for path in files if path.is_file()]


def notes(root: Path = ROOT) -> list[Path]:
    """The pattern notes and their index."""
    return sorted((root / "docs" / "patterns").glob("*.md"))


def code_references(document: Document) -> list[Link]:
    """Links to Python files: the code references of a note."""
    return [
        link
        for link in document.links()
        if not link.is_external and link.target.partition("#")[0].endswith(".py")
    ]


def reference_problems(path: Path) -> list[Problem]:
    """Check every code reference in ``path``.

    The convention: ``[`Symbol`](relative/path/to/module.py)``. The file must exist; the
    link text is one backticked dotted name defined in that file (``Class``,
    ``Class.method``, ``function``, ``CONSTANT``), or the file's own name for the module.
    """
    document = Document.read(path)
    problems: list[Problem] = []
    for link in code_references(document):
        file_part, hash_, _ = link.target.partition("#")
        if hash_:
            problems.append(Problem(path, link.line, f"{link.target}: no line anchors"))
            continue
        module = (path.parent / unquote(file_part)).resolve()
        if not module.is_file():
            problems.append(Problem(path, link.line, f"{link.target}: no such file"))
            continue
        match = SYMBOL.fullmatch(link.text.strip())
        if match is None:
            message = f"link text {link.text!r} is not one backticked name (`Class.method`)"
            problems.append(Problem(path, link.line, message))
            continue
        name = match["name"]
        if name != module.name and not defines(module, name):
            message = f"`{name}` is not defined in {shown(module)}"
            problems.append(Problem(path, link.line, message))
    return problems


def defines(module: Path, dotted: str) -> bool:
    """Whether ``module`` defines ``dotted``: a top-level name, then members of classes.

    Imports do not count: a reference points at the definition. A class member is
    anything its body binds, or an attribute a method assigns on ``self``.
    """
    return _defines(_definitions(module, module.stat().st_mtime_ns), dotted.split("."))


def _defines(scope: dict[str, ast.AST], parts: list[str]) -> bool:
    node = scope.get(parts[0])
    if node is None:
        return False
    if len(parts) == 1:
        return True
    if not isinstance(node, ast.ClassDef):
        return False
    return _defines(_members(node), parts[1:])


@functools.cache
def _definitions(module: Path, _mtime: int) -> dict[str, ast.AST]:
    tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
    return _bound(tree.body)


def _bound(body: list[ast.stmt]) -> dict[str, ast.AST]:
    names: dict[str, ast.AST] = {}
    for node in body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            names[node.name] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                names.update(dict.fromkeys(_target_names(target), node))
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            names.update(dict.fromkeys(_target_names(node.target), node))
        elif isinstance(node, ast.If | ast.Try):
            nested = [*node.body, *node.orelse]
            if isinstance(node, ast.Try):
                nested += [*node.finalbody, *(s for h in node.handlers for s in h.body)]
            names.update(_bound(nested))
    return names


def _target_names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [name for element in target.elts for name in _target_names(element)]
    return []


def _members(cls: ast.ClassDef) -> dict[str, ast.AST]:
    members = _bound(cls.body)
    for node in ast.walk(cls):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            if (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == "self"
            ):
                members.setdefault(target.attr, node)
    return members


def link_problems(path: Path) -> list[Problem]:
    """Check every relative link in ``path``: the file exists, and so does the heading.

    External links (``https:``) are not followed: the check must not need a network.
    """
    document = Document.read(path)
    problems: list[Problem] = []
    for link in document.links():
        if link.is_external:
            continue
        file_part, _, anchor = link.target.partition("#")
        target = (path.parent / unquote(file_part)).resolve() if file_part else path.resolve()
        if not target.exists():
            problems.append(Problem(path, link.line, f"{link.target}: no such file"))
        elif anchor and target.suffix == ".md" and anchor not in Document.read(target).anchors():
            message = f"{link.target}: no heading with anchor #{anchor} in {shown(target)}"
            problems.append(Problem(path, link.line, message))
        elif anchor and target.suffix != ".md":
            message = f"{link.target}: anchors only into Markdown (line numbers rot)"
            problems.append(Problem(path, link.line, message))
    return problems


def example_count(path: Path) -> int:
    """How many ``>>>`` examples the ``pycon`` blocks of ``path`` hold."""
    blocks = Document.read(path).blocks
    return sum(
        line.lstrip().startswith(">>>")
        for block in blocks
        if block.language == EXAMPLE_LANGUAGE
        for line in block.lines
    )


def untagged_example_problems(path: Path) -> list[Problem]:
    """Blocks with ``>>>`` prompts that are not tagged ``pycon``: they would never run."""
    return [
        Problem(path, block.first_line - 1, f"{kind} block with >>> prompts; tag it pycon")
        for block in Document.read(path).blocks
        if block.language != EXAMPLE_LANGUAGE
        and any(line.lstrip().startswith(">>>") for line in block.lines)
        for kind in [f"a {block.language}" if block.language else "an untagged"]
    ]


def example_problems(path: Path) -> list[Problem]:
    """Run the ``pycon`` blocks of ``path`` as one doctest, in a fresh interpreter.

    The interpreter has ``solutions/`` on its path, so examples import the reference
    packages by name (``from parking_lot import ParkingLot``) whatever ``--impl`` this
    test run uses, and nothing an example does leaks into the test process. A block
    with prompts that is not tagged ``pycon`` is reported too, since it would not run.
    """
    if not path.is_file():
        return [Problem(path, 1, "no such file")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join((str(SOLUTIONS), str(ROOT)))}
    env.pop("PYTHONSTARTUP", None)
    result = subprocess.run(  # noqa: S603 - our interpreter, our runner, a file we list
        [sys.executable, "-m", RUNNER, str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=EXAMPLE_TIMEOUT,
        check=False,
    )
    problems = untagged_example_problems(path)
    for line in result.stdout.splitlines():
        number, _, message = line.partition(": ")
        problems.append(Problem(path, int(number), message))
    if result.returncode != 0 and not problems:
        tail = result.stderr.strip().splitlines()[-1:] or ["(no output)"]
        problems.append(Problem(path, 1, f"the example runner failed: {tail[0]}"))
    return problems
