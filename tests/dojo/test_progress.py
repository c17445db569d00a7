"""The progress file: atomic writes, and a missing or corrupt file rebuilt with a warning."""

import json
from pathlib import Path

import pytest

from dojo.progress import KataProgress, ProgressStore
from harness.catalog import Kata, Step

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
    record.last_run = "2026-03-02T08:00:00+00:00"
    first.save()

    again = store(tmp_path / "progress.json", warnings).of("toy")

    assert again == KataProgress({1: (2, 3)}, {1: 1}, "2026-03-02T08:00:00+00:00")
    assert [path.name for path in tmp_path.iterdir()] == ["progress.json"]


def test_a_missing_file_is_rebuilt_with_a_warning(tmp_path: Path) -> None:
    warnings: list[str] = []
    path = tmp_path / ".dojo" / "progress.json"

    record = store(path, warnings).of("toy")

    assert record == KataProgress()
    assert warnings == [f"no progress file yet; starting one at {path}"]
    assert json.loads(path.read_text()) == {"version": 1, "katas": {}}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{not json", "JSONDecodeError"),
        ('{"version": 2, "katas": {}}', "ValueError: version 2 is not 1"),
        ("[]", "TypeError"),
        ('{"version": 1}', "KeyError"),
        (
            '{"version": 1, "katas": {"toy": {"steps": {"1": [1]}, "hints": {}, "last_run": ""}}}',
            "ValueError",
        ),
        (
            '{"version": 1, "katas": {"toy": {"steps": {}, "hints": {"1": -1}, "last_run": ""}}}',
            "ValueError",
        ),
        (
            '{"version": 1, "katas": {"toy": {"steps": {}, "hints": {"1": true}, "last_run": ""}}}',
            "ValueError",
        ),
        (
            '{"version": 1, "katas": {"toy": {"steps": {}, "hints": {}, "last_run": 3}}}',
            "TypeError: last_run must be text",
        ),
        ('{"version": 1, "katas": {"toy": []}}', "TypeError"),
        (
            '{"version": 1, "katas": {"toy": {"steps": [], "hints": {}, "last_run": ""}}}',
            "AttributeError",
        ),
    ],
)
def test_a_corrupt_file_is_kept_aside_and_rebuilt_with_a_warning(
    tmp_path: Path, text: str, reason: str
) -> None:
    path = tmp_path / "progress.json"
    path.write_text(text)
    warnings: list[str] = []

    record = store(path, warnings).of("toy")

    assert record == KataProgress()
    assert len(warnings) == 1
    assert reason in warnings[0]
    assert "kept as progress.json.corrupt" in warnings[0]
    assert (tmp_path / "progress.json.corrupt").read_text() == text
    assert json.loads(path.read_text()) == {"version": 1, "katas": {}}


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "progress.json"
    progress = store(path, [])
    progress.of("toy").hints[1] = 1
    progress.save()

    def broken_disk(descriptor: int) -> None:
        raise OSError(f"disk full writing {descriptor}")

    monkeypatch.setattr("dojo.progress.os.fsync", broken_disk)
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
        ({}, 0, 1),
        ({1: (1, 1)}, 1, 2),
        ({1: (1, 1), 2: (0, 0)}, 1, 2),
        ({1: (0, 1), 2: (1, 1)}, 1, 1),
        ({1: (1, 1), 2: (3, 3)}, 2, 2),
    ],
)
def test_the_current_step_is_the_first_not_green(
    steps: dict[int, tuple[int, int]], green: int, current: int
) -> None:
    record = KataProgress(steps)

    assert (record.green_steps(KATA), record.current_step(KATA)) == (green, current)
