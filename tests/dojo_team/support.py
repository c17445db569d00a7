"""Fakes and builders shared by the team dojo's tests."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import attrs

from dojo.team.runlog import Light, RunRecord
from harness.results import ERROR, FAILED, PASSED, Outcome, RunResults, StepResult
from tests.dojo.support import FakeSuite
from tests.harness.toy import ToyRepo
from tests.support import START, FakeClock

__all__ = [
    "START",
    "FakeClock",
    "Laptops",
    "Warnings",
    "board_rows",
    "git",
    "record",
    "results",
    "stopped",
    "suite",
]


@attrs.define
class Warnings:
    """Collects warnings, as a ``Warn`` callable."""

    seen: list[str] = attrs.field(factory=list)

    def __call__(self, text: str) -> None:
        """Keep ``text``."""
        self.seen.append(text)


def results(*steps: tuple[int, int], broken: bool = False) -> RunResults:
    """Harness results with ``passed`` of ``total`` tests per step, in step order."""
    if broken:
        return RunResults((), (Outcome("tests/k/test_a.py", None, ERROR, "SyntaxError"),))
    outcomes = []
    for number, (passed, total) in enumerate(steps, start=1):
        outcomes += [
            Outcome(f"t::s{number}_{i}", number, PASSED if i < passed else FAILED)
            for i in range(total)
        ]
    return RunResults(tuple(outcomes), ())


def record(light: Light = Light.RED, *steps: tuple[int, int], kata: str = "toy") -> RunRecord:
    """A run record at ``START``."""
    tallies = tuple(StepResult(n, p, t) for n, (p, t) in enumerate(steps or ((0, 1),), 1))
    return RunRecord(START, kata, tallies, light)


IGNORED = ".dojo/\nworkspaces/\n__pycache__/\n"


def git(where: Path, *args: str) -> str:
    """``git -C WHERE ARGS``'s output, stripped; fails the test when git does."""
    completed = subprocess.run(
        ["git", "-C", str(where), *args], capture_output=True, text=True, check=True
    )
    return completed.stdout.strip()


def learner_state(clone: Path) -> tuple[str, str, bytes, str]:
    """What must not change in a learner's clone: HEAD, its refs, its index, its tracked files."""
    return (
        git(clone, "rev-parse", "HEAD"),
        git(clone, "for-each-ref"),
        (clone / ".git" / "index").read_bytes(),
        git(clone, "status", "--porcelain", "--untracked-files=no"),
    )


@attrs.frozen
class Laptops:
    """A toy repository to clone, a bare session remote, and clones standing in for laptops."""

    origin: ToyRepo
    remote: Path

    @classmethod
    def create(cls, root: Path) -> Laptops:
        """The origin (committed, ignoring what dojo writes) and an empty bare remote."""
        origin = ToyRepo.create(root / "origin")
        origin.write("harness/README.md", "The harness, for dojo to find the root.\n")
        origin.write(".gitignore", IGNORED)
        origin.committed()
        remote = root / "session.git"
        subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
        return cls(origin, remote)

    def clone(self, name: str) -> Path:
        """A new clone of the origin: a laptop."""
        target = self.origin.root.parent / name
        subprocess.run(["git", "clone", "--quiet", str(self.origin.root), str(target)], check=True)
        return target


def stopped() -> threading.Event:
    """A stop event already set: a live board draws once and returns."""
    stop = threading.Event()
    stop.set()
    return stop


def suite(*runs: RunResults) -> FakeSuite:
    """A ``SuiteRunner`` that answers with ``runs`` in turn (the last one again after)."""
    return FakeSuite([(0 if all(o.outcome == PASSED for o in r.outcomes) else 1, r) for r in runs])


def board_rows(output: str) -> list[list[str]]:
    """The rows of the board ``dojo board`` printed: its cells, wrapped lines joined."""
    rows: list[list[str]] = []
    for line in output.splitlines():
        if not line.startswith("│"):
            continue
        cells = [cell.strip() for cell in line.split("│")[1:-1]]
        if cells[0] or not rows:
            rows.append(cells)
        else:
            rows[-1] = [f"{old} {new}".strip() for old, new in zip(rows[-1], cells, strict=True)]
    return rows
