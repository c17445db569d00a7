"""The skeleton hands the learner the reference's public API: the same names and signatures.

Each side is imported in a child interpreter (both define the same package name), which
prints every public name with its parameters: names, kinds and defaults (annotations are
left out, since the two sides may spell the same type differently). The spec's import
block (``from <kata> import (...)``) must name only what both sides define.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import TYPE_CHECKING, Any

from harness.catalog import ROOT

if TYPE_CHECKING:
    from pathlib import Path

_IMPORT_BLOCK = re.compile(r"from (\w+) import \(([^)]*)\)", re.DOTALL)

_DESCRIBE = r"""
import importlib, inspect, json, re, sys

ADDRESS = re.compile(r" at 0x[0-9a-f]+")

def params(function):
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return None
    described = [
        [name, str(p.kind), None if p.default is p.empty else ADDRESS.sub("", repr(p.default))]
        for name, p in signature.parameters.items()
    ]
    # Keyword-only parameters are passed by name, so their order does not matter.
    keywords = sorted(item for item in described if item[1] == "KEYWORD_ONLY")
    return [item for item in described if item[1] != "KEYWORD_ONLY"] + keywords

package = importlib.import_module(sys.argv[1])
names = getattr(package, "__all__", None) or [n for n in dir(package) if not n.startswith("_")]
api = {}
for name in names:
    value = getattr(package, name, None)
    if inspect.ismodule(value):
        continue
    if inspect.isclass(value):
        members = {}
        for member, attribute in vars(value).items():
            if member.startswith("_") and member != "__init__":
                continue
            if isinstance(attribute, (staticmethod, classmethod)):
                members[member] = params(attribute.__func__)
            elif isinstance(attribute, property):
                members[member] = "property"
            elif inspect.isfunction(attribute):
                members[member] = params(attribute)
        fields = [field.name for field in getattr(value, "__attrs_attrs__", ())]
        known = set(dir(value)) | set(fields) | set(getattr(value, "__annotations__", {}))
        try:
            known |= set(re.findall(r"self\.(\w+) =", inspect.getsource(value.__init__)))
        except (OSError, TypeError):
            pass
        api[name] = {"class": members, "has": sorted(known)}
    elif callable(value):
        api[name] = {"function": params(value)}
    else:
        api[name] = {"value": type(value).__name__}
print(json.dumps(api))
"""


def describe(kata: str, impl: Path) -> dict[str, object]:
    """The public API of ``impl``'s ``kata`` package, as plain data; {} if it fails to import."""
    completed = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _DESCRIBE, kata],
        cwd=impl,
        env={"PYTHONPATH": str(impl), "PATH": ""},
        check=False,
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        return {}
    api: dict[str, object] = json.loads(completed.stdout)
    return api


def api_problems(kata: str, root: Path = ROOT) -> list[str]:
    """Where the skeleton's public API differs from the reference's, or from the spec's list.

    The reference may export more than the skeleton (helpers of its own design); everything
    the skeleton declares must be in the reference, called the same way.
    """
    skeleton = describe(kata, root / "katas")
    reference = describe(kata, root / "solutions")
    problems = [
        f"{kata}: the {side} package does not import"
        for side, api in (("katas/", skeleton), ("solutions/", reference))
        if not api
    ]
    if problems:
        return problems
    problems += [
        f"{kata}: {name} is public in the katas/ skeleton but not in solutions/"
        for name in sorted(set(skeleton) - set(reference))
    ]
    for name in sorted(set(skeleton) & set(reference)):
        problems += _differences(kata, name, skeleton[name], reference[name])
    spec = root / "katas" / kata / "README.md"
    for package, block in _IMPORT_BLOCK.findall(spec.read_text(encoding="utf-8")):
        if package != kata:
            continue
        listed = {name.strip() for name in block.replace("\n", ",").split(",") if name.strip()}
        problems += [
            f"{kata}: the spec's import list names {name}, which the skeleton does not define"
            for name in sorted(listed - set(skeleton))
        ]
    return problems


def _differences(kata: str, name: str, skeleton: object, reference: object) -> list[str]:
    if skeleton == reference:
        return []
    if not (isinstance(skeleton, dict) and isinstance(reference, dict)):
        return [f"{kata}: {name} differs between katas/ and solutions/"]
    if "class" in skeleton and "class" in reference:
        return _class_differences(f"{kata}: {name}", skeleton, reference)
    return [f"{kata}: {name}: katas/ has {_show(skeleton)}, solutions/ has {_show(reference)}"]


def _class_differences(
    label: str, skeleton: dict[str, Any], reference: dict[str, Any]
) -> list[str]:
    """What the skeleton declares on a class that the reference lacks or calls differently.

    Only the skeleton's own declarations count: the reference may add constructors and
    methods of its own design, and may hold as attributes what the skeleton declares as
    properties.
    """
    mine, theirs = skeleton["class"], reference["class"]
    problems = [
        f"{label}.{member} is in the katas/ skeleton but not in solutions/"
        for member in sorted(mine)
        if member not in reference["has"]
    ]
    problems += [
        f"{label}.{member}: katas/ has {_show(mine[member])}, solutions/ has "
        f"{_show(theirs[member])}"
        for member in sorted(set(mine) & set(theirs))
        if isinstance(mine[member], list)
        and isinstance(theirs[member], list)
        and mine[member] != theirs[member]
    ]
    return problems


def _show(described: object) -> str:
    """A signature as a learner reads it: ``(count, size=<SpotSize.COMPACT: 2>)``."""
    if described is None:
        return "nothing"
    if isinstance(described, dict):
        kind, value = next(iter(described.items()))
        return _show(value) if kind == "function" else f"a {kind} {value}"
    if isinstance(described, list):
        return "(" + ", ".join(_param(item) for item in described) + ")"
    return str(described)


def _param(item: list[str | None]) -> str:
    name, kind, default = item
    prefix = {"VAR_POSITIONAL": "*", "VAR_KEYWORD": "**"}.get(str(kind), "")
    return f"{prefix}{name}" + ("" if default is None else f"={default}")
