"""Two design signals read with ``ast``: module state, and where time and randomness come from.

Both are prompts for reflection, not verdicts: a module-level table may be meant as a
constant, and a driver may legitimately read the real clock.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterator

_MUTABLE_CALLS = frozenset(
    {
        "list",
        "dict",
        "set",
        "bytearray",
        "collections.defaultdict",
        "collections.deque",
        "collections.OrderedDict",
        "collections.Counter",
    }
)
_MUTABLE_NODES = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
_CACHES = frozenset({"functools.cache", "functools.lru_cache"})
_CLOCKS = frozenset(
    {
        "datetime.datetime.now",
        "datetime.datetime.utcnow",
        "datetime.datetime.today",
        "datetime.date.today",
        "time.time",
        "time.time_ns",
        "time.monotonic",
        "time.monotonic_ns",
        "time.perf_counter",
        "time.perf_counter_ns",
        "time.localtime",
        "time.gmtime",
    }
)
_RANDOM = frozenset({"uuid.uuid1", "uuid.uuid4", "os.urandom"})
_GENERATORS = frozenset({"random.Random", "random.SystemRandom"})
_INJECTED_NAMES = frozenset({"clock", "now", "today", "timer", "rng", "random", "randomness"})


@attrs.frozen
class Finding:
    """One thing found: where (``module.py:line``) and what, in a few words."""

    where: str
    what: str


def aliases(tree: ast.Module) -> dict[str, str]:
    """Every name the module's imports bind, to the dotted name it stands for."""
    bound: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:
                    head = alias.name.partition(".")[0]
                    bound[head] = head
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return bound


def dotted(node: ast.expr, bound: dict[str, str], *, imported: bool = False) -> str:
    """``a.b.c`` for a chain of names, its first resolved through ``bound``; else ``""``.

    With ``imported``, only a chain whose first name an import binds: a parameter called
    ``random`` is not the module.
    """
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name) or (imported and node.id not in bound):
        return ""
    return ".".join([bound.get(node.id, node.id), *reversed(parts)])


def is_frozen(node: ast.ClassDef, bound: dict[str, str]) -> bool:
    """A class whose instances cannot change: attrs or dataclass frozen, an enum, a tuple."""
    for decorator in node.decorator_list:
        text = ast.unparse(decorator)
        if "frozen" in text and "frozen=False" not in text:
            return True
    bases = {dotted(base, bound).rpartition(".")[2] for base in node.bases}
    return bool(bases & {"NamedTuple", "Enum", "StrEnum", "IntEnum", "Flag", "IntFlag"})


def _mutable(value: ast.expr | None, bound: dict[str, str], classes: set[str]) -> str:
    """What kind of mutable value ``value`` builds, or ``""``."""
    if isinstance(value, _MUTABLE_NODES):
        return type(value).__name__.lower().removesuffix("comp")
    if isinstance(value, ast.Call):
        name = dotted(value.func, bound)
        if name in _MUTABLE_CALLS:
            return name.rpartition(".")[2]
        if name in classes:
            return f"a {name} instance"
    return ""


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The module's own statements, through ``if``, ``try`` and ``with`` blocks."""
    for node in body:
        yield node
        if isinstance(node, ast.If | ast.Try | ast.With):
            blocks = (getattr(node, field, []) for field in ("body", "orelse", "finalbody"))
            yield from _top_level([item for block in blocks for item in block])


def _assigned(node: ast.stmt) -> tuple[list[str], ast.expr | None]:
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)], node.value
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id], node.value
    return [], None


def module_state(tree: ast.Module, module: str, classes: set[str]) -> list[Finding]:
    """Mutable values at module level, ``global`` rebinding, singletons and cached instances."""
    bound = aliases(tree)
    found: list[Finding] = []
    for node in _top_level(tree.body):
        names, value = _assigned(node)
        kind = _mutable(value, bound, classes)
        found += [
            Finding(f"{module}:{node.lineno}", f"{name} = {kind} at module level")
            for name in names
            if kind and not (name.startswith("__") and name.endswith("__"))
        ]
        if isinstance(node, ast.ClassDef):
            found += _class_state(node, module, bound, classes)
        if isinstance(node, ast.FunctionDef) and not node.args.args and _cached(node, bound):
            found.append(
                Finding(f"{module}:{node.lineno}", f"{node.name}() is cached: one shared instance")
            )
    found += [
        Finding(f"{module}:{statement.lineno}", f"global {name} rebinds module state")
        for statement in ast.walk(tree)
        if isinstance(statement, ast.Global)
        for name in statement.names
    ]
    return sorted(found, key=lambda finding: _line(finding.where))


def _line(where: str) -> int:
    return int(where.rpartition(":")[2])


def _order(finding: Finding) -> tuple[int, str]:
    return _line(finding.where), finding.what


def _cached(function: ast.FunctionDef, bound: dict[str, str]) -> bool:
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if dotted(target, bound) in _CACHES:
            return True
    return False


def _class_state(
    node: ast.ClassDef, module: str, bound: dict[str, str], classes: set[str]
) -> list[Finding]:
    """A singleton's shared instance, and mutable values every instance shares."""
    found: list[Finding] = []
    methods = {item.name for item in node.body if isinstance(item, ast.FunctionDef)}
    for item in node.body:
        names, value = _assigned(item)
        for name in names:
            where = f"{module}:{item.lineno}"
            if "instance" in name.lower() and ("__new__" in methods or "__call__" in methods):
                found.append(Finding(where, f"{node.name} is a singleton ({name})"))
            elif _mutable(value, bound, classes) and not name.startswith("__"):
                found.append(Finding(where, f"{node.name}.{name} is shared by every instance"))
    return found


def time_and_randomness(tree: ast.Module, module: str) -> tuple[list[Finding], list[Finding]]:
    """Calls that read the real clock or randomness directly, and the ones passed in."""
    bound = aliases(tree)
    defaults = _default_nodes(tree)
    direct: list[Finding] = []
    injected: list[Finding] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = dotted(node.func, bound, imported=True)
            if _is_source(name):
                where = f"{module}:{node.lineno}"
                if id(node) in defaults:
                    injected.append(Finding(where, f"{name}() as a default the caller can replace"))
                else:
                    direct.append(Finding(where, f"{name}() called directly"))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            injected += _injected(node, module)
    return sorted(direct, key=_order), sorted(injected, key=_order)


def _is_source(name: str) -> bool:
    if name in _CLOCKS or name in _RANDOM:
        return True
    return name.startswith(("random.", "secrets.")) and name not in _GENERATORS


def _default_nodes(tree: ast.Module) -> set[int]:
    """Every node inside a parameter default or a class-level default (an attrs field)."""
    roots: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            roots += [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)]
        elif isinstance(node, ast.ClassDef):
            roots += [
                item.value
                for item in node.body
                if isinstance(item, ast.AnnAssign | ast.Assign) and item.value is not None
            ]
    return {id(inner) for root in roots for inner in ast.walk(root)}


def _injects(name: str, annotation: ast.expr | None) -> bool:
    """Whether a parameter or field of this name and type brings a clock or a generator."""
    note = ast.unparse(annotation) if annotation else ""
    clock = "Callable" in note and ("datetime" in note or "float" in note)
    return name.lower() in _INJECTED_NAMES or clock or "Random" in note or "Clock" in note


def _injected(
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, module: str
) -> list[Finding]:
    """The parameters of a function, or the fields of a class, that bring time or randomness."""
    if isinstance(node, ast.ClassDef):
        return [
            Finding(f"{module}:{item.lineno}", f"{node.name} is given {item.target.id}")
            for item in node.body
            if isinstance(item, ast.AnnAssign)
            and isinstance(item.target, ast.Name)
            and _injects(item.target.id, item.annotation)
        ]
    arguments = node.args
    return [
        Finding(f"{module}:{argument.lineno}", f"{node.name}() takes {argument.arg}")
        for argument in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
        if _injects(argument.arg, argument.annotation)
    ]
