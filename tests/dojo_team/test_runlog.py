"""The run log: one JSON line per run, readable after a crash cut the last one."""

import json
import os
from pathlib import Path

import pytest

from dojo.team import runlog
from dojo.team.runlog import MAX_RECORD, Light, RecordError, RunLog, RunRecord
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


GOOD = {"time": START.isoformat(), "kata": "toy", "steps": [[1, 1, 2]], "light": "red"}


def _line(**changes: object) -> str:
    return json.dumps(GOOD | changes)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        pytest.param('{"time": 1e999}', "no kata", id="1e999 time"),
        pytest.param(_line(steps=[[1, 1e999, 2]]), "passed inf", id="1e999 count"),
        pytest.param(_line(steps=[[1, True, 2]]), "passed True", id="a boolean count"),
        pytest.param(_line(steps=[[1, -1, 2]]), "passed -1", id="a negative count"),
        pytest.param(_line(steps=[[1, 3, 2]]), "passes more than it runs", id="passed over total"),
        pytest.param(_line(steps=[[2, 0, 1], [1, 0, 1]]), "out of order", id="steps out of order"),
        pytest.param(_line(steps=[[1, 0, 1]] * 2), "out of order", id="a step twice"),
        pytest.param(_line(steps=[[0, 0, 1]] * 51), "at most 50", id="too many steps"),
        pytest.param(_line(kata="../../etc"), "not a kata's name", id="a kata path"),
        pytest.param(_line(kata="[/x]\x1b]0;x\x07"), "not a kata's name", id="kata markup"),
        pytest.param(_line(time="0001-01-01T00:00:00+23:59"), "out of range", id="time overflow"),
        pytest.param(
            _line(time="2026-03-02T08:00:00+00:00" + " " * 40), "ISO 8601", id="long time"
        ),
        pytest.param(_line(light=None), "light None", id="no light"),
        pytest.param(json.dumps({"kata": "toy"}), "no time, steps, light", id="missing fields"),
        pytest.param("[" * 100_000 + "]" * 100_000, "more than a record's", id="deep nesting"),
        pytest.param("[" * 5000 + "]" * 5000, "not JSON", id="nesting under the size limit"),
        pytest.param(json.dumps([GOOD]), "not list", id="a list"),
        pytest.param("\xff\xfe garbage", "not JSON", id="not utf-8"),
    ],
)
def test_a_hostile_line_is_one_warning_and_the_good_lines_still_show(
    tmp_path: Path, line: str, reason: str
) -> None:
    warnings = Warnings()
    log = RunLog(tmp_path / "runs.jsonl", warnings, "red")
    log.path.write_bytes(line.encode("utf-8", errors="surrogateescape") + b"\n")
    log.append(record(Light.GREEN))

    assert log.read() == [record(Light.GREEN)]
    assert len(warnings.seen) == 1
    assert warnings.seen[0].startswith(f"team red: {log.path}: skipped line 1, not a run record")
    assert reason in warnings.seen[0]
    assert len(warnings.seen[0]) < 400


def test_a_record_reads_back_from_its_line_as_text_or_bytes() -> None:
    run = record(Light.RED, (1, 2), (0, 3))

    assert RunRecord.parse(run.to_line()) == run
    assert RunRecord.parse(run.to_line().encode()) == run
    assert run.tests == (1, 5)


def test_a_record_longer_than_the_limit_is_refused_before_it_is_parsed() -> None:
    with pytest.raises(RecordError, match=f"more than a record's {MAX_RECORD}"):
        RunRecord.parse(_line(kata="toy" + " " * MAX_RECORD))


@pytest.mark.parametrize("kind", ["folder", "pipe", "device"])
def test_a_log_that_is_not_a_file_is_one_warning_and_no_runs(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "runs.jsonl"
    if kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    warnings = Warnings()

    assert RunLog(path, warnings, "red").read() == []
    assert warnings.seen == [f"team red: {path}: is not a file; no runs shown"]


def test_a_log_that_cannot_be_read_is_one_warning(tmp_path: Path) -> None:
    path = tmp_path / "runs.jsonl"
    path.symlink_to(path)
    warnings = Warnings()

    assert RunLog(path, warnings).read() == []
    assert len(warnings.seen) == 1
    assert "cannot read it (Too many levels of symbolic links)" in warnings.seen[0]


def test_of_a_log_over_the_limit_the_last_runs_are_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings = Warnings()
    log = RunLog(tmp_path / "runs.jsonl", warnings, "red")
    runs = [record(light) for light in (Light.RED, Light.AMBER, Light.GREEN)]
    for run in runs:
        log.append(run)
    monkeypatch.setattr(runlog, "MAX_LOG", len(runs[-1].to_line()) + 10)

    assert log.read() == runs[-1:]
    assert warnings.seen == [
        f"team red: {log.path}: is over {runlog.MAX_LOG} bytes; only its last runs are shown"
    ]
