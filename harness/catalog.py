"""Kata discovery and the metadata each kata keeps in ``katas/<kata>/kata.toml``."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

# The repository; KATAS_ROOT points the harness at another checkout (its own tests use it).
ROOT = Path(os.environ.get("KATAS_ROOT") or Path(__file__).resolve().parent.parent).resolve()

DIFFICULTIES = ("beginner", "intermediate", "advanced")
PATTERNS = frozenset(
    {"Singleton", "Factory", "Strategy", "Observer", "Decorator", "Composite", "Command", "State"}
)
PRINCIPLES = frozenset({"SRP", "OCP", "LSP", "ISP", "DIP"})
_STEP_HEADING = re.compile(r"^## Step (\d+): (.+?)\s*$", re.MULTILINE)
_KATA_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_STAGE_ID = re.compile(r"[a-z][a-z0-9-]*")
CORE = "core"


class MetadataError(ValueError):
    """A ``kata.toml`` that does not describe its kata; the message names file and field."""


@attrs.frozen
class Step:
    """One stage of a kata: its number, title, minutes, and whether it is advanced.

    An advanced step (``advanced = true`` in kata.toml) is one most learners may leave out.
    """

    number: int
    title: str
    minutes: int
    advanced: bool = False


@attrs.frozen
class Stage:
    """One stage of a kata's interview: the core, or a change request. Numbered from 1."""

    number: int
    id: str
    title: str
    minutes: int


@attrs.frozen
class Interview:
    """The ``[interview]`` table of ``kata.toml``: the prompt and the round's timing."""

    prompt: str
    clarify_minutes: int
    core_minutes: int
    review_minutes: int
    stages: tuple[Stage, ...]

    @property
    def changes(self) -> tuple[Stage, ...]:
        """The change requests, in the order the interviewer asks them."""
        return self.stages[1:]

    @property
    def minutes(self) -> int:
        """The whole round: clarify, the core, every change request, the review."""
        return (
            self.clarify_minutes + self.review_minutes + sum(stage.minutes for stage in self.stages)
        )

    def stage(self, ident: str) -> Stage:
        """The stage ``ident`` names (``core`` or a change id); ``MetadataError`` listing them."""
        for stage in self.stages:
            if ident == stage.id:
                return stage
        known = ", ".join(stage.id for stage in self.stages)
        raise MetadataError(f"no interview stage {ident!r}; the stages are: {known}")


@attrs.frozen
class Kata:
    """What ``kata.toml`` says about a kata."""

    name: str
    title: str
    summary: str
    difficulty: str
    patterns: tuple[str, ...]
    principles: tuple[str, ...]
    steps: tuple[Step, ...]
    interview: Interview | None = None

    @property
    def minutes(self) -> int:
        """Estimated minutes for the whole kata."""
        return sum(step.minutes for step in self.steps)

    def step(self, number: int) -> Step:
        """The step with this number; ``MetadataError`` naming the valid range otherwise."""
        if 1 <= number <= len(self.steps):
            return self.steps[number - 1]
        raise MetadataError(f"{self.name} has no step {number}; its steps are 1-{len(self.steps)}")

    @classmethod
    def load(cls, path: Path) -> Kata:
        """Read and validate one ``kata.toml``."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, RecursionError, tomllib.TOMLDecodeError) as error:
            raise MetadataError(f"{path}: {error}") from error
        return cls.from_mapping(path.parent.name, data, source=str(path))

    @classmethod
    def from_mapping(cls, name: str, data: Mapping[str, Any], *, source: str) -> Kata:
        """Build from parsed TOML, naming the source and the field in every error."""
        fields = _Fields(data, source)
        unknown = sorted(
            set(data)
            - {"title", "summary", "difficulty", "patterns", "principles", "steps", "interview"}
        )
        if unknown:
            raise MetadataError(f"{source}: unknown field(s) {', '.join(unknown)}")
        difficulty = fields.text("difficulty")
        if difficulty not in DIFFICULTIES:
            raise MetadataError(
                f"{source}: difficulty {difficulty!r} is not one of {', '.join(DIFFICULTIES)}"
            )
        return cls(
            name=name,
            title=fields.text("title"),
            summary=fields.text("summary"),
            difficulty=difficulty,
            patterns=fields.names("patterns", PATTERNS),
            principles=fields.names("principles", PRINCIPLES),
            steps=fields.steps(),
            interview=fields.interview(),
        )


@attrs.frozen
class _Fields:
    """Typed access to the raw TOML table, so each check reads as one line above."""

    data: Mapping[str, Any]
    source: str

    def text(self, key: str, table: Mapping[str, Any] | None = None, where: str = "") -> str:
        value = (self.data if table is None else table).get(key)
        if not isinstance(value, str) or not value.strip():
            raise MetadataError(f"{self.source}: {where}{key} must be a non-empty string")
        return value

    def minutes(self, key: str, table: Mapping[str, Any], where: str) -> int:
        value = table.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise MetadataError(f"{self.source}: {where}{key} must be a positive integer")
        return value

    def names(self, key: str, known: frozenset[str]) -> tuple[str, ...]:
        value = self.data.get(key)
        if not isinstance(value, list) or not value:
            raise MetadataError(f"{self.source}: {key} must be a non-empty list")
        strange = [item for item in value if not isinstance(item, str) or item not in known]
        if strange:
            raise MetadataError(
                f"{self.source}: {key} has unknown {strange!r}; known: {', '.join(sorted(known))}"
            )
        return tuple(value)

    def steps(self) -> tuple[Step, ...]:
        raw = self.data.get("steps")
        if not isinstance(raw, list) or not raw:
            raise MetadataError(f"{self.source}: steps must be a non-empty list of [[steps]]")
        steps = []
        for number, table in enumerate(raw, start=1):
            where = f"steps[{number}]."
            if not isinstance(table, Mapping):
                raise MetadataError(f"{self.source}: {where[:-1]} must be a table")
            minutes = self.minutes("minutes", table, where)
            advanced = table.get("advanced", False)
            if not isinstance(advanced, bool):
                raise MetadataError(f"{self.source}: {where}advanced must be true or false")
            steps.append(Step(number, self.text("title", table, where), minutes, advanced))
        return tuple(steps)

    def interview(self) -> Interview | None:
        table = self.data.get("interview")
        if table is None:
            return None
        if not isinstance(table, Mapping):
            raise MetadataError(f"{self.source}: interview must be a table")
        where = "interview."
        unknown = sorted(
            set(table) - {"prompt", "clarify_minutes", "core_minutes", "review_minutes", "changes"}
        )
        if unknown:
            raise MetadataError(f"{self.source}: unknown field(s) {where}{', '.join(unknown)}")
        changes = table.get("changes")
        if not isinstance(changes, list) or not changes:
            raise MetadataError(
                f"{self.source}: {where}changes must be a non-empty list of [[interview.changes]]"
            )
        stages = [Stage(1, CORE, "Core", self.minutes("core_minutes", table, where))]
        for number, change in enumerate(changes, start=1):
            place = f"{where}changes[{number}]."
            if not isinstance(change, Mapping):
                raise MetadataError(f"{self.source}: {place[:-1]} must be a table")
            ident = self.text("id", change, place)
            if not _STAGE_ID.fullmatch(ident) or ident == CORE:
                raise MetadataError(
                    f"{self.source}: {place}id {ident!r} must be lower-case words joined by "
                    f"hyphens, and not {CORE!r}"
                )
            if ident in {stage.id for stage in stages}:
                raise MetadataError(f"{self.source}: {place}id {ident!r} is used twice")
            title = self.text("title", change, place)
            stages.append(Stage(number + 1, ident, title, self.minutes("minutes", change, place)))
        return Interview(
            prompt=self.text("prompt", table, where),
            clarify_minutes=self.minutes("clarify_minutes", table, where),
            core_minutes=stages[0].minutes,
            review_minutes=self.minutes("review_minutes", table, where),
            stages=tuple(stages),
        )


def kata_names(root: Path = ROOT) -> list[str]:
    """Every kata: a folder of ``katas/`` that holds a ``kata.toml``, sorted by name."""
    return sorted(
        path.parent.name
        for path in (root / "katas").glob("*/kata.toml")
        if _KATA_NAME.match(path.parent.name)
    )


def load_kata(name: str, root: Path = ROOT) -> Kata:
    """The metadata of one kata; ``MetadataError`` listing the katas for an unknown name."""
    names = kata_names(root)
    if name not in names:
        raise MetadataError(f"unknown kata {name!r}; the katas are: {', '.join(names)}")
    return Kata.load(root / "katas" / name / "kata.toml")


def spec_steps(spec: str) -> list[tuple[int, str]]:
    """The ``## Step N: Title`` headings of a kata's README, in order."""
    return [(int(number), title) for number, title in _STEP_HEADING.findall(spec)]


def consistency_problems(
    kata: Kata, tests_per_step: Mapping[int, int], root: Path = ROOT
) -> list[str]:
    """What disagrees between a kata's metadata, folders, spec and collected tests."""
    problems = [
        f"{kata.name}: missing {folder}/{kata.name}/"
        for folder in ("katas", "solutions", "tests")
        if not (root / folder / kata.name).is_dir()
    ]
    expected = [(step.number, step.title) for step in kata.steps]
    spec_path = root / "katas" / kata.name / "README.md"
    found = spec_steps(spec_path.read_text(encoding="utf-8")) if spec_path.is_file() else []
    if found != expected:
        problems.append(
            f"{kata.name}: README.md step headings {found} do not match kata.toml {expected}"
        )
    numbers = {step.number for step in kata.steps}
    problems += [
        f"{kata.name}: step {step.number} ({step.title}) has no tests"
        for step in kata.steps
        if tests_per_step.get(step.number, 0) == 0
    ]
    problems += [
        f"{kata.name}: {count} test(s) marked step({number}), which kata.toml does not list"
        for number, count in sorted(tests_per_step.items())
        if number not in numbers
    ]
    return problems
