"""The clone's record of its teams' runs: one commit per run, made without the learner's git."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from dojo.team import store as store_module
from dojo.team.errors import GitError
from dojo.team.git import Git
from dojo.team.history import RECORD_FILE, RunHistory, branch
from dojo.team.runlog import Light
from dojo.team.store import RunStore, Snapshot
from tests.dojo_team.support import START, Laptops, Warnings, git, learner_state, record

if TYPE_CHECKING:
    import subprocess
    from pathlib import Path


def _store(root: Path) -> RunStore:
    return RunStore(Git(root / ".dojo" / "runs.git"))


def _workspace(root: Path) -> Path:
    folder = root / "workspaces" / "red"
    (folder / "toy" / "__pycache__").mkdir(parents=True)
    (folder / "toy" / "__init__.py").write_text("def double(n):\n    return n * 2\n")
    (folder / "toy" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    (folder / "toy" / "notes.pyc").write_bytes(b"\0")
    (folder / "runs.jsonl").write_text("{}\n")
    (folder / RECORD_FILE).write_text('{"light": "green"}')
    return folder


def test_a_run_is_a_commit_of_the_code_and_its_record_on_the_team_branch(tmp_path: Path) -> None:
    runs, folder = _store(tmp_path), _workspace(tmp_path)
    run = record(Light.RED, (1, 2))

    commit, snapshot = runs.record("red", folder, run, run.time)

    git_dir = runs.git.git_dir
    assert git(git_dir, "rev-parse", branch("red")) == commit
    assert git(git_dir, "ls-tree", "-r", "--name-only", commit).split() == [
        RECORD_FILE,
        "toy/__init__.py",
    ]
    assert json.loads(git(git_dir, "show", f"{commit}:{RECORD_FILE}")) == run.to_json()
    assert git(git_dir, "show", f"{commit}:toy/__init__.py").startswith("def double")
    assert git(git_dir, "log", "-1", "--format=%an <%ae> %at %s", commit) == (
        f"team red <red@dojo.invalid> {int(START.timestamp())} "
        "team red: toy, red, 1/2 tests (steps 1-1)"
    )
    assert snapshot.left_out == ()


def test_runs_follow_one_another_and_the_start_of_the_branch_is_no_run(tmp_path: Path) -> None:
    runs, folder = _store(tmp_path), _workspace(tmp_path)
    start, _ = runs.record("red", folder, None, START)
    first, _ = runs.record("red", folder, record(Light.RED), START)
    second, _ = runs.record("red", folder, record(Light.GREEN, (1, 1)), START)

    read = RunHistory(runs.git).runs(branch("red"), "red", Warnings())

    assert [(run.commit, run.parent) for run in read] == [(first, start), (second, first)]
    assert git(runs.git.git_dir, "log", "-1", "--format=%s", start) == (
        "team red: the workspace as it was when the team joined"
    )
    assert runs.pending("red") == 2


def test_the_learners_repository_is_never_touched(tmp_path: Path) -> None:
    laptops = Laptops.create(tmp_path)
    clone = laptops.clone("ana")
    before = learner_state(clone)
    (clone / "katas" / "toy" / "__init__.py").write_text("# the learner's own edit\n")
    edited = learner_state(clone)
    folder = _workspace(clone)

    _store(clone).record("red", folder, record(Light.RED), START)

    assert learner_state(clone) == edited
    assert edited[:3] == before[:3]
    assert not list((clone / ".git" / "refs").rglob("dojo*"))


def test_caches_symlinks_and_big_files_are_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _workspace(tmp_path)
    (folder / "toy" / "link.py").symlink_to("/etc/passwd")
    (folder / "toy" / "big.bin").write_bytes(b"x" * 3000)
    (folder / "toy" / "run.sh").write_text("#!/bin/sh\n")
    (folder / "toy" / "run.sh").chmod(0o755)
    (folder / ".venv").mkdir()
    (folder / ".venv" / "python").write_text("")
    monkeypatch.setattr(store_module, "MAX_FILE", 2048)

    snapshot = Snapshot.of(folder)

    assert [(path, executable) for path, _, executable in snapshot.files] == [
        ("toy/__init__.py", False),
        ("toy/run.sh", True),
    ]
    assert snapshot.left_out == ("toy/big.bin (over 2 KiB)", "toy/link.py (a symlink)")


def test_past_the_file_limit_the_walk_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(5):
        (tmp_path / f"f{number}.py").write_text("")
    monkeypatch.setattr(store_module, "MAX_FILES", 3)

    snapshot = Snapshot.of(tmp_path)

    assert [path for path, _, _ in snapshot.files] == ["f0.py", "f1.py", "f2.py"]
    assert snapshot.left_out == ("every file past the first 3",)


def test_a_name_with_control_characters_is_left_out(tmp_path: Path) -> None:
    (tmp_path / "a\x1b[2J.py").write_text("")

    assert Snapshot.of(tmp_path).left_out == ("a\x1b[2J.py (a name with control characters)",)


def test_a_branch_moved_by_another_run_meanwhile_gets_the_run_on_top(tmp_path: Path) -> None:
    folder = _workspace(tmp_path)
    other, _ = _store(tmp_path).record("red", folder, None, START)

    class Racing(Git):
        """Another terminal's run lands just before this one moves the branch."""

        def run(self, *args: str, **options: object) -> subprocess.CompletedProcess[bytes]:
            if args[0] == "update-ref" and not raced:
                raced.append(RunStore(Git(self.git_dir)).record("red", folder, record(), START)[0])
            return super().run(*args, **options)  # type: ignore[arg-type]

    raced: list[str] = []
    runs = RunStore(Racing(tmp_path / ".dojo" / "runs.git"))

    mine, _ = runs.record("red", folder, record(Light.GREEN), START + timedelta(minutes=1))

    assert git(runs.git.git_dir, "rev-parse", f"{mine}^", f"{mine}^^") == f"{raced[0]}\n{other}"


def test_a_branch_that_keeps_moving_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = _store(tmp_path)
    runs.record("red", tmp_path, None, START)
    monkeypatch.setattr(store_module, "ZERO", "1" * 40)
    monkeypatch.setattr(RunStore, "tip", lambda _self, _team: None)

    with pytest.raises(GitError, match=r"kept moving; the run is in runs\.jsonl only"):
        runs.record("red", tmp_path, record(), START)


def test_pending_runs_are_those_after_the_last_push(tmp_path: Path) -> None:
    runs, folder = _store(tmp_path), _workspace(tmp_path)
    runs.record("red", folder, None, START)
    first, _ = runs.record("red", folder, record(), START)

    runs.mark_pushed("red", first)
    runs.record("red", folder, record(Light.GREEN), START)

    assert runs.pending("red") == 1
    assert runs.tip("blue") is None


def test_restore_writes_the_plain_files_of_a_commit(tmp_path: Path) -> None:
    runs, folder = _store(tmp_path), _workspace(tmp_path)
    (folder / "toy" / "run.sh").write_text("#!/bin/sh\n")
    (folder / "toy" / "run.sh").chmod(0o755)
    commit, _ = runs.record("red", folder, record(), START)
    target = tmp_path / "elsewhere"

    count = runs.restore(commit, target)

    assert count == 2
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == [
        "toy/__init__.py",
        "toy/run.sh",
    ]
    assert (target / "toy" / "run.sh").stat().st_mode & 0o111
