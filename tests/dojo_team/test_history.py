"""A team's runs read back from its branch, as untrusted data: checked, bounded, warned about."""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

import pytest

from dojo.team import history as history_module
from dojo.team.errors import GitError
from dojo.team.git import Git
from dojo.team.history import RECORD_FILE, RunHistory, branch, safe_runs
from dojo.team.runlog import MAX_RECORD, Light
from dojo.team.store import RunStore
from tests.dojo_team.support import START, Warnings, record

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path


def _git(git_dir: Path, *args: str, data: bytes | None = None) -> str:
    completed = subprocess.run(
        ["git", f"--git-dir={git_dir}", *args], input=data, capture_output=True, check=True
    )
    return completed.stdout.decode().strip()


def _commit(git_dir: Path, entries: Mapping[str, bytes | str], parent: str | None) -> str:
    """A commit whose tree holds ``entries``: a file's bytes, or a folder (``"tree"``)."""
    lines = []
    for name, content in entries.items():
        if content == "tree":
            empty = _git(git_dir, "hash-object", "-w", "--stdin", data=b"")
            inner = _git(git_dir, "mktree", data=f"100644 blob {empty}\tx\n".encode())
            lines.append(f"040000 tree {inner}\t{name}")
        else:
            blob = _git(git_dir, "hash-object", "-w", "--stdin", data=bytes(content))  # type: ignore[arg-type]
            lines.append(f"100644 blob {blob}\t{name}")
    tree = _git(git_dir, "mktree", data=("\n".join(lines) + "\n").encode())
    env = {"GIT_AUTHOR_NAME": "x", "GIT_AUTHOR_EMAIL": "x@x", "GIT_COMMITTER_NAME": "x",
           "GIT_COMMITTER_EMAIL": "x@x", "PATH": "/usr/bin:/bin"}  # fmt: skip
    parents = ["-p", parent] if parent else []
    completed = subprocess.run(
        ["git", f"--git-dir={git_dir}", "commit-tree", tree, *parents, "-m", "x"],
        capture_output=True,
        check=True,
        env=env,
    )
    return completed.stdout.decode().strip()


@pytest.fixture
def bare(tmp_path: Path) -> Git:
    return Git(tmp_path / "remote.git").init()


@pytest.fixture
def code(tmp_path: Path) -> Path:
    """A team's folder, beside the repository."""
    folder = tmp_path / "code"
    folder.mkdir()
    return folder


def test_bad_records_are_one_warning_each_and_the_good_runs_still_read(bare: Git) -> None:
    good = record(Light.GREEN, (1, 1)).to_line().encode()
    chain: list[str] = []
    commits: list[Mapping[str, bytes | str]] = [
        {"toy.py": b"x"},
        {RECORD_FILE: good},
        {RECORD_FILE: b"[/x] \x1b]0;title\x07 not json"},
        {RECORD_FILE: b" " * (MAX_RECORD + 1)},
        {RECORD_FILE: "tree"},
        {RECORD_FILE: good, "toy.py": b"y"},
    ]
    for entries in commits:
        chain.append(_commit(bare.git_dir, entries, chain[-1] if chain else None))
    _git(bare.git_dir, "update-ref", branch("red"), chain[-1])
    warnings = Warnings()

    runs = RunHistory(bare).runs(branch("red"), "red", warnings)

    # A run's diff starts at the run shown before it: what the skipped commits changed is in it.
    assert [(run.commit, run.parent) for run in runs] == [
        (chain[1], chain[0]),
        (chain[5], chain[1]),
    ]
    assert [run.record.light for run in runs] == [Light.GREEN, Light.GREEN]
    assert "+y" in RunHistory(bare).diff(runs[1]).lines
    assert len(warnings.seen) == 3
    assert set(warnings.seen) == {
        (
            f"team red: run {chain[2][:10]} skipped, not a run record (not JSON (Expecting "
            "value: line 1 column 2 (char 1)))"
        ),
        f"team red: run {chain[3][:10]} skipped, its {RECORD_FILE} is not a record",
        f"team red: run {chain[4][:10]} skipped, its {RECORD_FILE} is not a record",
    }


def test_each_commit_is_read_once(bare: Git, code: Path) -> None:
    runs = RunStore(bare)
    runs.record("red", code, record(), START)
    history, warnings = RunHistory(bare), Warnings()
    history.runs(branch("red"), "red", warnings)
    calls: list[str] = []

    class Counting(Git):
        def run(self, *args: str, **options: object) -> subprocess.CompletedProcess[bytes]:
            calls.append(args[0])
            return super().run(*args, **options)  # type: ignore[arg-type]

    history.git = Counting(bare.git_dir)
    again = history.runs(branch("red"), "red", warnings)

    assert len(again) == 1
    assert calls == ["rev-list"]


def test_only_the_last_runs_are_read(bare: Git, code: Path) -> None:
    runs = RunStore(bare)
    for light in (Light.RED, Light.AMBER, Light.GREEN):
        runs.record("red", code, record(light), START)

    read = RunHistory(bare).runs(branch("red"), "red", Warnings(), limit=2)

    assert [run.record.light for run in read] == [Light.AMBER, Light.GREEN]
    assert read[0].parent is not None


def test_a_branch_that_cannot_be_read_is_one_warning(bare: Git) -> None:
    warnings = Warnings()

    assert safe_runs(RunHistory(bare), branch("red"), "red", warnings) == []
    assert len(warnings.seen) == 1
    assert warnings.seen[0].startswith("team red: its runs could not be read (git rev-list failed")


def test_the_diff_shows_the_code_that_changed_and_not_the_record(bare: Git, code: Path) -> None:
    runs, toy = RunStore(bare), code / "toy.py"
    toy.write_text("one\ntwo\n")
    runs.record("red", code, None, START)
    runs.record("red", code, record(Light.RED), START)
    toy.write_text("one\nthree\n")
    runs.record("red", code, record(Light.GREEN), START)
    history = RunHistory(bare)
    first, second = history.runs(branch("red"), "red", Warnings())

    assert history.diff(first).empty
    changed = history.diff(second)
    assert [line for line in changed.lines if line[:1] in "+-"] == [
        "--- a/toy.py",
        "+++ b/toy.py",
        "-two",
        "+three",
    ]
    assert RECORD_FILE not in "\n".join(changed.lines)
    assert not changed.cut


def test_the_first_commit_of_a_branch_diffs_against_nothing(bare: Git, code: Path) -> None:
    (code / "toy.py").write_text("one\n")
    RunStore(bare).record("red", code, record(), START)
    history = RunHistory(bare)
    (run,) = history.runs(branch("red"), "red", Warnings())

    assert "+one" in history.diff(run).lines


@pytest.mark.parametrize(("limit", "lines"), [("MAX_DIFF_LINES", 8), ("MAX_DIFF", 120)])
def test_a_long_diff_is_cut_and_says_so(
    bare: Git, code: Path, monkeypatch: pytest.MonkeyPatch, limit: str, lines: int
) -> None:
    toy = code / "toy.py"
    toy.write_text("")
    runs = RunStore(bare)
    runs.record("red", code, None, START)
    toy.write_text("".join(f"line {number}\n" for number in range(100)))
    runs.record("red", code, record(), START)
    history = RunHistory(bare)
    (run,) = history.runs(branch("red"), "red", Warnings())
    monkeypatch.setattr(history_module, limit, lines)

    diff = history.diff(run)

    assert diff.cut
    assert 0 < len(diff.lines) <= lines
    assert "+line 0" in diff.lines
    assert "+line 99" not in diff.lines


def test_git_that_fails_says_which_command(bare: Git) -> None:
    with pytest.raises(GitError, match="git rev-parse failed: "):
        bare.run("rev-parse", "--verify", "nothing-here")
