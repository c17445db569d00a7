"""The real ``Verifier``: the plan run in a child interpreter, its events relayed as they come.

A child, because every implementation defines the same package names and a process can
import a package only once; its standard output (whatever the learner's code prints) is
kept aside and shown only if the child dies without saying why.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import dojo
from dojo.errors import ToolError
from dojo.text import one_line
from dojo.verify.plan import Outcome, Report

if TYPE_CHECKING:
    from collections.abc import Callable

    from dojo.verify.plan import Plan
    from dojo.verify.results import CheckResult

HOME = Path(dojo.__file__).resolve().parent.parent
# How long a child may take to clean up after Ctrl-C (it removes its scratch trees).
STOP_TIMEOUT = 10.0
OUTPUT_SHOWN = 300


def run_in_child(plan: Plan, root: Path, listen: Callable[[Report], None]) -> Outcome:
    """Run ``plan`` in ``python -m dojo.verify.child``; every event goes to ``listen``."""
    with tempfile.TemporaryDirectory(prefix="dojo-verify-") as scratch:
        plan_file, output = Path(scratch) / "plan.json", Path(scratch) / "output.txt"
        plan_file.write_text(json.dumps(plan.to_json()), encoding="utf-8")
        reader, writer = os.pipe()
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
        os.close(writer)
        try:
            results, broken = _relay(reader, listen)
            status = process.wait()
        except BaseException:
            _stop(process)
            raise
        if status != 0 and not broken:
            said = one_line(output.read_text(encoding="utf-8", errors="replace"))[-OUTPUT_SHOWN:]
            raise ToolError(f"the verifier's child process ended with status {status}: {said}")
        return Outcome(tuple(results), broken)


def _relay(reader: int, listen: Callable[[Report], None]) -> tuple[list[CheckResult], str]:
    results: list[CheckResult] = []
    broken = ""
    with os.fdopen(reader, encoding="utf-8") as events:
        for line in events:
            event = Report.from_json(json.loads(line))
            listen(event)
            if event.kind == "failed":
                raise ToolError(event.message)
            if event.kind == "broken":
                broken = event.message
            elif event.result is not None:
                results.append(event.result)
    return results, broken


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Ask the child to stop as Ctrl-C would (it cleans up), then make sure it has."""
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
