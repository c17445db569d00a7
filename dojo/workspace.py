"""The repository ``dojo`` works in: its root, katas, specs and implementations."""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from dojo.errors import NotARepositoryError, UsageError
from harness.catalog import Kata, MetadataError, kata_names, load_kata
from harness.impl import ImplError, require_kata, resolve_impl

_HEADING = re.compile(r"^## ", re.MULTILINE)
SUMMARY = 200


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds ``katas/`` and ``harness/``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "katas").is_dir() and (folder / "harness").is_dir():
            return folder
    raise NotARepositoryError(
        f"{start} is not inside a katas repository (no folder above it holds katas/ and harness/)"
    )


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


@attrs.frozen
class Workspace:
    """One repository, found from the folder ``dojo`` runs in."""

    root: Path

    @classmethod
    def find(cls, cwd: Path) -> Workspace:
        """The repository holding ``cwd``."""
        return cls(find_root(cwd))

    def katas(self) -> list[Kata]:
        """Every kata's metadata, sorted by name."""
        return [self.kata(name) for name in kata_names(self.root)]

    def kata(self, name: str) -> Kata:
        """One kata's metadata; ``UsageError`` listing the katas for an unknown name."""
        try:
            return load_kata(name, self.root)
        except MetadataError as error:
            raise UsageError(str(error)) from None

    def last_step(self, kata: Kata, step: int | None) -> int:
        """Step ``step`` of ``kata``, or its last step; ``UsageError`` naming the range."""
        if step is None:
            return len(kata.steps)
        try:
            return kata.step(step).number
        except MetadataError as error:
            raise UsageError(str(error)) from None

    def implementation(self, kata: Kata, label: str, cwd: Path) -> Implementation:
        """The implementation ``--impl label`` names; ``UsageError`` with the choices."""
        try:
            folder = resolve_impl(label, root=self.root, cwd=cwd)
            require_kata(folder, kata.name, label=label)
        except ImplError as error:
            raise UsageError(str(error)) from None
        return Implementation(label, folder)

    def spec(self, kata: Kata) -> str:
        """The kata's specification, Markdown."""
        return (self.root / "katas" / kata.name / "README.md").read_text(encoding="utf-8")

    def spec_section(self, kata: Kata, step: int) -> str:
        """The ``## Step N: ...`` section of the spec, heading included."""
        spec = self.spec(kata)
        title = kata.step(step).title
        start = spec.find(f"## Step {step}: {title}")
        if start < 0:
            return f"## Step {step}: {title}\n"
        following = _HEADING.search(spec, start + 1)
        return spec[start : following.start() if following else len(spec)].rstrip() + "\n"

    def summary_of(self, kata: Kata, step: int) -> str:
        """The start of a step's first paragraph, on one line: what the step asks."""
        body = self.spec_section(kata, step).split("\n", 1)[-1].strip()
        words = body.split("\n\n", 1)[0].split()
        text = " ".join(words)
        if len(text) <= SUMMARY:
            return text
        return text[:SUMMARY].rsplit(" ", 1)[0] + " ..."

    @property
    def state(self) -> Path:
        """The ignored folder where ``dojo`` keeps progress and backups."""
        return self.root / ".dojo"
