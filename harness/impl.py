"""Which implementation the acceptance tests run against: ``katas``, ``solutions`` or a folder."""

from __future__ import annotations

from pathlib import Path

from harness.catalog import ROOT

NAMED = ("katas", "solutions")


class ImplError(ValueError):
    """An ``--impl`` value that names no usable implementation."""


def resolve_impl(value: str, *, root: Path = ROOT, cwd: Path | None = None) -> Path:
    """The folder that ``--impl VALUE`` stands for.

    ``katas`` and ``solutions`` name the repository's folders wherever pytest runs from;
    anything else is a path, relative to ``cwd``, to a folder holding ``<kata>/`` packages.
    """
    if value in NAMED:
        return root / value
    path = Path(value).expanduser()
    if not path.is_absolute():
        path = (cwd or Path.cwd()) / path
    if not path.is_dir():
        raise ImplError(
            f"--impl {value}: not 'katas', 'solutions' or an existing folder holding kata packages"
        )
    return path.resolve()


def require_kata(impl: Path, kata: str, *, label: str) -> None:
    """Refuse, in one line, an implementation folder without the kata's package."""
    if not (impl / kata / "__init__.py").is_file():
        raise ImplError(f"--impl {label}: {impl} holds no {kata}/ package ({kata}/__init__.py)")
