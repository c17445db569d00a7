"""The run log: one JSON line per run, readable after a crash cut the last one."""

import json
from pathlib import Path

import pytest

from dojo.team.runlog import Light, RunLog, RunRecord
from harness.results import StepResult
from tests.dojo_team.support import START, Warnings, record, results


def test_a_run_where_every_selected_test_passes_is_green() -> None:
    run = RunRecord.of("toy", results((2, 2), (1, 1)), 2, START)

    assert run.light is Light.GREEN
    assert run.steps == (StepResult(1, 2, 2), StepResult(2, 1, 1))
    assert run.current_step == 2


def test_a_run_with_a_failure_is_red_and_sits_on_the_first_unfinished_step() -> None:
    run = RunRecord.of("toy", results((2, 2), (0, 3), (1, 1)), 3, START)

    assert run.light is Light.RED
    assert run.current_step == 2


def test_code_that_does_not_import_is_amber() -> None:
    run = RunRecord.of("toy", results(broken=True), 2, START)

    assert run.light is Light.AMBER
    assert run.steps == (StepResult(1, 0, 0), StepResult(2, 0, 0))
    assert run.current_step == 1


def test_a_step_with_no_tests_run_is_not_green() -> None:
    assert RunRecord.of("toy", results((1, 1)), 2, START).light is Light.RED


def test_records_read_back_as_written_oldest_first(tmp_path: Path) -> None:
    log = RunLog(tmp_path / "red" / "runs.jsonl", Warnings())
    first, second = record(Light.AMBER), record(Light.GREEN, (3, 3), (2, 2))

    log.append(first)
    log.append(second)

    assert log.read() == [first, second]
    assert len(log.path.read_text().splitlines()) == 2


def test_a_missing_log_has_no_runs(tmp_path: Path) -> None:
    assert RunLog(tmp_path / "runs.jsonl", Warnings()).read() == []


def test_a_truncated_last_line_is_skipped_with_a_warning(tmp_path: Path) -> None:
    warnings = Warnings()
    log = RunLog(tmp_path / "runs.jsonl", warnings)
    log.append(record(Light.RED))
    log.append(record(Light.GREEN))
    text = log.path.read_text()
    log.path.write_text(text[: len(text) - 9])

    assert log.read() == [record(Light.RED)]
    assert warnings.seen == [f"{log.path}: skipped the truncated last record (line 2)"]


def test_a_run_appended_after_a_cut_record_starts_a_line_of_its_own(tmp_path: Path) -> None:
    warnings = Warnings()
    log = RunLog(tmp_path / "runs.jsonl", warnings)
    log.path.write_text('{"time": "2026-11-28T09:0')

    log.append(record(Light.GREEN))

    assert log.read() == [record(Light.GREEN)]
    assert len(warnings.seen) == 1
    assert "skipped line 1, not a run record" in warnings.seen[0]


@pytest.mark.parametrize(
    "line",
    [
        "not json",
        "[]",
        json.dumps({"time": "2026-11-28T09:00:00", "kata": "k", "steps": [], "light": "red"}),
        json.dumps({"time": START.isoformat(), "kata": 3, "steps": [], "light": "red"}),
        json.dumps({"time": START.isoformat(), "kata": "k", "steps": [[1, 2]], "light": "red"}),
        json.dumps({"time": START.isoformat(), "kata": "k", "steps": [], "light": "blue"}),
    ],
)
def test_a_line_that_is_not_a_record_is_skipped_and_named(tmp_path: Path, line: str) -> None:
    warnings = Warnings()
    log = RunLog(tmp_path / "runs.jsonl", warnings)
    log.path.write_text(line + "\n")
    log.append(record(Light.GREEN))

    assert log.read() == [record(Light.GREEN)]
    assert len(warnings.seen) == 1
    assert warnings.seen[0].startswith(f"{log.path}: skipped line 1, not a run record (")


def test_each_record_is_one_write_then_an_fsync(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os  # noqa: PLC0415 - patched below, so looked up here for clarity

    calls: list[str] = []
    real_write, real_fsync = os.write, os.fsync

    def write(descriptor: int, data: bytes) -> int:
        calls.append("write")
        return real_write(descriptor, data)

    def fsync(descriptor: int) -> None:
        calls.append("fsync")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(os, "fsync", fsync)

    RunLog(tmp_path / "runs.jsonl", Warnings()).append(record())

    assert calls == ["write", "fsync"]


def test_a_short_write_is_an_error_not_a_silent_half_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os  # noqa: PLC0415 - patched below

    monkeypatch.setattr(os, "write", lambda _fd, _data: 3)

    with pytest.raises(OSError, match="wrote 3 of"):
        RunLog(tmp_path / "runs.jsonl", Warnings()).append(record())
