"""The pytest plugin that records each test's outcome as JSON (``--results-json``)."""

from __future__ import annotations

import functools
import json
import linecache
import os
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest

from harness.results import ERROR, FAILED, PASSED, SKIPPED, Outcome

if TYPE_CHECKING:
    from collections.abc import Callable, Generator
    from types import TracebackType

    from _pytest._code.code import TracebackStyle


@attrs.frozen
class Crash:
    """What a failure says, read from the exception itself rather than a formatted traceback.

    ``message`` is the exception's last line (an assertion with pytest's explanation);
    ``where`` the deepest place in the implementation the traceback passed; ``code`` the
    line that failed: the test's own line, or the learner's line that does not compile.
    """

    message: str
    where: str = ""
    code: str = ""

    @classmethod
    def of(cls, excinfo: pytest.ExceptionInfo[BaseException], impl: Path, tests: Path) -> Crash:
        """Read a test's failure."""
        frames = _frames(excinfo.tb)
        return cls(excinfo.exconly(tryshort=True), _deepest(frames, impl), _line(frames, tests))

    @classmethod
    def of_import(cls, error: BaseException, impl: Path) -> Crash:
        """Read the error that kept a test module from importing the implementation."""
        if isinstance(error, SyntaxError) and error.filename:
            place = [(error.filename, error.lineno or 0)]
            code = (error.text or "").strip()
            return cls(f"{type(error).__name__}: {error.msg}", _deepest(place, impl), code)
        message = traceback.format_exception_only(type(error), error)[-1].strip()
        return cls(message, _deepest(_frames(error.__traceback__), impl))


def _frames(tb: TracebackType | None) -> list[tuple[str, int]]:
    """Each frame's file and line, outermost first: no source is read."""
    frames = []
    while tb is not None:
        frames.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno))
        tb = tb.tb_next
    return frames


@functools.cache
def _real(filename: str) -> str:
    """The resolved path of a frame's file, once per file: tracebacks repeat their files."""
    return os.path.realpath(filename)


def _inside(filename: str, folder: Path) -> bool:
    return _real(filename).startswith(f"{_real(str(folder))}{os.sep}")


def _shown(filename: str) -> str:
    """A path relative to the folder pytest runs in, as pytest shows it."""
    relative = os.path.relpath(_real(filename), _real(str(Path.cwd())))
    return _real(filename) if relative.startswith("..") else relative


def _deepest(frames: list[tuple[str, int]], impl: Path) -> str:
    inside = [(name, line) for name, line in frames if _inside(name, impl)]
    return f"{_shown(inside[-1][0])}:{inside[-1][1]}" if inside else ""


def _line(frames: list[tuple[str, int]], tests: Path) -> str:
    inside = [(name, line) for name, line in frames if _inside(name, tests)]
    return linecache.getline(inside[-1][0], inside[-1][1]).strip() if inside else ""


def _brief(
    excinfo: pytest.ExceptionInfo[BaseException], style: TracebackStyle | None = None
) -> str:
    """The failure in one line: what ``--tb=no`` runs keep instead of a formatted traceback."""
    del style
    return excinfo.exconly(tryshort=True)


class ResultRecorder:
    """A pytest plugin that records outcomes and writes them when the session ends.

    With ``--tb=no`` nothing shows a traceback, so none is formatted: each test's failure
    is read from its exception (``Crash``), which costs a fraction of pytest's formatting
    of the source around every frame.
    """

    def __init__(
        self,
        path: Path,
        impl: Path,
        step_of: Callable[[pytest.Item], int | None],
        quotes_of: Callable[[pytest.Item], tuple[str, ...]] = lambda _item: (),
    ) -> None:
        self._path = path
        self._impl = impl
        self._step_of = step_of
        self._quotes_of = quotes_of
        self._steps: dict[str, int | None] = {}
        self._quotes: dict[str, tuple[str, ...]] = {}
        self._crashes: dict[tuple[str, str], Crash] = {}
        self._outcomes: dict[str, Outcome] = {}
        self._errors: list[Outcome] = []

    def pytest_collection_modifyitems(
        self, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        """Remember each test's step and quotes while the items are at hand."""
        self._steps = {item.nodeid: self._step_of(item) for item in items}
        self._quotes = {item.nodeid: self._quotes_of(item) for item in items}
        if config.getoption("tbstyle") == "no":
            for item in items:
                # The failure of a test's call, the common case; see the class docstring.
                item.repr_failure = _brief  # type: ignore[method-assign]

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        """Read a failure from its exception before the report is made."""
        if call.excinfo is not None:
            tests = item.config.rootpath / "tests"
            self._crashes[item.nodeid, call.when] = Crash.of(call.excinfo, self._impl, tests)
        return (yield)

    def pytest_exception_interact(
        self, node: pytest.Item | pytest.Collector, call: pytest.CallInfo[Any]
    ) -> None:
        """A test module that failed to import: read the error behind pytest's message."""
        error = call.excinfo.value if call.excinfo is not None else None
        if isinstance(node, pytest.Collector) and error is not None:
            self._crashes[node.nodeid, "collect"] = Crash.of_import(
                error.__cause__ or error, self._impl
            )

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        """A module that cannot be imported is the implementation failing to load."""
        if report.failed:
            crash = self._crashes.get((report.nodeid, "collect")) or Crash(
                (report.longreprtext.strip().splitlines() or [""])[-1].removeprefix("E").strip()
            )
            self._errors.append(
                Outcome(report.nodeid, None, ERROR, crash.message, crash.where, code=crash.code)
            )

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Keep the worst outcome of the three phases."""
        previous = self._outcomes.get(report.nodeid)
        if previous is not None and previous.outcome != PASSED:
            return
        step, quotes = self._steps.get(report.nodeid), self._quotes.get(report.nodeid, ())
        if report.failed:
            crash = self._crashes.get((report.nodeid, report.when)) or Crash(report.longreprtext)
            outcome = Outcome(
                report.nodeid, step, FAILED, crash.message, crash.where, quotes, crash.code
            )
        elif report.skipped:
            outcome = Outcome(report.nodeid, step, SKIPPED, _skip_reason(report), quotes=quotes)
        elif report.when == "call":
            outcome = Outcome(report.nodeid, step, PASSED, quotes=quotes)
        else:
            return
        self._outcomes[report.nodeid] = outcome

    def pytest_sessionfinish(self) -> None:
        """Write everything recorded."""
        self._path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "outcomes": [outcome.to_json() for outcome in self._outcomes.values()],
            "collection_errors": [error.to_json() for error in self._errors],
        }
        self._path.write_text(json.dumps(payload, indent=1), encoding="utf-8")


def _skip_reason(report: pytest.TestReport) -> str:
    """Why a test was skipped, as ``pytest.skip`` said it (without pytest's ``Skipped:``)."""
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return reason.removeprefix("Skipped: ")
