"""A team's runs as commits: each holds the team's code and its run record, ``dojo-run.json``.

The commits live on ``refs/heads/dojo/NAME`` of a repository of dojo's own: the clone's
``.dojo/runs.git`` for the teams it runs (``store.py``), or the board's copy of a session
remote (``remote.py``). This module reads them back, whatever repository they are in, and
treats them as untrusted: refs and records are checked, and every read is bounded.
"""

from __future__ import annotations

import re

import attrs

from dojo.team.errors import GitError
from dojo.team.git import Git
from dojo.team.runlog import MAX_RECORD, RecordError, RunRecord, Warn

RECORD_FILE = "dojo-run.json"
# A debrief reads the last runs; a team's whole day is far fewer than this.
MAX_RUNS = 2000
# A diff past this is cut, with a line saying how much more there is.
MAX_DIFF = 256 * 1024
MAX_DIFF_LINES = 400
# A kata's folder at the top of a team's code: a kata's name; a team works on a few at most.
KATA_FOLDER = re.compile(r"[a-z][a-z0-9_]{0,63}")
MAX_KATAS = 8


def branch(team: str) -> str:
    """The team's branch: the same name in dojo's repository and on the session remote."""
    return f"refs/heads/dojo/{team}"


@attrs.frozen
class RecordedRun:
    """One run read back from a team's branch: its commit, its record, and ``parent``.

    ``parent`` is where the run's diff starts: the run before it, or for the first run the
    commit before it (the team's start), or ``None`` for a branch that starts with it.
    """

    commit: str
    parent: str | None
    record: RunRecord


@attrs.frozen
class Diff:
    """The code's changes between two runs: unified diff lines, at most ``MAX_DIFF_LINES``."""

    lines: tuple[str, ...]
    cut: bool = False

    @property
    def empty(self) -> bool:
        """Whether the code did not change."""
        return not self.lines


@attrs.define
class RunHistory:
    """Reads the runs on the branches of one repository; each commit is parsed once."""

    git: Git
    _seen: dict[str, RunRecord | None] = attrs.field(factory=dict, init=False)

    def runs(
        self, ref: str, team: str, warn: Warn, limit: int = MAX_RUNS, since: str | None = None
    ) -> list[RecordedRun]:
        """The runs on ``ref`` (after ``since``, if given), oldest first, at most ``limit``.

        Commits without a record (the one ``dojo team join`` starts a branch with) are not
        runs; a commit whose record cannot be read is one warning naming the team and it.
        """
        after = [f"^{since}"] if since else []
        listing = self.git.text(
            *("rev-list", "--first-parent", "--parents", f"--max-count={limit}", "--reverse"),
            *(ref, *after),
        )
        chain = [line.split()[:2] for line in listing.splitlines() if line]
        self._read([commit for commit, *_ in chain if commit not in self._seen], team, warn)
        runs: list[RecordedRun] = []
        for commit, *parent in chain:
            record = self._seen[commit]
            if record is not None:
                # The diff of a run is from the run before it, over any commit skipped between.
                base = runs[-1].commit if runs else (parent[0] if parent else None)
                runs.append(RecordedRun(commit, base, record))
        return runs

    def _read(self, commits: list[str], team: str, warn: Warn) -> None:
        if not commits:
            return
        paths = "".join(f"{commit}:{RECORD_FILE}\n" for commit in commits).encode()
        checked = self.git.text(
            "cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)", data=paths
        ).splitlines()
        blobs: dict[str, str] = {}
        for commit, line in zip(commits, checked, strict=True):
            fields = line.split()
            self._seen[commit] = None
            if fields[-1] == "missing":
                continue
            name, kind, size = (*fields, "", "")[:3]
            if kind != "blob" or int(size) > MAX_RECORD:
                warn(f"team {team}: run {commit[:10]} skipped, its {RECORD_FILE} is not a record")
                continue
            blobs[commit] = name
        contents = self.blobs(list(blobs.values()))
        for commit, name in blobs.items():
            try:
                self._seen[commit] = RunRecord.parse(contents[name])
            except RecordError as error:
                warn(f"team {team}: run {commit[:10]} skipped, not a run record ({error})")

    def blobs(self, names: list[str]) -> dict[str, bytes]:
        """The contents of the blobs named, read in one git call."""
        if not names:
            return {}
        output = self.git.run("cat-file", "--batch", data="".join(f"{n}\n" for n in names).encode())
        data, contents, at = output.stdout, {}, 0
        for name in names:
            header_end = data.index(b"\n", at)
            size = int(data[at:header_end].split()[2])
            contents[name] = data[header_end + 1 : header_end + 1 + size]
            at = header_end + 1 + size + 1
        return contents

    def diff(self, run: RecordedRun) -> Diff:
        """The code's changes from the commit before ``run`` (its branch's start, say) to it."""
        older = [run.parent] if run.parent else ["--root"]
        output, cut = self.git.head(
            "diff-tree",
            "-p",
            "-M",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--no-commit-id",
            *older,
            run.commit,
            "--",
            ".",
            f":(exclude){RECORD_FILE}",
            limit=MAX_DIFF,
        )
        lines = output.decode("utf-8", errors="replace").splitlines()
        if cut:
            lines = lines[:-1]
        if len(lines) > MAX_DIFF_LINES:
            return Diff(tuple(lines[:MAX_DIFF_LINES]), cut=True)
        return Diff(tuple(lines), cut=cut)

    def katas(self, ref: str) -> list[str]:
        """The katas whose folder the code at ``ref`` holds, sorted: a team without a run yet.

        Only folder names that could be a kata's, at most ``MAX_KATAS``.
        """
        listing = self.git.run("ls-tree", "-z", "-d", "--name-only", ref).stdout
        names = listing.decode("utf-8", errors="replace").split("\0")
        return sorted(name for name in names if KATA_FOLDER.fullmatch(name))[:MAX_KATAS]

    def tip(self, ref: str) -> str | None:
        """The commit ``ref`` points at, or ``None`` when there is no such ref."""
        completed = self.git.run(
            "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False
        )
        return completed.stdout.decode().strip() or None if completed.returncode == 0 else None


def safe_runs(history: RunHistory, ref: str, team: str, warn: Warn) -> list[RecordedRun]:
    """``history.runs``, with a git failure as one warning and no runs."""
    try:
        return history.runs(ref, team, warn)
    except GitError as error:
        warn(f"team {team}: its runs could not be read ({error})")
        return []
