"""A team's run log: one JSON line per test run, appended so a crash loses one record at most."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from harness.results import StepResult

if TYPE_CHECKING:
    from harness.results import RunResults

Warn = Callable[[str], None]


class Light(StrEnum):
    """The traffic light of one run: amber means the code did not even import."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"


@attrs.frozen
class RunRecord:
    """One run of a team's code: when, which kata, per-step tallies and the light."""

    time: datetime
    kata: str
    steps: tuple[StepResult, ...]
    light: Light

    @classmethod
    def of(cls, kata: str, results: RunResults, last_step: int, time: datetime) -> RunRecord:
        """Read a harness run of steps 1..``last_step``."""
        steps = results.steps(last_step)
        if results.collection_errors:
            light = Light.AMBER
        elif all(step.green for step in steps):
            light = Light.GREEN
        else:
            light = Light.RED
        return cls(time, kata, steps, light)

    @property
    def current_step(self) -> int:
        """The first step that is not green; the last step run once all are."""
        return next((s.number for s in self.steps if not s.green), len(self.steps))

    def to_json(self) -> dict[str, Any]:
        """A plain dict for ``json``; the time in ISO 8601 with its offset."""
        return {
            "time": self.time.isoformat(),
            "kata": self.kata,
            "steps": [[s.number, s.passed, s.total] for s in self.steps],
            "light": self.light.value,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RunRecord:
        """Read back ``to_json``; ``ValueError``, ``KeyError`` or ``TypeError`` otherwise."""
        time = datetime.fromisoformat(data["time"])
        if time.tzinfo is None:
            raise ValueError(f"time {data['time']!r} has no UTC offset")
        steps = tuple(StepResult(int(n), int(p), int(t)) for n, p, t in data["steps"])
        kata = data["kata"]
        if not isinstance(kata, str):
            raise TypeError(f"kata {kata!r} is not a string")
        return cls(time, kata, steps, Light(data["light"]))


@attrs.frozen
class RunLog:
    """``runs.jsonl`` of one team; ``warn`` hears about records that cannot be read."""

    path: Path
    warn: Warn

    def append(self, record: RunRecord) -> None:
        """Add ``record`` as one line, with a single write, flushed to disk before returning."""
        line = json.dumps(record.to_json(), separators=(",", ":")) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            # A crash mid-write leaves a line without its newline; start a new line after it,
            # so the cut record stays on a line of its own and this one stays readable.
            if _ends_mid_line(descriptor):
                line = "\n" + line
            data = line.encode("utf-8")
            written = os.write(descriptor, data)
            if written != len(data):
                raise OSError(f"{self.path}: wrote {written} of {len(data)} bytes")
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

    def read(self) -> list[RunRecord]:
        """Every readable record, oldest first; each unreadable line is skipped with a warning."""
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return []
        lines = text.split("\n")
        records = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                records.append(RunRecord.from_json(json.loads(line)))
            except (ValueError, KeyError, TypeError, RecursionError) as error:
                if number == len(lines):
                    self.warn(f"{self.path}: skipped the truncated last record (line {number})")
                else:
                    self.warn(f"{self.path}: skipped line {number}, not a run record ({error})")
        return records


def _ends_mid_line(descriptor: int) -> bool:
    size = os.fstat(descriptor).st_size
    return size > 0 and os.pread(descriptor, 1, size - 1) != b"\n"
