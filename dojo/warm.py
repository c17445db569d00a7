"""A warm pytest: one process that has imported pytest and Hypothesis forks each run.

Starting Python, importing pytest, its plugins and Hypothesis is most of a short run's
cost. ``WarmPytest`` keeps one server process per repository (``python -m dojo.warm``,
started with the child run's environment), which imports them once and then, for every
run, forks a child that calls ``pytest.main``. The child starts from the server's state,
which has imported no test module and no implementation: every run imports the learner's
code afresh, as a new process would. The server reads one run per line on its standard
input (a JSON list of pytest arguments) and answers each with the run's exit status; it
ends when its input does, so it never outlives ``dojo``.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

# What every run imports before it reads a test: pytest, its plugins and Hypothesis. Not
# the modules pytest loads as plugins (harness.plugin, pytest_timeout): pytest rewrites
# the asserts of those as it imports them, and warns if it cannot.
WARM_MODULES = (
    "pytest",
    "_pytest.python",
    "_pytest.unittest",
    "_pytest.terminal",
    "_pytest.capture",
    "_pytest.fixtures",
    "_pytest.assertion.rewrite",
    "_pytest.debugging",
    "_pytest.logging",
    "_pytest.skipping",
    "_pytest.warnings",
    "hypothesis",
    "hypothesis.stateful",
    "hypothesis.strategies",
    "attrs",
    "harness.catalog",
    "harness.impl",
    "harness.recorder",
    "harness.runner",
)
CHILD_FAILED = 3  # pytest's status for an internal error: the child could not run pytest


def serve(requests: IO[str], replies: IO[str], run: Callable[[list[str]], int]) -> None:
    """``run`` each request line's pytest arguments; reply with each run's exit status."""
    for line in requests:
        replies.write(f"{run(json.loads(line))}\n")
        replies.flush()


def forked(args: list[str]) -> int:  # pragma: no cover - runs in the server process only
    """Run ``pytest ARGS`` in a forked child, its output discarded; its exit status."""
    child = os.fork()
    if child == 0:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        status = CHILD_FAILED
        try:
            null = os.open(os.devnull, os.O_RDWR)
            for descriptor in (0, 1, 2):
                os.dup2(null, descriptor)
            import pytest  # noqa: PLC0415 - imported by the server already; a lookup here

            status = int(pytest.main(args))
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(status)
    _, status = os.waitpid(child, 0)
    return os.waitstatus_to_exitcode(status)


@attrs.define
class Server:
    """One running server: its process, for one repository and one environment."""

    root: Path
    env: dict[str, str]
    process: subprocess.Popen[str]

    def run(self, args: list[str]) -> int | None:
        """The exit status of one run; None if the server has gone."""
        stdin, stdout = self.process.stdin, self.process.stdout
        if stdin is None or stdout is None or self.process.poll() is not None:
            return None
        try:
            stdin.write(json.dumps(args) + "\n")
            stdin.flush()
        except (BrokenPipeError, OSError):
            return None
        reply = stdout.readline()
        return int(reply) if reply.strip() else None

    def close(self) -> None:
        """End the server: its input closes, and it ends once its current run has."""
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


@attrs.define
class WarmPytest:
    """A ``Launcher`` (``harness.runner``) that forks each quiet run from a warm server.

    A loud run (``quiet=False``), a repository or environment other than the server's,
    and a server that has gone each fall back to, or start, a new process.
    """

    _server: Server | None = None
    _lock: threading.Lock = attrs.field(factory=threading.Lock)
    _closes_at_exit: bool = False

    def __call__(self, args: list[str], root: Path, env: dict[str, str], *, quiet: bool) -> int:
        """The exit status of ``pytest ARGS`` in ``root``."""
        if not quiet or not hasattr(os, "fork"):
            from harness.runner import in_child  # noqa: PLC0415 - a rare path

            return in_child(args, root, env, quiet=quiet)
        with self._lock:
            for server in self._servers(root, env):
                try:
                    status = server.run(args)
                except BaseException:
                    # Ctrl-C while the run goes on: its answer would come to the next run.
                    self._drop()
                    raise
                if status is not None:
                    return status
            return CHILD_FAILED

    def close(self) -> None:
        """End the server, if one runs, once its current run has ended."""
        with self._lock:
            self._drop()

    def _drop(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _servers(self, root: Path, env: dict[str, str]) -> Iterator[Server]:
        """The server for ``root`` and ``env``; a fresh one once, if that one has gone."""
        yield self._server_for(root, env)
        self._drop()
        yield self._server_for(root, env)

    def _server_for(self, root: Path, env: dict[str, str]) -> Server:
        server = self._server
        if server is not None and server.root == root and server.env == env:
            return server
        self._drop()
        if not self._closes_at_exit:
            atexit.register(self.close)
            self._closes_at_exit = True
        process = subprocess.Popen(
            [sys.executable, "-m", "dojo.warm"],
            cwd=root,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self._server = Server(root, env, process)
        return self._server


def main() -> None:  # pragma: no cover - runs in the server process only
    """``python -m dojo.warm``: import what runs need, then serve runs until input ends."""
    # Ctrl-C reaches the terminal's whole process group: the run in the child stops on
    # it, as pytest does, and the server carries on until dojo closes its input.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for module in WARM_MODULES:
        with contextlib.suppress(ImportError):
            importlib.import_module(module)
    serve(sys.stdin, sys.stdout, forked)


if __name__ == "__main__":
    main()
