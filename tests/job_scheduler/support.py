"""What several steps' tests share: tasks, a tick driver, an executor, child processes.

The clock is the one of every suite (`tests.support.FakeClock`), and so is its `START`.
The line protocol of the child processes has both its ends here: `LineProcess` drives a
child from the test, and `serve` answers it in the child (`scheduler_process.py` of step 8,
`machine_process.py` of step 9).
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from job_scheduler import Scheduler

    from tests.support import FakeClock

MINUTE = timedelta(minutes=1)
BOUND = 60.0  # seconds: a hang guard for every wait, never a synchronisation
REPOSITORY = Path(__file__).resolve().parents[2]  # where a child process finds this module
LEASE = timedelta(minutes=1)  # the lease of the child processes' schedulers
ONE_OFF_JOBS = 60  # the child processes register the tasks once-0 .. once-59


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

    It imports ``job_scheduler`` from ``impl``, and this module from the repository; its
    first line must be ``ready`` (`serve` writes it).
    """

    def __init__(self, script: Path, arguments: list[str], impl: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(script), *arguments],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": os.pathsep.join([str(impl), str(REPOSITORY)])},
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


_OUTPUT = threading.Lock()


def say(line: str) -> None:
    """In a child process: write one whole line to the parent (threads share stdout)."""
    with _OUTPUT:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def serve(
    scheduler: Scheduler, clock: FakeClock, commands: Mapping[str, Callable[[str], str]]
) -> None:
    """In a child process: say ``ready``, then answer the parent's lines until ``quit``.

    ``tick ISO-TIME`` sets the clock, runs what is due and waits for it (answers ``done N``);
    ``start ISO-TIME`` does the same without waiting (``started N``). Any other command is
    one of ``commands``, given the rest of its line and answering what it returns.
    """
    say("ready")
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "quit":
            return
        if command in commands:
            say(commands[command](argument))
            continue
        clock.set(datetime.fromisoformat(argument))
        started = scheduler.run_pending()
        if command == "tick":
            scheduler.wait_idle(timedelta(seconds=BOUND))
        say(f"{'done' if command == 'tick' else 'started'} {len(started)}")
