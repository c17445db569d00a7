"""The child interpreter and its parent: reports, results, and every way a child can stop."""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING

import pytest

from dojo.errors import ToolError
from dojo.verify import child
from dojo.verify.plan import Plan, Planned, Report
from dojo.verify.runner import run_in_child
from tests.dojo_verify.support import REPO

if TYPE_CHECKING:
    from pathlib import Path

ORACLES = "tests.dojo_verify.toy_oracles"
RIGHT = "def double(number):\n    return number * 2\n"


def ignore(report: Report) -> None:
    """A listener that needs no report."""
    del report


def toy(folder: Path, source: str) -> str:
    """A folder holding a ``toy`` package whose ``__init__.py`` is ``source``."""
    (folder / "toy").mkdir(parents=True)
    (folder / "toy" / "__init__.py").write_text(source, encoding="utf-8")
    return str(folder)


def plan(folder: str, *checks: Planned) -> Plan:
    return Plan("toy", folder, 11, checks or (Planned("double", 0, 40),), package=ORACLES)


def test_the_child_reports_progress_then_each_result(tmp_path: Path) -> None:
    heard: list[Report] = []

    outcome = run_in_child(plan(toy(tmp_path, RIGHT)), REPO, heard.append)

    assert outcome.broken == ""
    [result] = outcome.results
    assert (result.name, result.cases, result.agrees) == ("double", 40, True)
    progress = [report for report in heard if report.kind == "progress"]
    assert progress[0].done == 0
    assert progress[-1].done == 40
    assert heard[-1].kind == "result"


def test_a_wrong_implementation_comes_back_shrunk(tmp_path: Path) -> None:
    wrong = "def double(number):\n    return number * 2 + (number > 20)\n"

    outcome = run_in_child(plan(toy(tmp_path, wrong)), REPO, ignore)

    [found] = outcome.results[0].disagreements
    assert (found.case, found.real, found.theirs) == ("double(21)", "42", "43")


@pytest.mark.parametrize(
    ("source", "said"),
    [
        pytest.param(
            "def double(:\n",
            "toy does not import: SyntaxError: invalid syntax (at toy/__init__.py:1)",
            id="syntax error",
        ),
        pytest.param(
            "raise RuntimeError('not today')\n",
            "toy does not import: RuntimeError: not today (at toy/__init__.py:1, in <module>)",
            id="raises on import",
        ),
    ],
)
def test_code_that_does_not_import_is_one_line_saying_where(
    tmp_path: Path, source: str, said: str
) -> None:
    outcome = run_in_child(plan(toy(tmp_path, source)), REPO, ignore)

    assert outcome.results == ()
    assert outcome.broken == said


def test_a_real_thing_that_fails_is_a_tool_error_in_one_line(tmp_path: Path) -> None:
    folder = toy(tmp_path, RIGHT)

    with pytest.raises(ToolError, match=r"^the broken check failed: RuntimeError: no real answer"):
        run_in_child(plan(folder, Planned("broken", 0, 3)), REPO, ignore)


def test_an_interpreter_that_cannot_start_is_a_tool_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = toy(tmp_path, RIGHT)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))

    with pytest.raises(ToolError) as refused:
        run_in_child(plan(folder), REPO, ignore)

    assert str(refused.value) == (
        f"dojo verify could not start its child interpreter {tmp_path}/no-such-python:"
        " No such file or directory"
    )


def test_ctrl_c_in_the_child_ends_it_quietly_with_status_130(tmp_path: Path) -> None:
    plan_file = tmp_path / "plan.json"
    stopped = Plan("interrupting", str(tmp_path), 1, (Planned("stop", 0, 5),), package=ORACLES)
    plan_file.write_text(json.dumps(stopped.to_json()), encoding="utf-8")
    reader, writer = os.pipe()

    status = child.main([str(plan_file), str(writer)])

    with os.fdopen(reader, encoding="utf-8") as events:
        said = [json.loads(line)["kind"] for line in events]
    assert status == 130
    assert said == ["progress"]
