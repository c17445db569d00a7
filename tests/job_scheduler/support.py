"""What several steps' tests share: tasks, a tick driver, an executor, a child process.

The clock is the one of every suite (`tests.support.FakeClock`), and so is its `START`.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from datetime import timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime
    from pathlib import Path

    from job_scheduler import Scheduler

    from tests.support import FakeClock

MINUTE = timedelta(minutes=1)
BOUND = 60.0  # seconds: a hang guard for every wait on a process, never a synchronisation


def noop() -> None:
    """A task that does nothing."""


def occurrences(scheduler: Scheduler, clock: FakeClock, steps: list[timedelta]) -> list[datetime]:
    """Advance the clock by each step, run what is due, and return the occurrences run."""
    seen: list[datetime] = []
    for step in steps:
        clock.advance(step)
        seen.extend(run.occurrence for run in scheduler.run_pending())
    return seen


def failing(times: int) -> Callable[[], None]:
    """A task that raises ConnectionError("upstream down") on its first `times` calls."""
    calls = iter(range(times + 1000))

    def task() -> None:
        if next(calls) < times:
            raise ConnectionError("upstream down")

    return task


class ManualExecutor:
    """Holds submitted work until the test finishes it, so runs can overlap in one thread."""

    def __init__(self) -> None:
        self.waiting: list[Callable[[], None]] = []

    def submit(self, work: Callable[[], None]) -> None:
        """Hold `work` until `finish_all`."""
        self.waiting.append(work)

    def finish_one(self) -> None:
        """Run the oldest held work."""
        self.waiting.pop(0)()

    def finish_all(self) -> None:
        """Run the held work, in submission order."""
        work, self.waiting = self.waiting, []
        for item in work:
            item()


class LineProcess:
    """A Python script run as a child process, talked to one line at a time.

    It imports ``job_scheduler`` from ``impl``; its first line must be ``ready``.
    """

    def __init__(self, script: Path, arguments: list[str], impl: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(script), *arguments],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(impl)},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        assert self.expect() == "ready"

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.strip())
        self.lines.put("<the process ended>")  # so a crashed child fails the test at once

    def send(self, command: str) -> None:
        """Write one command line."""
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def expect(self) -> str:
        """The next line the process wrote (waits at most BOUND seconds)."""
        return self.lines.get(timeout=BOUND)

    def ask(self, command: str) -> str:
        """Send ``command`` and return the line that answers it."""
        self.send(command)
        return self.expect()

    def stop(self) -> None:
        """Ask the process to quit and wait for it."""
        if self.process.poll() is None:
            self.send("quit")
            self.process.wait(timeout=BOUND)

    def close(self) -> None:
        """Kill the process if it still runs, and close the pipes."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=BOUND)
        self.reader.join(timeout=BOUND)
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()
