"""The PostgreSQL fixture reaps the clusters of sessions that ended without stopping theirs.

Unit tests of `tests/job_scheduler/postgres.py`, the acceptance tests' throwaway server.
No server is needed: the folders are made by hand, and stopping one is recorded.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.job_scheduler.postgres import (
    OWNER,
    PREFIX,
    Cluster,
    PostgresUnavailableError,
    reap,
)


def ended_pid() -> int:
    """The pid of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return process.pid


def cluster_folder(parent: Path, name: str, owner: str | None) -> Path:
    """A cluster's folder as the fixture leaves it, with ``owner`` in its owner file."""
    folder = parent / name
    (folder / "data").mkdir(parents=True)
    if owner is not None:
        (folder / OWNER).write_text(owner, encoding="ascii")
    return folder


def test_only_the_clusters_whose_owner_ended_are_stopped_and_removed(tmp_path: Path) -> None:
    dead = str(ended_pid())
    abandoned = cluster_folder(tmp_path, f"{PREFIX}abandoned", dead)
    kept = [
        cluster_folder(tmp_path, f"{PREFIX}live", str(os.getpid())),
        cluster_folder(tmp_path, f"{PREFIX}being-created", None),
        cluster_folder(tmp_path, f"{PREFIX}garbled", "not a pid"),
        cluster_folder(tmp_path, f"{PREFIX}process-group", f"-{2**22}"),  # past any pid_max
        cluster_folder(tmp_path, "someone-elses", dead),
    ]
    stopped: list[Path] = []

    reaped = reap(tmp_path, stopped.append)

    assert reaped == [abandoned]
    assert stopped == [abandoned / "data"]
    assert sorted(tmp_path.iterdir()) == sorted(kept)


def test_a_cluster_names_this_process_its_owner_and_is_never_reaped_while_it_lives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    cluster = Cluster(Path("initdb"), Path("pg_ctl"))
    stopped: list[Path] = []

    reaped = reap(tmp_path, stopped.append)
    owner = (cluster.folder / OWNER).read_text(encoding="ascii")
    cluster.stop()

    assert cluster.folder.parent == tmp_path
    assert cluster.folder.name.startswith(PREFIX)
    assert owner == str(os.getpid())
    assert (reaped, stopped) == ([], [])
    assert list(tmp_path.iterdir()) == []


def test_starting_a_cluster_reaps_the_abandoned_ones_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    abandoned = cluster_folder(tmp_path, f"{PREFIX}abandoned", str(ended_pid()))
    cluster = Cluster(Path("/bin/false"), Path("/bin/true"))  # initdb fails, pg_ctl stops

    with pytest.raises(PostgresUnavailableError, match="false failed"):
        cluster.start()
    left = sorted(tmp_path.iterdir())
    cluster.stop()

    assert not abandoned.exists()
    assert left == [cluster.folder]
