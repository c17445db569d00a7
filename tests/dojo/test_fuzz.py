"""Whatever dojo reads, and whatever it is given, it does its job or refuses in one line.

Hypothesis writes ``progress.json``, ``kata.toml``, ``hints.toml`` and a team's run log,
and builds command lines; every command then exits 0, or 1 (tests fail), or 2 with one
line naming the problem, and prints no control character.
"""

from __future__ import annotations

import json
import os
import re
import threading
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dojo import cli
from dojo.progress import KataProgress, ProgressStore
from harness.results import FAILED, PASSED, Outcome, RunResults
from tests.dojo.strategies import (
    HINTS_TOML,
    KATA_TOML,
    command_lines,
    kata_record,
    progress_files,
    run_logs,
)
from tests.dojo.support import Dojo, FakeSuite
from tests.harness.toy import ToyRepo

if TYPE_CHECKING:
    from pathlib import Path

    from tests.dojo.support import Ran

# Each example rewrites the one file under test, so one toy repository serves them all.
FUZZ = settings(
    max_examples=int(os.environ.get("DOJO_FUZZ_EXAMPLES", "40")),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ONE, TWO = "tests/toy/test_step1_double.py::test_doubles_three", "tests/toy/test_step2_greet.py::t"


def stopped() -> threading.Event:
    """A stop event already set: live commands draw once and return."""
    stop = threading.Event()
    stop.set()
    return stop


def tools(command: list[str], cwd: Path) -> str:
    """Neither mypy nor ruff finds anything."""
    del cwd
    return "[]" if "ruff" in command else ""


def dojo(toy: ToyRepo) -> Dojo:
    results = RunResults((Outcome(ONE, 1, PASSED), Outcome(TWO, 2, FAILED, "[/x]\x1b[2J")), ())
    return Dojo(toy.root, suite=FakeSuite([(1, results)]), tools=tools)


def assert_did_its_job_or_refused(ran: Ran) -> None:
    assert ran.status in (0, 1, 2), ran
    errors = ran.err.splitlines()
    if ran.status == 2:
        assert len([line for line in errors if line.startswith("dojo: error: ")]) == 1, ran
    assert all(line.startswith(("dojo: error: ", "dojo: warning: ")) for line in errors), ran
    assert not CONTROL.search(ran.out + ran.err), ran


@pytest.fixture
def fuzzed(tmp_path: Path) -> ToyRepo:
    return ToyRepo.create(tmp_path / "repo").committed()


READERS = [
    ("list",),
    ("progress",),
    ("hint", "toy"),
    ("hint", "toy", "--step", "2"),
    ("test", "toy"),
    ("show", "toy", "--step", "1"),
]


@FUZZ
@given(text=progress_files())
def test_any_progress_file(fuzzed: ToyRepo, text: str) -> None:
    path = fuzzed.root / ".dojo" / "progress.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
    run = dojo(fuzzed)

    for argv in READERS:
        assert_did_its_job_or_refused(run(*argv, stop=stopped()))

    assert json.loads(path.read_text())["version"] == 1


@FUZZ
@given(record=kata_record())
def test_a_corrupt_record_costs_no_other_katas_progress(tmp_path: Path, record: object) -> None:
    path, kept_aside = tmp_path / "progress.json", tmp_path / "progress.json.corrupt"
    kept_aside.unlink(missing_ok=True)
    other = {"steps": {"1": [2, 3]}, "hints": {"1": 1}, "last_run": "2026-03-02T08:00:00+00:00"}
    path.write_text(json.dumps({"version": 1, "katas": {"toy": record, "other": other}}))
    warnings: list[str] = []
    store = ProgressStore(path, warnings.append)

    kept = store.of("other")
    store.of("toy").hints[1] = 1
    store.save()

    assert kept == KataProgress.from_json(other)
    assert len(warnings) <= 1
    assert json.loads(path.read_text())["katas"]["other"] == other
    assert kept_aside.exists() == bool(warnings)


@FUZZ
@given(text=KATA_TOML)
def test_any_kata_toml(fuzzed: ToyRepo, text: str) -> None:
    (fuzzed.root / "katas" / "toy" / "kata.toml").write_text(text)
    run = dojo(fuzzed)

    for argv in READERS:
        assert_did_its_job_or_refused(run(*argv, stop=stopped()))


@FUZZ
@given(text=HINTS_TOML, step=st.sampled_from([(), ("--step", "1"), ("--step", "2")]))
def test_any_hints_toml(fuzzed: ToyRepo, text: str, step: tuple[str, ...]) -> None:
    (fuzzed.root / "katas" / "toy" / "hints.toml").write_text(text)

    assert_did_its_job_or_refused(dojo(fuzzed)("hint", "toy", *step))


@FUZZ
@given(text=run_logs())
def test_any_run_log(fuzzed: ToyRepo, text: str) -> None:
    log = fuzzed.root / "workspaces" / "red" / "runs.jsonl"
    if not log.parent.exists():
        assert dojo(fuzzed)("team", "new", "red", "--kata", "toy").status == 0
    log.write_text(text)

    assert_did_its_job_or_refused(dojo(fuzzed)("board", stop=stopped()))


@settings(FUZZ, max_examples=150)
@given(argv=command_lines(cli.registry().names))
def test_any_command_line(fuzzed: ToyRepo, argv: list[str]) -> None:
    ran, help_status = invoke(fuzzed, argv)

    if ran is None:
        assert help_status == 0
        assert any(arg.startswith(("-h", "--h")) for arg in argv)
    else:
        assert_did_its_job_or_refused(ran)


def invoke(toy: ToyRepo, argv: list[str]) -> tuple[Ran | None, object]:
    """What ``dojo ARGV`` printed, or the status it exited with after printing its help."""
    try:
        return dojo(toy)(*argv, stop=stopped()), None
    except SystemExit as exit_info:
        return None, exit_info.code
