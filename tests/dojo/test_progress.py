"""The progress file: atomic writes, reads without side effects, corrupt records set aside."""

import json
from pathlib import Path

import pytest

from dojo.progress import KataProgress, ProgressStore
from harness.catalog import Kata, Step
from tests.support import START

KATA = Kata(
    "toy", "Toy", "t", "beginner", ("Strategy",), ("SRP",), (Step(1, "A", 5), Step(2, "B", 5))
)


def store(path: Path, warnings: list[str]) -> ProgressStore:
    return ProgressStore(path, warnings.append)


def test_progress_survives_a_save_and_a_fresh_load(tmp_path: Path) -> None:
    warnings: list[str] = []
    first = store(tmp_path / "progress.json", warnings)
    record = first.of("toy")
    record.steps[1] = (2, 3)
    record.hints[1] = 1
    record.last_run = START
    first.save()

    again = store(tmp_path / "progress.json", warnings).of("toy")

    assert again == KataProgress({1: (2, 3)}, {1: 1}, START)
    assert [path.name for path in tmp_path.iterdir()] == ["progress.json"]


def test_a_missing_file_is_no_progress_and_reading_does_not_create_it(tmp_path: Path) -> None:
    warnings: list[str] = []
    path = tmp_path / ".dojo" / "progress.json"

    record = store(path, warnings).of("toy")

    assert record == KataProgress()
    assert warnings == []
    assert not path.parent.exists()


def _kata(record: str) -> str:
    return '{"version": 1, "katas": {"toy": ' + record + "}}"


CORRUPT = [
    pytest.param("{not json", "JSONDecodeError", id="not JSON"),
    pytest.param("[" * 100_000 + "]" * 100_000, "RecursionError", id="nested too deep"),
    pytest.param('{"version": 2, "katas": {}}', "version 2", id="another version"),
    pytest.param("[]", "version None", id="a list"),
    pytest.param('{"version": 1}', "no 'katas' table", id="no katas"),
    pytest.param(
        _kata('{"steps": {"1": [1]}, "hints": {}, "last_run": ""}'),
        "[passed, total]",
        id="a step count of one number",
    ),
    pytest.param(
        _kata('{"steps": {}, "hints": {"1": -1}, "last_run": ""}'),
        "-1 is not a count",
        id="a negative hint count",
    ),
    pytest.param(
        _kata('{"steps": {}, "hints": {"1": true}, "last_run": ""}'),
        "True is not a count",
        id="a hint count that is a boolean",
    ),
    pytest.param(
        _kata('{"steps": {}, "hints": {}, "last_run": 3}'),
        "last_run 3 is not text",
        id="a last run that is a number",
    ),
    pytest.param(_kata("[]"), "toy: TypeError", id="a kata that is a list"),
    pytest.param(
        _kata('{"steps": [], "hints": {}, "last_run": ""}'),
        "toy: AttributeError",
        id="steps that are a list",
    ),
    pytest.param(
        _kata('{"steps": {"x": [1, 1]}, "hints": {}, "last_run": ""}'),
        "toy: ValueError",
        id="a step that is not a number",
    ),
]


@pytest.mark.parametrize(("text", "reason"), CORRUPT)
def test_a_corrupt_file_is_read_as_no_progress_with_one_warning(
    tmp_path: Path, text: str, reason: str
) -> None:
    path = tmp_path / "progress.json"
    path.write_text(text)
    warnings: list[str] = []

    record = store(path, warnings).of("toy")

    assert record == KataProgress()
    assert len(warnings) == 1
    assert reason in warnings[0]
    assert "\n" not in warnings[0]
    assert len(warnings[0]) < 400
    assert warnings[0].endswith("the next save keeps the old file as progress.json.corrupt")
    assert path.read_text() == text


@pytest.mark.parametrize(("text", "reason"), CORRUPT[:3])
def test_the_next_save_sets_a_corrupt_file_aside_before_writing(
    tmp_path: Path, text: str, reason: str
) -> None:
    path = tmp_path / "progress.json"
    path.write_text(text)
    progress = store(path, [])
    progress.of("toy").hints[1] = 1

    progress.save()

    assert reason
    assert (tmp_path / "progress.json.corrupt").read_text() == text
    assert json.loads(path.read_text())["katas"] == {
        "toy": {"steps": {}, "hints": {"1": 1}, "last_run": ""}
    }


def test_one_corrupt_kata_leaves_the_other_katas_progress(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    good = {"steps": {"1": [2, 2]}, "hints": {"1": 1}, "last_run": "2026-03-02T08:00:00+00:00"}
    path.write_text(json.dumps({"version": 1, "katas": {"toy": good, "other": {"steps": 1}}}))
    warnings: list[str] = []
    progress = store(path, warnings)

    kept, lost = progress.of("toy"), progress.of("other")
    progress.save()

    assert kept == KataProgress({1: (2, 2)}, {1: 1}, START)
    assert lost == KataProgress()
    assert "other: " in warnings[0]
    assert "the other katas' progress is kept" in warnings[0]
    assert json.loads(path.read_text())["katas"] == {"toy": good}
    assert "other" in (tmp_path / "progress.json.corrupt").read_text()


def test_a_file_that_cannot_be_decoded_is_corrupt_too(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    path.write_bytes(b"\xff\xfe{")
    warnings: list[str] = []

    assert store(path, warnings).of("toy") == KataProgress()
    assert "UnicodeDecodeError" in warnings[0]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "progress.json"
    progress = store(path, [])
    progress.of("toy").hints[1] = 1
    progress.save()

    def broken_disk(descriptor: int) -> None:
        raise OSError(f"disk full writing {descriptor}")

    monkeypatch.setattr("dojo.files.os.fsync", broken_disk)
    progress.of("toy").hints[1] = 2
    with pytest.raises(OSError, match="disk full"):
        progress.save()

    assert [item.name for item in tmp_path.iterdir()] == ["progress.json"]
    assert json.loads(path.read_text())["katas"]["toy"]["hints"] == {"1": 1}


def test_forget_drops_one_kata(tmp_path: Path) -> None:
    progress = store(tmp_path / "progress.json", [])
    progress.of("toy").hints[1] = 1
    progress.of("other").hints[1] = 1

    progress.forget("toy")

    assert set(json.loads((tmp_path / "progress.json").read_text())["katas"]) == {"other"}


@pytest.mark.parametrize(
    ("steps", "green", "current"),
    [
        pytest.param({}, 0, 1, id="never run"),
        pytest.param({1: (1, 1)}, 1, 2, id="step 1 green"),
        pytest.param({1: (1, 1), 2: (0, 0)}, 1, 2, id="step 2 without tests"),
        pytest.param({1: (0, 1), 2: (1, 1)}, 1, 1, id="step 2 green before step 1"),
        pytest.param({1: (1, 1), 2: (3, 3)}, 2, 2, id="all green"),
    ],
)
def test_the_current_step_is_the_first_not_green(
    steps: dict[int, tuple[int, int]], green: int, current: int
) -> None:
    record = KataProgress(steps)

    assert (record.green_steps(KATA), record.current_step(KATA)) == (green, current)
