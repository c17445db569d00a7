"""The learner's progress, kept in ``.dojo/progress.json`` and written atomically."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from dojo.files import write_atomically
from dojo.text import one_line

if TYPE_CHECKING:
    from collections.abc import Mapping

    from harness.catalog import Kata

VERSION = 1


@attrs.define
class KataProgress:
    """One kata: tests passed and run per step at the last run, and hints shown per step."""

    steps: dict[int, tuple[int, int]] = attrs.field(factory=dict)
    hints: dict[int, int] = attrs.field(factory=dict)
    last_run: datetime | None = None

    def is_green(self, step: int) -> bool:
        """Whether every test of ``step`` passed at the last run."""
        passed, total = self.steps.get(step, (0, 0))
        return total > 0 and passed == total

    def green_steps(self, kata: Kata) -> int:
        """How many of the kata's steps are green."""
        return sum(self.is_green(step.number) for step in kata.steps)

    def current_step(self, kata: Kata) -> int:
        """The first step that is not green; the last step once all are."""
        for step in kata.steps:
            if not self.is_green(step.number):
                return step.number
        return len(kata.steps)

    def to_json(self) -> dict[str, Any]:
        """A plain dict for ``json``; steps keyed by their number as text."""
        return {
            "steps": {str(step): list(counts) for step, counts in sorted(self.steps.items())},
            "hints": {str(step): shown for step, shown in sorted(self.hints.items())},
            "last_run": self.last_run.isoformat(timespec="seconds") if self.last_run else "",
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> KataProgress:
        """Read back what ``to_json`` wrote; ``ValueError`` or ``TypeError`` if it is not that."""
        steps = {int(step): _pair(counts) for step, counts in data["steps"].items()}
        hints = {int(step): _count(shown) for step, shown in data["hints"].items()}
        return cls(steps, hints, _moment(data["last_run"]))


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        raise TypeError(f"last_run {value!r} is not text")
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(f"last_run {value!r} has no UTC offset")
    return moment


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{value!r} is not a count")
    return value


def _pair(value: object) -> tuple[int, int]:
    if not isinstance(value, list) or len(value) != 2:
        raise ValueError(f"{value!r} is not [passed, total]")
    return _count(value[0]), _count(value[1])


@attrs.define
class ProgressStore:
    """Loads and saves every kata's progress; reading never writes.

    A missing file is no progress yet. An unreadable file, or one kata's unreadable record,
    is reported through ``warn`` and left out; the other katas' records are kept, and the
    next ``save`` first moves the old file aside as ``progress.json.corrupt``.
    """

    path: Path
    warn: Callable[[str], None]
    _katas: dict[str, KataProgress] = attrs.field(factory=dict, init=False)
    _loaded: bool = attrs.field(default=False, init=False)
    _corrupt: bool = attrs.field(default=False, init=False)

    @property
    def corrupt_copy(self) -> Path:
        """Where an unreadable file is kept: ``progress.json.corrupt`` beside it."""
        return self.path.with_name(self.path.name + ".corrupt")

    def of(self, kata: str) -> KataProgress:
        """The progress of ``kata`` (new and empty if there is none yet)."""
        self._load()
        return self._katas.setdefault(kata, KataProgress())

    def forget(self, kata: str) -> None:
        """Drop what is known about ``kata`` and save."""
        self._load()
        self._katas.pop(kata, None)
        self.save()

    def save(self) -> None:
        """Write the file atomically: a temporary file beside it, then ``os.replace``."""
        self._load()
        payload = {
            "version": VERSION,
            "katas": {
                name: self._katas[name].to_json()
                for name in sorted(self._katas)
                if self._katas[name] != KataProgress()
            },
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self._corrupt:
            self.path.replace(self.corrupt_copy)
            self._corrupt = False
        write_atomically(self.path, json.dumps(payload, indent=1))

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as error:
            self._set_aside(f"{type(error).__name__}: {error}")
            return
        self._katas, problems = _parse(text)
        if problems:
            self._set_aside("; ".join(problems))

    def _set_aside(self, problem: str) -> None:
        self._corrupt = self.path.is_file()
        kept = "; the other katas' progress is kept" if self._katas else ""
        self.warn(
            f"{self.path} could not be read ({_shorten(one_line(problem))}){kept}; "
            f"the next save keeps the old file as {self.corrupt_copy.name}"
        )


def _parse(text: str) -> tuple[dict[str, KataProgress], list[str]]:
    """Every kata record that can be read, and a line about each problem."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        return {}, [f"not JSON: {type(error).__name__}: {error}"]
    if not isinstance(data, dict) or data.get("version") != VERSION:
        version = data.get("version") if isinstance(data, dict) else None
        return {}, [f"not a version {VERSION} progress file (version {version!r})"]
    katas = data.get("katas")
    if not isinstance(katas, dict):
        return {}, ["no 'katas' table"]
    read: dict[str, KataProgress] = {}
    problems = []
    for name, item in katas.items():
        try:
            read[name] = KataProgress.from_json(item)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
            problems.append(f"{name}: {type(error).__name__}: {error}")
    return read, problems


def _shorten(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
