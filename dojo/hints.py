"""Progressive hints, kept with each kata in ``katas/<kata>/hints.toml``, one list per step."""

from __future__ import annotations

import tomllib
from typing import TYPE_CHECKING

import attrs

from dojo.errors import HintsError

if TYPE_CHECKING:
    from pathlib import Path

    from harness.catalog import Kata


@attrs.frozen
class Hints:
    """The hints of one kata, by step number; steps not yet covered have none."""

    kata: str
    by_step: dict[int, tuple[str, ...]]

    def of(self, step: int) -> tuple[str, ...]:
        """The hints for ``step``, gentlest first."""
        return self.by_step.get(step, ())

    @classmethod
    def load(cls, kata: Kata, path: Path) -> Hints:
        """Read ``hints.toml`` at ``path``; each ``[[steps]]`` entry names its step by title."""
        if not path.is_file():
            return cls(kata.name, {})
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as error:
            raise HintsError(f"{path}: not TOML ({type(error).__name__}: {error})") from None
        entries = data.get("steps")
        if not isinstance(entries, list):
            raise HintsError(f"{path}: expected [[steps]] tables, one per step")
        if len(entries) > len(kata.steps):
            raise HintsError(f"{path}: {len(entries)} steps, but {kata.name} has {len(kata.steps)}")
        by_step: dict[int, tuple[str, ...]] = {}
        for step, entry in zip(kata.steps, entries, strict=False):
            if not isinstance(entry, dict):
                raise HintsError(f"{path}: steps[{step.number}] is not a [[steps]] table")
            if entry.get("title") != step.title:
                raise HintsError(
                    f"{path}: steps[{step.number}] title {entry.get('title')!r} "
                    f"is not {step.title!r}, as in kata.toml"
                )
            hints = entry.get("hints")
            if not isinstance(hints, list) or not all(
                isinstance(hint, str) and hint.strip() for hint in hints
            ):
                raise HintsError(f"{path}: steps[{step.number}].hints must be a list of text")
            by_step[step.number] = tuple(" ".join(hint.split()) for hint in hints)
        return cls(kata.name, by_step)
