"""A warm pytest: one process that has imported pytest and Hypothesis forks each run.

Starting Python, importing pytest, its plugins and Hypothesis is most of a short run's
cost. ``WarmPytest`` keeps one server process per repository (``python -m harness.warm``,
started with the child run's environment), which imports them once and then, for every
run, forks a child that calls ``pytest.main``. The child starts from the server's state,
which has imported no test module and no implementation: every run imports the code
under test afresh, as a new process would. The server reads one run per line on its
standard input (a JSON list of pytest arguments) and answers each with the run's exit
status; it ends when its input does, so it never outlives the process that started it.

``dojo``'s practice runs fork from one (``SHARED``); the corpus of wrong implementations
(``harness.wrong``) forks its runs from a ``WarmPool``, one server per worker.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib
import json
import os
import queue
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
FORKS = hasattr(os, "fork")  # where a process cannot fork, every run is a new process
CHILD_FAILED = 3  # pytest's status for an internal error: the child could not run pytest
# A warm run's environment, added to the caller's own. Rewritten test modules are cached
# as bytecode (in the git-ignored __pycache__ folders) even where PYTHONDONTWRITEBYTECODE
# is set: without the cache pytest rewrites the asserts of every test module again on
# each run. Installed pytest plugins are not loaded; ``PLUGINS`` names the one these
# runs need.
CHILD_ENV = {"PYTHONDONTWRITEBYTECODE": "", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
# The plugins such a run loads: of the installed ones only pytest-timeout, which the
# configuration's hang guard needs (not randomly: a stable order; not Hypothesis's
# reporting plugin, which offers patches for failing examples and imports libcst where it
# is installed to write them; not coverage). Of pytest's own, the ones for options these
# runs never give are left out; not debugging, which unittest cases (and so Hypothesis's
# state machines) need.
PLUGINS = (
    *("-p", "pytest_timeout"),
    *("-p", "no:doctest", "-p", "no:junitxml", "-p", "no:pastebin", "-p", "no:stepwise"),
    *("-p", "no:setuponly", "-p", "no:setupplan", "-p", "no:legacypath"),
)


def serve(requests: IO[str], replies: IO[str], run: Callable[[list[str]], int]) -> None:
    """``run`` each request line's pytest arguments; reply with each run's exit status."""
    for line in requests:
        replies.write(f"{run(json.loads(line))}\n")
        replies.flush()


@attrs.define
class Forker:  # pragma: no cover - runs in the server process only
    """Runs ``pytest ARGS`` in a forked child, its output discarded; stops it on SIGTERM."""

    child: int | None = None

    def __call__(self, args: list[str]) -> int:
        """The exit status of one run."""
        self.child = os.fork()
        if self.child == 0:
            _run_pytest(args)
        _, status = os.waitpid(self.child, 0)
        self.child = None
        return os.waitstatus_to_exitcode(status)

    def stop(self, signum: int, frame: object) -> None:
        """SIGTERM: end the run under way at once, then the server."""
        del frame
        if self.child is not None:
            os.kill(self.child, signal.SIGKILL)
            os.waitpid(self.child, 0)
        os._exit(128 + signum)


def _run_pytest(args: list[str]) -> None:  # pragma: no cover - runs in the forked child
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
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


@attrs.define
class Server:
    """One running server: its process, for one repository and one environment."""

    root: Path
    env: dict[str, str]
    process: subprocess.Popen[str]

    @classmethod
    def start(cls, root: Path, env: dict[str, str]) -> Server:
        """Start a server in ``root`` with the environment ``env``."""
        process = subprocess.Popen(
            [sys.executable, "-m", "harness.warm"],
            cwd=root,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        return cls(root, env, process)

    def send(self, args: list[str]) -> bool:
        """Ask for one run; False if the server has gone."""
        stdin = self.process.stdin
        if stdin is None or self.process.poll() is not None:
            return False
        try:
            stdin.write(json.dumps(args) + "\n")
            stdin.flush()
        except OSError:  # a broken pipe: the server ended meanwhile
            return False
        return True

    def run(self, args: list[str]) -> int | None:
        """The exit status of one run; None if the server has gone."""
        if not self.send(args) or self.process.stdout is None:
            return None
        reply = self.process.stdout.readline()
        return int(reply) if reply.strip() else None

    def close(self, *, at_once: bool = False) -> None:
        """End the server: its input closes, and it ends once its current run has.

        ``at_once`` ends the run under way too, as after a Ctrl-C.
        """
        if at_once and self.process.poll() is None:
            self.process.terminate()
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
        if not quiet or not FORKS:
            from harness.runner import in_child  # noqa: PLC0415 - a rare path

            return in_child(args, root, env, quiet=quiet)
        with self._lock:
            for server in self._servers(root, env):
                try:
                    status = server.run(args)
                except BaseException:
                    # Ctrl-C while the run goes on: end it, and the server, whose answer
                    # would otherwise come to the next run.
                    self._drop(at_once=True)
                    raise
                if status is not None:
                    return status
            return CHILD_FAILED

    def start(self, root: Path, env: dict[str, str]) -> None:
        """Start the server for ``root`` now, so that its imports overlap other work."""
        if not FORKS:
            return
        with self._lock:
            self._server_for(root, env)

    def close(self) -> None:
        """End the server, if one runs, once its current run has ended."""
        with self._lock:
            self._drop()

    def _close_at_exit(self) -> None:
        """At exit no run is under way that anything waits for: the server ends at once."""
        with self._lock:
            self._drop(at_once=True)

    def _drop(self, *, at_once: bool = False) -> None:
        if self._server is not None:
            self._server.close(at_once=at_once)
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
            atexit.register(self._close_at_exit)
            self._closes_at_exit = True
        self._server = Server.start(root, env)
        return self._server


@attrs.define
class WarmPool:
    """A ``Launcher`` for runs at once: ``size`` warm pytests, each run on one that is free.

    Each ``WarmPytest`` runs one child at a time; a pool of them lets as many threads run
    as it has servers, each started on its first run.
    """

    size: int
    _free: queue.SimpleQueue[WarmPytest] = attrs.field(init=False, factory=queue.SimpleQueue)
    _all: list[WarmPytest] = attrs.field(init=False, factory=list)

    def __attrs_post_init__(self) -> None:
        if self.size < 1:
            raise ValueError(f"a pool of {self.size} servers: needs at least 1")
        self._all = [WarmPytest() for _ in range(self.size)]
        for launcher in self._all:
            self._free.put(launcher)

    def __call__(self, args: list[str], root: Path, env: dict[str, str], *, quiet: bool) -> int:
        """The exit status of ``pytest ARGS`` in ``root``, on a server no other run uses."""
        launcher = self._free.get()
        try:
            return launcher(args, root, env, quiet=quiet)
        finally:
            self._free.put(launcher)

    def close(self) -> None:
        """End every server, each once its current run has ended."""
        for launcher in self._all:
            launcher.close()


# The process's own warm pytest: ``dojo.launch`` starts it before the commands load, for
# a command that runs tests, and ``dojo.adapters``' runners fork every run from it.
SHARED = WarmPytest()


def main() -> None:  # pragma: no cover - runs in the server process only
    """``python -m harness.warm``: import what runs need, then serve runs until input ends."""
    # Ctrl-C reaches the terminal's whole process group: the run in the child stops on
    # it, as pytest does, and the server carries on until dojo closes its input; SIGTERM
    # (dojo's, after a Ctrl-C) ends the run and the server at once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    forker = Forker()
    signal.signal(signal.SIGTERM, forker.stop)
    for module in WARM_MODULES:
        with contextlib.suppress(ImportError):
            importlib.import_module(module)
    # What is imported now is shared with every child: kept out of the collector's sight,
    # its pages are not copied into each child by the collector's own bookkeeping.
    gc.collect()
    gc.freeze()
    serve(sys.stdin, sys.stdout, forker)


if __name__ == "__main__":
    main()
