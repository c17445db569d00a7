"""The real ``Verifier``: the plan run in child interpreters, their reports relayed as they come.

Children, because every implementation defines the same package names and a process can
import a package only once; two of them on a machine with two cores or more, each with
half of every check's cases, so a run takes half the time (the results are merged as one
run would have made them). What the learner's code prints is kept aside and shown only
if a child dies without saying why.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

import dojo
from dojo.errors import ToolError
from dojo.text import one_line
from dojo.verify.plan import Outcome, Report
from dojo.verify.results import CheckResult

if TYPE_CHECKING:
    from collections.abc import Callable

    from dojo.verify.plan import Plan

HOME = Path(dojo.__file__).resolve().parent.parent
JOBS = max(1, min(2, os.cpu_count() or 1))
# How long a child may take to clean up after Ctrl-C (it removes its scratch trees).
STOP_TIMEOUT = 10.0
OUTPUT_SHOWN = 300
CHUNK = 1 << 16


@attrs.define
class _Child:
    """One child interpreter: its process, the pipe it reports on, what it said so far."""

    process: subprocess.Popen[bytes]
    reader: int
    output: Path
    pending: bytes = b""
    done: dict[str, int] = attrs.field(factory=dict)
    results: list[CheckResult] = attrs.field(factory=list)
    broken: str = ""


def run_in_child(
    plan: Plan, root: Path, listen: Callable[[Report], None], jobs: int = JOBS
) -> Outcome:
    """Run ``plan`` in up to ``jobs`` children; every report goes to ``listen``."""
    with tempfile.TemporaryDirectory(prefix="dojo-verify-") as scratch:
        children: list[_Child] = []
        try:
            for number, part in enumerate(plan.split(jobs)):
                children.append(_start(part, root, Path(scratch) / str(number)))
            _relay(children, listen)
            statuses = [child.process.wait() for child in children]
        except BaseException:
            for child in children:
                _stop(child.process)
            raise
        for child, status in zip(children, statuses, strict=True):
            if status != 0 and not child.broken:
                text = child.output.read_text(encoding="utf-8", errors="replace")
                said = one_line(text)[-OUTPUT_SHOWN:]
                raise ToolError(f"the verifier's child process ended with status {status}: {said}")
        broken = next((child.broken for child in children if child.broken), "")
        if broken:
            return Outcome((), broken)
        return Outcome(_merged(plan, children))


def _start(plan: Plan, root: Path, folder: Path) -> _Child:
    folder.mkdir()
    plan_file, output = folder / "plan.json", folder / "output.txt"
    plan_file.write_text(json.dumps(plan.to_json()), encoding="utf-8")
    reader, writer = os.pipe()
    try:
        with output.open("wb") as printed:
            process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                [sys.executable, "-m", "dojo.verify.child", str(plan_file), str(writer)],
                cwd=root,
                env=_child_env(),
                pass_fds=(writer,),
                stdin=subprocess.DEVNULL,
                stdout=printed,
                stderr=subprocess.STDOUT,
            )
    except OSError as error:
        os.close(reader)
        raise ToolError(
            f"dojo verify could not start its child interpreter {sys.executable}:"
            f" {error.strerror or error}"
        ) from None
    finally:
        os.close(writer)
    return _Child(process, reader, output)


def _relay(children: list[_Child], listen: Callable[[Report], None]) -> None:
    """Read every child's reports until all pipes close; progress is summed over children."""
    with selectors.DefaultSelector() as waiting:
        for child in children:
            waiting.register(child.reader, selectors.EVENT_READ, child)
        try:
            while waiting.get_map():
                for key, _ in waiting.select():
                    child = key.data
                    data = os.read(child.reader, CHUNK)
                    if not data:
                        waiting.unregister(child.reader)
                        os.close(child.reader)
                        continue
                    *lines, child.pending = (child.pending + data).split(b"\n")
                    for line in lines:
                        _heard(children, child, Report.from_json(json.loads(line)), listen)
        finally:
            for key in list(waiting.get_map().values()):
                os.close(key.fd)


def _heard(
    children: list[_Child], child: _Child, report: Report, listen: Callable[[Report], None]
) -> None:
    if report.kind == "failed":
        raise ToolError(report.message)
    if report.kind == "broken":
        child.broken = child.broken or report.message
    elif report.result is not None:
        child.results.append(report.result)
    else:
        child.done[report.check] = report.done
        done = sum(each.done.get(report.check, 0) for each in children)
        listen(attrs.evolve(report, done=done))
        return
    listen(report)


def _merged(plan: Plan, children: list[_Child]) -> tuple[CheckResult, ...]:
    """One result per check of the plan, in its order, from every child's part."""
    parts: dict[str, list[CheckResult]] = {}
    for child in children:
        for result in child.results:
            parts.setdefault(result.name, []).append(result)
    return tuple(CheckResult.merged(parts[item.name]) for item in plan.checks if item.name in parts)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Ask a child to stop as Ctrl-C would (it cleans up), then make sure it has."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _child_env() -> dict[str, str]:
    """This checkout's ``dojo`` first on the child's path, whatever is installed."""
    path = os.pathsep.join(filter(None, (str(HOME), os.environ.get("PYTHONPATH"))))
    return {**os.environ, "PYTHONPATH": path}
