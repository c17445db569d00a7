"""The repository ``dojo`` works in: every path it reads or writes, and the katas it holds."""

from __future__ import annotations

from pathlib import Path

import attrs

from dojo.errors import NotARepositoryError, UsageError
from harness.catalog import Kata, MetadataError, kata_names, load_kata
from harness.impl import ImplError, require_kata, resolve_impl


@attrs.frozen
class Implementation:
    """Where the code under test lives: ``label`` as typed, ``folder`` holding ``<kata>/``."""

    label: str
    folder: Path

    @property
    def is_learners(self) -> bool:
        """Whether this is the learner's own copy, the one progress is recorded for."""
        return self.label == "katas"

    @property
    def pytest_value(self) -> str:
        """The ``--impl`` value for a child pytest that runs in the repository root."""
        return self.label if self.label in ("katas", "solutions") else str(self.folder)

    def package(self, kata: str) -> Path:
        """The folder of ``kata``'s package in this implementation."""
        return self.folder / kata


@attrs.frozen
class Repository:
    """One checkout, found once from the folder ``dojo`` runs in and passed to every command."""

    root: Path

    @classmethod
    def find(cls, start: Path) -> Repository:
        """The nearest folder at or above ``start`` that holds ``katas/`` and ``harness/``."""
        start = start.resolve()
        for folder in (start, *start.parents):
            if (folder / "katas").is_dir() and (folder / "harness").is_dir():
                return cls(folder)
        raise NotARepositoryError(
            f"{start} is not inside a katas repository "
            "(no folder above it holds katas/ and harness/)"
        )

    @property
    def katas_folder(self) -> Path:
        """``katas/``: the learner's copies of the skeletons, the specs and the metadata."""
        return self.root / "katas"

    @property
    def solutions_folder(self) -> Path:
        """``solutions/``: the reference implementations."""
        return self.root / "solutions"

    def kata_folder(self, kata: str) -> Path:
        """``katas/<kata>/``."""
        return self.katas_folder / kata

    def solution_folder(self, kata: str) -> Path:
        """``solutions/<kata>/``."""
        return self.solutions_folder / kata

    def tests_folder(self, kata: str) -> Path:
        """``tests/<kata>/``: the kata's acceptance tests."""
        return self.root / "tests" / kata

    def spec_file(self, kata: str) -> Path:
        """``katas/<kata>/README.md``: the specification."""
        return self.kata_folder(kata) / "README.md"

    def hints_file(self, kata: str) -> Path:
        """``katas/<kata>/hints.toml``."""
        return self.kata_folder(kata) / "hints.toml"

    def design_notes(self, kata: str) -> Path:
        """``solutions/<kata>/DESIGN.md``: why the reference is built the way it is."""
        return self.solution_folder(kata) / "DESIGN.md"

    @property
    def settings(self) -> Path:
        """``pyproject.toml``: the settings of mypy, ruff and pytest."""
        return self.root / "pyproject.toml"

    @property
    def state(self) -> Path:
        """``.dojo/``: the git-ignored folder where ``dojo`` keeps progress and backups."""
        return self.root / ".dojo"

    @property
    def progress_file(self) -> Path:
        """``.dojo/progress.json``."""
        return self.state / "progress.json"

    @property
    def backups(self) -> Path:
        """``.dojo/backups/``: what ``dojo reset`` moved away."""
        return self.state / "backups"

    @property
    def workspaces(self) -> Path:
        """``workspaces/``: one folder per team of a team dojo."""
        return self.root / "workspaces"

    @property
    def interviews(self) -> Path:
        """``interviews/``: the learner's interview sessions."""
        return self.root / "interviews"

    def relative(self, path: Path) -> str:
        """``path`` as the learner would type it from the root, when it is inside it."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def katas(self) -> list[Kata]:
        """Every kata's metadata, sorted by name."""
        return [self.kata(name) for name in kata_names(self.root)]

    def kata(self, name: str) -> Kata:
        """One kata's metadata; ``UsageError`` listing the katas for an unknown name."""
        try:
            return load_kata(name, self.root)
        except MetadataError as error:
            raise UsageError(str(error)) from None

    @property
    def reference(self) -> Implementation:
        """The reference solutions, as an implementation."""
        return Implementation("solutions", self.solutions_folder)

    def implementation(self, kata: Kata, label: str, cwd: Path) -> Implementation:
        """The implementation ``--impl label`` names; ``UsageError`` with the choices."""
        try:
            folder = resolve_impl(label, root=self.root, cwd=cwd)
            require_kata(folder, kata.name, label=label)
        except ImplError as error:
            raise UsageError(str(error)) from None
        return Implementation(label, folder)
