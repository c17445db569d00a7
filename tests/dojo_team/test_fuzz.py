"""Whatever the teams' folders, logs, kata titles and fetched commits hold, nothing raises.

The board and ``dojo test --team`` show the good records and warn once about each bad one.

Hypothesis writes ``workspaces/`` (team folders with odd names, logs that are files, folders
or missing, good records among hostile lines), a kata title, and a session remote whose
branches hold good and hostile records. The known good records are the oracle: every one
of them shows, in order, and every bad line is one warning naming its team.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dojo.repository import Repository
from dojo.team.board import LocalBoard, render
from dojo.team.git import Git
from dojo.team.history import RECORD_FILE
from dojo.team.runlog import RecordError, RunRecord
from dojo.team.workspace import is_team_name
from tests.dojo.strategies import JSON, NASTY, TEXT
from tests.dojo.support import Dojo
from tests.dojo_team.support import (
    START,
    FakeClock,
    Warnings,
    board_rows,
    results,
    stopped,
    suite,
)
from tests.harness.toy import KATA_TOML, ToyRepo

if TYPE_CHECKING:
    from pathlib import Path

    from tests.dojo.support import Ran

FUZZ = settings(
    max_examples=int(os.environ.get("DOJO_FUZZ_EXAMPLES", "40")),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Every example of these builds git repositories: fewer of them.
FUZZ_GIT = settings(FUZZ, max_examples=max(5, FUZZ.max_examples // 4))
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

NAMES = st.one_of(
    st.sampled_from(["red", "blue", "Team-7", "a" * 40]),
    st.sampled_from(["", "..", "red\n", "a b", "[/x]", "\x1b[2J", "é", "a" * 41, "-x", "a--b"]),
    st.text(min_size=1, max_size=12).filter(lambda name: "/" not in name and "\0" not in name),
)
LIGHTS = st.sampled_from(["red", "amber", "green"])
MOMENTS = st.datetimes(
    min_value=datetime(2020, 1, 1),  # noqa: DTZ001 - Hypothesis takes naive bounds, adds the zone
    max_value=datetime(2030, 1, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
)


@st.composite
def good_records(draw: st.DrawFn) -> dict[str, Any]:
    """A record ``dojo test --team`` could have written."""
    count = draw(st.integers(1, 7))
    steps = []
    for number in range(1, count + 1):
        total = draw(st.integers(0, 30))
        steps.append([number, draw(st.integers(0, total)), total])
    return {
        "time": draw(MOMENTS).isoformat(),
        "kata": draw(st.sampled_from(["toy", "toy interview", "parking_lot"])),
        "steps": steps,
        "light": draw(LIGHTS),
    }


BAD_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "time": st.one_of(
        st.sampled_from(["", "2026-03-02T08:00:00", "0001-01-01T00:00:00+23:59", "yesterday"]),
        st.just(1e999),
        st.integers(),
        st.none(),
    ),
    "kata": st.one_of(
        st.sampled_from(["", "../../etc", "Toy", "[/x]", "toy\x1b]0;x\x07", "a" * 70]),
        st.lists(NASTY, min_size=1, max_size=4).map(lambda parts: "X" + "".join(parts)),
        st.integers(),
    ),
    "steps": st.one_of(
        st.sampled_from(
            [[[1, True, 2]], [[1, -1, 2]], [[1, 3, 2]], [[2, 0, 1], [1, 0, 1]], [[1, 1e999, 2]]]
        ),
        st.just([[1, 0, 1]] * 51),
        st.lists(st.lists(st.integers(), max_size=2), min_size=1, max_size=3),
        TEXT,
    ),
    "light": st.one_of(st.sampled_from(["blue", "RED", "", "[/x]"]), st.none(), st.integers()),
}


@st.composite
def bad_lines(draw: st.DrawFn) -> str:
    """A line that is not a record: a good one with one field broken, or junk."""
    kind = draw(st.sampled_from(["field", "field", "missing", "json", "junk", "deep", "huge"]))
    if kind == "junk":
        text = draw(st.lists(NASTY | st.text(max_size=8), min_size=1, max_size=6).map("".join))
        return "{" + text.replace("\n", " ")
    if kind == "deep":
        depth = draw(st.integers(1, 50_000))
        return "[" * depth + "]" * depth
    if kind == "huge":
        return json.dumps(draw(good_records()) | {"pad": "x" * 20_000})
    if kind == "json":
        value = draw(JSON)
        return json.dumps(value if not isinstance(value, dict) else [value])
    record = draw(good_records())
    field = draw(st.sampled_from(sorted(BAD_VALUES)))
    if kind == "missing":
        del record[field]
    else:
        record[field] = draw(BAD_VALUES[field])
    return json.dumps(record)


LINES = st.one_of(
    good_records().map(lambda record: (True, json.dumps(record))),
    bad_lines().map(lambda line: (False, line)),
)


@st.composite
def team_folders(draw: st.DrawFn) -> dict[str, tuple[str, list[tuple[bool, str]]]]:
    """Team folders: name -> (what its log is, its lines as (good?, text))."""
    names = draw(st.lists(NAMES, min_size=1, max_size=4, unique_by=str.lower))
    folders = {}
    for name in names:
        log = draw(st.sampled_from(["file", "file", "file", "missing", "folder", "symlink"]))
        lines = draw(
            st.lists(
                LINES,
                max_size=8,
            )
        )
        folders[name] = (log, lines)
    return folders


@pytest.fixture
def fuzzed(tmp_path: Path) -> ToyRepo:
    return ToyRepo.create(tmp_path / "repo")


def _write_folders(root: Path, folders: dict[str, tuple[str, list[tuple[bool, str]]]]) -> None:
    base = root / "workspaces"
    if base.exists():
        subprocess.run(["rm", "-rf", str(base)], check=True)
    base.mkdir()
    for name, (log, lines) in folders.items():
        folder = base / name
        try:
            folder.mkdir()
        except OSError:  # a name this file system refuses: no folder to fuzz
            continue
        (folder / "toy").mkdir()
        (folder / "toy" / "__init__.py").write_text("")
        path = folder / "runs.jsonl"
        if log == "file":
            path.write_bytes("\n".join(text for _, text in lines).encode("utf-8", "surrogatepass"))
        elif log == "folder":
            path.mkdir()
        elif log == "symlink":
            path.symlink_to(folder)


def _clean(ran: Ran) -> None:
    assert ran.status in (0, 1, 2), ran
    errors = ran.err.splitlines()
    if ran.status == 2:
        assert len(errors) == 1, ran
        assert errors[0].startswith("dojo: error: ")
    assert not CONTROL.search(ran.out + ran.err), ran


@FUZZ
@given(folders=team_folders(), title=TEXT)
def test_the_board_shows_every_good_record_and_one_warning_per_bad_line(
    fuzzed: ToyRepo, folders: dict[str, tuple[str, list[tuple[bool, str]]]], title: str
) -> None:
    fuzzed.write("katas/toy/kata.toml", KATA_TOML.replace('"Greet"', json.dumps(title)))
    _write_folders(fuzzed.root, folders)
    warnings = Warnings()

    rows = LocalBoard(Repository(fuzzed.root), warnings, FakeClock(START)).rows()

    teams = {name: folders[name] for name in folders if is_team_name(name)}
    assert [row.team for row in rows] == sorted(teams)
    for row in rows:
        log, lines = teams[row.team]
        good = [RunRecord.from_json(json.loads(text)) for ok, text in lines if ok]
        shown = good if log == "file" else []
        assert row.history == tuple(run.light for run in shown[-10:])
        mine = [seen for seen in warnings.seen if seen.startswith(f"team {row.team}: ")]
        bad = sum(not ok for ok, _ in lines)
        assert len(mine) == (bad if log == "file" else int(log in ("folder", "symlink")))
    assert all(seen.startswith("team ") for seen in warnings.seen)
    json.dumps([row.to_json() for row in rows])
    ran = Dojo(fuzzed.root, width=80)("board", stop=stopped())
    _clean(ran)
    assert ran.status == 0
    assert render(rows) is not None


@FUZZ_GIT
@given(folders=team_folders())
def test_dojo_test_with_any_team_folder_runs_or_refuses_in_one_line(
    fuzzed: ToyRepo, folders: dict[str, tuple[str, list[tuple[bool, str]]]]
) -> None:
    _write_folders(fuzzed.root, folders)
    name = next(iter(folders))
    dojo = Dojo(fuzzed.root, suite=suite(results((1, 1), (0, 1))), width=80)

    ran = dojo("test", "toy", "--team", name)

    _clean(ran)
    if is_team_name(name) and (fuzzed.root / "workspaces" / name / "toy").is_dir():
        assert ran.status == 1, ran
        log = fuzzed.root / "workspaces" / name / "runs.jsonl"
        unwritable = (
            f"dojo: warning: team {name}: the run could not be added to {log} (Is a directory); "
            "it is kept on the team's branch"
        )
        warned = [line for line in ran.out.splitlines() if line.startswith("dojo: warning")]
        assert warned == ([unwritable] if folders[name][0] in ("folder", "symlink") else [])
    else:
        assert ran.status == 2, ran


@FUZZ
@given(
    raw=st.one_of(
        st.binary(max_size=300), JSON.map(json.dumps), bad_lines(), good_records().map(json.dumps)
    )
)
def test_a_record_parses_or_is_one_record_error(raw: str | bytes) -> None:
    try:
        run = RunRecord.parse(raw)
    except RecordError as error:
        message = str(error)
    else:
        assert RunRecord.parse(run.to_line()) == run
        return
    assert message
    assert not CONTROL.search(message)


# Names git takes for a branch, team names or not.
BRANCH_NAMES = NAMES.filter(
    lambda name: (
        re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]*", name) is not None
        and ".." not in name
        and not name.endswith((".", ".lock"))
    )
)


@FUZZ_GIT
@given(
    branches=st.dictionaries(
        BRANCH_NAMES, st.lists(LINES, min_size=1, max_size=4), min_size=1, max_size=3
    )
)
def test_the_board_of_a_remote_shows_the_good_runs_of_every_team_branch(
    fuzzed: ToyRepo,
    tmp_path_factory: pytest.TempPathFactory,
    branches: dict[str, list[tuple[bool, str]]],
) -> None:
    remote = Git(tmp_path_factory.mktemp("remote") / "session.git").init()
    for name, runs in branches.items():
        parent = None
        for _, text in runs:
            parent = _commit(remote, text, parent)
        remote.run("update-ref", f"refs/heads/dojo/{name}", parent or "")
    dojo = Dojo(fuzzed.root, width=200)

    ran = dojo("board", "--remote", str(remote.git_dir), stop=stopped())

    _clean(ran)
    assert ran.status == 0
    teams = sorted(name for name in branches if is_team_name(name))
    assert [row[0] for row in board_rows(ran.out)] == teams or not teams
    bad = sum(not ok for name in teams for ok, _ in branches[name])
    skipped = ran.out.count("skipped, not a run record") + ran.out.count("is not a record")
    assert skipped == bad
    assert ran.out.count("is not a team's; skipped") == len(branches) - len(teams)


def _commit(remote: Git, record: str, parent: str | None) -> str:
    blob = remote.text("hash-object", "-w", "--stdin", data=record.encode("utf-8", "surrogatepass"))
    tree = remote.text("mktree", data=f"100644 blob {blob}\t{RECORD_FILE}\n".encode())
    identity = {
        "GIT_AUTHOR_NAME": "x",
        "GIT_AUTHOR_EMAIL": "x@x",
        "GIT_COMMITTER_NAME": "x",
        "GIT_COMMITTER_EMAIL": "x@x",
    }
    parents = ["-p", parent] if parent else []
    return (
        remote.run("commit-tree", tree, *parents, "-m", "x", env=identity).stdout.decode().strip()
    )
