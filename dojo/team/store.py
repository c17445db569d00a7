"""The clone's own record of its teams' runs: ``.dojo/runs.git``, a bare repository of dojo's.

Each run becomes a commit on ``refs/heads/dojo/NAME`` there, made with plumbing: the
team's files are hashed into the store, listed in a private index (``GIT_INDEX_FILE``, a
temporary file), written as a tree, and committed with ``git commit-tree``; the branch
moves with ``git update-ref``, only if nobody moved it meanwhile. The learner's own
repository, branch, index and working tree are never read or written: the store is a
repository of its own, and it works as well in a checkout that is not a git clone.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from dojo.team.errors import GitError
from dojo.team.git import Git
from dojo.team.history import RECORD_FILE, RunHistory, branch

if TYPE_CHECKING:
    from datetime import datetime

    from dojo.team.runlog import RunRecord

# What a workspace holds that is not the team's code: caches, tools' folders, the run log.
SKIPPED_FOLDERS = frozenset(
    {"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".hypothesis", ".git", ".venv"}
)
SKIPPED_AT_TOP = frozenset({"runs.jsonl", RECORD_FILE})
# A kata's code is a few dozen small files; past these, something else was copied in.
MAX_FILE = 1024 * 1024
MAX_FILES = 2000
ZERO = "0" * 40
ATTEMPTS = 5


@attrs.frozen
class Snapshot:
    """The files of a workspace to commit, by path inside it, and what was left out."""

    files: tuple[tuple[str, Path, bool], ...]
    left_out: tuple[str, ...] = ()

    @classmethod
    def of(cls, folder: Path) -> Snapshot:
        """Every regular file under ``folder`` but caches and the run log; no symlinks."""
        files: list[tuple[str, Path, bool]] = []
        left_out: list[str] = []
        for top, folders, names in os.walk(folder):
            folders[:] = sorted(name for name in folders if name not in SKIPPED_FOLDERS)
            for name in sorted(names):
                path = Path(top) / name
                relative = path.relative_to(folder).as_posix()
                if (top == str(folder) and name in SKIPPED_AT_TOP) or name.endswith(".pyc"):
                    continue
                if len(files) == MAX_FILES:
                    # Someone copied more than a kata in; walking on could take all day.
                    left_out.append(f"every file past the first {MAX_FILES}")
                    return cls(tuple(files), tuple(left_out))
                reason = _left_out(path, relative)
                if reason:
                    left_out.append(f"{relative} ({reason})")
                else:
                    executable = bool(path.lstat().st_mode & stat.S_IXUSR)
                    files.append((relative, path, executable))
        return cls(tuple(files), tuple(left_out))


def _left_out(path: Path, relative: str) -> str:
    """Why ``path`` is not committed, or ``""``."""
    if not relative.isprintable():
        return "a name with control characters"
    try:
        relative.encode("utf-8")
        info = path.lstat()
    except (UnicodeError, OSError):
        return "cannot be read"
    if stat.S_ISLNK(info.st_mode):
        return "a symlink"
    if not stat.S_ISREG(info.st_mode):
        return "not a file"
    if info.st_size > MAX_FILE:
        return f"over {MAX_FILE // 1024} KiB"
    return ""


@attrs.frozen
class RunStore:
    """``.dojo/runs.git``: one branch per team of this clone, one commit per run."""

    git: Git

    @property
    def history(self) -> RunHistory:
        """The runs on the store's branches, read back."""
        return RunHistory(self.git)

    @staticmethod
    def pushed(team: str) -> str:
        """The ref that remembers the last commit the session remote accepted."""
        return f"refs/pushed/dojo/{team}"

    def tip(self, team: str) -> str | None:
        """The team's latest commit here, or ``None`` before its first."""
        return RunHistory(self.git).tip(branch(team))

    def record(
        self, team: str, folder: Path, record: RunRecord | None, moment: datetime, start: str = ""
    ) -> tuple[str, Snapshot]:
        """Commit the team's code (and ``record``, for a run) on its branch; the commit.

        Without a record it is the branch's start: the code as it was when the team joined,
        named by ``start`` (random), so that two teams that start alike start apart.
        """
        self.git.init()
        snapshot = Snapshot.of(folder) if folder.is_dir() else Snapshot(())
        tree = self._tree(snapshot, record)
        identity = {
            "GIT_AUTHOR_NAME": f"team {team}",
            "GIT_AUTHOR_EMAIL": f"{team}@dojo.invalid",
            "GIT_COMMITTER_NAME": f"team {team}",
            "GIT_COMMITTER_EMAIL": f"{team}@dojo.invalid",
            "GIT_AUTHOR_DATE": _git_date(moment),
            "GIT_COMMITTER_DATE": _git_date(moment),
        }
        message = _message(team, record, start)
        for _ in range(ATTEMPTS):
            parent = self.tip(team)
            parents = ["-p", parent] if parent else []
            commit = self.git.run(
                "commit-tree", tree, *parents, "--no-gpg-sign", "-m", message, env=identity
            )
            new = commit.stdout.decode().strip()
            # Only if the branch is still where it was: a run of the same team in another
            # terminal may have moved it; then the commit is made again on top of that one.
            moved = self.git.run(
                "update-ref", "-m", "dojo run", branch(team), new, parent or ZERO, check=False
            )
            if moved.returncode == 0:
                return new, snapshot
        raise GitError(f"team {team}'s branch kept moving; the run is in runs.jsonl only")

    def _tree(self, snapshot: Snapshot, record: RunRecord | None) -> str:
        with tempfile.TemporaryDirectory(prefix="dojo-run-") as scratch:
            paths = [str(path) for _, path, _ in snapshot.files]
            names = [relative for relative, _, _ in snapshot.files]
            modes = ["100755" if executable else "100644" for _, _, executable in snapshot.files]
            if record is not None:
                record_file = Path(scratch) / RECORD_FILE
                record_file.write_text(record.to_line() + "\n", encoding="utf-8")
                paths.append(str(record_file))
                names.append(RECORD_FILE)
                modes.append("100644")
            blobs = self.git.text(
                "hash-object", "-w", "--no-filters", "--stdin-paths",
                data="".join(f"{path}\n" for path in paths).encode(),
            ).split()  # fmt: skip
            entries = "".join(
                f"{mode} {blob}\t{name}\0"
                for mode, blob, name in zip(modes, blobs, names, strict=True)
            )
            index = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
            self.git.run(
                "update-index", "-z", "--add", "--index-info", data=entries.encode(), env=index
            )
            return self.git.run("write-tree", env=index).stdout.decode().strip()

    def restore(self, commit: str, folder: Path) -> int:
        """Write the code of ``commit`` into the empty ``folder``; how many files.

        The commit came from a remote: only plain files at plain paths inside ``folder``
        are written (no symlink, no ``..``), each at most ``MAX_FILE`` bytes.
        """
        listing = self.git.run("ls-tree", "-r", "-z", "--long", commit).stdout.decode(
            "utf-8", errors="replace"
        )
        wanted: list[tuple[str, str, bool]] = []
        for entry in filter(None, listing.split("\0")):
            meta, _, path = entry.partition("\t")
            mode, kind, blob, size = meta.split()
            plain_path = path.isprintable() and all(
                part not in ("", ".", "..") for part in path.split("/")
            )
            small = kind == "blob" and int(size) <= MAX_FILE and len(wanted) < MAX_FILES
            if small and mode in ("100644", "100755") and plain_path and path != RECORD_FILE:
                wanted.append((path, blob, mode == "100755"))
        contents = RunHistory(self.git).blobs([blob for _, blob, _ in wanted])
        for path, blob, executable in wanted:
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(contents[blob])
            if executable:
                target.chmod(0o755)
        return len(wanted)

    def pending(self, team: str) -> int:
        """How many runs the session remote has not accepted yet."""
        history = RunHistory(self.git)
        since = self.pushed(team) if history.tip(self.pushed(team)) else None
        return len(history.runs(branch(team), team, lambda _text: None, since=since))

    def mark_pushed(self, team: str, commit: str) -> None:
        """Remember that the session remote has ``commit`` on the team's branch."""
        self.git.run("update-ref", "-m", "dojo push", self.pushed(team), commit)


def _git_date(moment: datetime) -> str:
    return f"{int(moment.timestamp())} {moment:%z}"


def _message(team: str, record: RunRecord | None, start: str) -> str:
    if record is None:
        named = f" (start {start})" if start else ""
        return f"team {team}: the workspace as it was when the team joined{named}"
    passed, total = record.tests
    last = record.steps[-1].number if record.steps else 0
    return (
        f"team {team}: {record.kata}, {record.light.value}, {passed}/{total} tests (steps 1-{last})"
    )
