"""A team's run log: one JSON line per test run, appended so a crash loses one record at most.

A record is read from disk (``runs.jsonl``) or from a commit fetched from the session
remote; both are untrusted. ``RunRecord.parse`` is the one reader of both: it takes bytes
or text, refuses anything longer than ``MAX_RECORD`` before parsing, and checks every
field's type and range, so that a bad record is one ``RecordError`` and never a crash.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from dojo.text import one_line
from harness.results import StepResult

if TYPE_CHECKING:
    from harness.results import RunResults

Warn = Callable[[str], None]

# A real record is about 150 bytes; a step count, a tally or a kata name beyond these is junk.
MAX_RECORD = 16 * 1024
MAX_STEPS = 50
MAX_TESTS = 100_000
MAX_TIME = 40
# What the board reads of one log: about 50,000 runs, far more than a day of dojo makes.
MAX_LOG = 8 * 1024 * 1024
# A kata's folder name, or the label an interview round logs ("parking_lot interview").
KATA_LABEL = re.compile(r"[a-z][a-z0-9_]{0,63}(?: interview)?")
_SHORT = 120


class RecordError(ValueError):
    """A run record that is not one: the message says which field is wrong."""


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

    @property
    def tests(self) -> tuple[int, int]:
        """Tests passed and run, over every step of the run."""
        return sum(s.passed for s in self.steps), sum(s.total for s in self.steps)

    @property
    def ident(self) -> str:
        """The run's name in links and anchors: its time in UTC, to the microsecond."""
        return f"run-{self.time.astimezone(UTC):%Y%m%dT%H%M%S%fZ}"

    def to_json(self) -> dict[str, Any]:
        """A plain dict for ``json``; the time in ISO 8601 with its offset."""
        return {
            "time": self.time.isoformat(),
            "kata": self.kata,
            "steps": [[s.number, s.passed, s.total] for s in self.steps],
            "light": self.light.value,
        }

    def to_line(self) -> str:
        """The record as one line of JSON, without its newline."""
        return json.dumps(self.to_json(), separators=(",", ":"))

    @classmethod
    def from_json(cls, data: object) -> RunRecord:
        """Read back ``to_json``: every field typed and in range; ``RecordError`` otherwise."""
        if not isinstance(data, dict):
            raise RecordError(f"a record is a JSON object, not {_kind(data)}")
        missing = [key for key in ("time", "kata", "steps", "light") if key not in data]
        if missing:
            raise RecordError(f"no {', '.join(missing)}")
        kata = data["kata"]
        if not isinstance(kata, str) or not KATA_LABEL.fullmatch(kata):
            raise RecordError(f"kata {_short(kata)} is not a kata's name")
        light = data["light"]
        if light not in tuple(Light):
            raise RecordError(f"light {_short(light)} is not red, amber or green")
        return cls(_time(data["time"]), kata, _steps(data["steps"]), Light(light))

    @classmethod
    def parse(cls, raw: str | bytes) -> RunRecord:
        """One record from a line of a log or a file of a commit; ``RecordError`` if it is not."""
        if len(raw) > MAX_RECORD:
            raise RecordError(f"{len(raw)} bytes, more than a record's {MAX_RECORD}")
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError) as error:
            raise RecordError(f"not JSON ({one_line(str(error))[:_SHORT]})") from None
        return cls.from_json(data)


def _kind(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _short(value: object) -> str:
    """An untrusted value quoted for a warning: one line, at most ``_SHORT`` characters."""
    text = one_line(value if isinstance(value, str) else repr(value))
    text = text if len(text) <= _SHORT else text[:_SHORT] + "..."
    return repr(text) if isinstance(value, str) else text


def _time(value: object) -> datetime:
    if not isinstance(value, str) or len(value) > MAX_TIME:
        raise RecordError(f"time {_short(value)} is not an ISO 8601 time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise RecordError(f"time {_short(value)} is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise RecordError(f"time {_short(value)} has no UTC offset")
    try:
        moment.astimezone(UTC)
    except OverflowError:
        raise RecordError(f"time {_short(value)} is out of range") from None
    return moment


def _count(value: object, limit: int, what: str) -> int:
    # bool is an int to Python, and 1e999 a float: neither is a count.
    if type(value) is not int or not 0 <= value <= limit:
        raise RecordError(f"{what} {_short(value)} is not a whole number from 0 to {limit}")
    return value


def _steps(value: object) -> tuple[StepResult, ...]:
    if not isinstance(value, list) or len(value) > MAX_STEPS:
        raise RecordError(f"steps is not a list of at most {MAX_STEPS} steps")
    steps: list[StepResult] = []
    for item in value:
        if not isinstance(item, list) or len(item) != 3:
            raise RecordError(f"step {_short(item)} is not [number, passed, total]")
        number = _count(item[0], MAX_STEPS, "step number")
        passed, total = _count(item[1], MAX_TESTS, "passed"), _count(item[2], MAX_TESTS, "total")
        if number <= (steps[-1].number if steps else 0) or passed > total:
            raise RecordError(f"step {_short(item)} is out of order or passes more than it runs")
        steps.append(StepResult(number, passed, total))
    return tuple(steps)


@attrs.frozen
class RunLog:
    """``runs.jsonl`` of one team; ``warn`` hears about records that cannot be read."""

    path: Path
    warn: Warn
    team: str = ""

    def append(self, record: RunRecord) -> None:
        """Add ``record`` as one line, with a single write, flushed to disk before returning."""
        line = record.to_line() + "\n"
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
        """Every readable record, oldest first; each unreadable line is skipped with a warning.

        A log that is not a regular file (a folder, a pipe, a device) or cannot be read is
        one warning and no runs; of a log over ``MAX_LOG`` bytes, the last ``MAX_LOG``.
        """
        data = self._bytes()
        lines = data.split(b"\n")
        records = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                records.append(RunRecord.parse(line))
            except RecordError as error:
                if number == len(lines):
                    self.warn(f"{self._who()}skipped the truncated last record (line {number})")
                else:
                    self.warn(f"{self._who()}skipped line {number}, not a run record ({error})")
        return records

    def _who(self) -> str:
        return f"team {self.team}: {self.path}: " if self.team else f"{self.path}: "

    def _bytes(self) -> bytes:
        try:
            # O_NONBLOCK: opening a pipe someone put in the log's place must not hang the board.
            descriptor = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
        except FileNotFoundError:
            return b""
        except OSError as error:
            self.warn(f"{self._who()}cannot read it ({error.strerror or error}); no runs shown")
            return b""
        try:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode):
                self.warn(f"{self._who()}is not a file; no runs shown")
                return b""
            if info.st_size > MAX_LOG:
                self.warn(f"{self._who()}is over {MAX_LOG} bytes; only its last runs are shown")
                # The first line read from the middle is cut: drop it.
                tail = os.pread(descriptor, MAX_LOG, info.st_size - MAX_LOG)
                return tail.split(b"\n", 1)[-1]
            return _read_all(descriptor, info.st_size)
        except OSError as error:
            self.warn(f"{self._who()}cannot read it ({error.strerror or error}); no runs shown")
            return b""
        finally:
            os.close(descriptor)


def _read_all(descriptor: int, size: int) -> bytes:
    chunks, remaining = [], min(size, MAX_LOG)
    while remaining > 0:
        chunk = os.read(descriptor, remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _ends_mid_line(descriptor: int) -> bool:
    size = os.fstat(descriptor).st_size
    return size > 0 and os.pread(descriptor, 1, size - 1) != b"\n"
