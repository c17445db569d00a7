"""apply_mode, chmod(str) and Stat.filemode against GNU coreutils on real files.

Generated cases are seeded, so a run is repeatable; on disagreements the smallest case is
printed. Set FP_CONFORMANCE_SEED to explore other cases.
"""

from __future__ import annotations

import os
import random
import stat
import subprocess
from typing import TYPE_CHECKING

import attrs
import pytest
from file_permissions import FileSystem, apply_mode

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.conformance

CHMOD, LS = "/bin/chmod", "/bin/ls"
SEED = int(os.environ.get("FP_CONFORMANCE_SEED", "20261128"))
CASES = 2500
ALPHABET = "ugoa+-=rwxXst01234567,"


@attrs.frozen
class Case:
    """One chmod run: the mode string, the node's kind and mode before, and the umask."""

    spec: str
    old: int
    is_dir: bool
    umask: int

    def size(self) -> tuple[int, int, int]:
        """Smaller cases are easier to read: a short spec, few bits."""
        return len(self.spec), self.old.bit_count(), self.umask.bit_count()


def _clause(rng: random.Random) -> str:
    who = "".join(rng.choice("ugoa") for _ in range(rng.choice((0, 0, 1, 1, 2))))
    actions = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        op = rng.choice("+-=")
        kind = rng.random()
        if kind < 0.15:
            operand = rng.choice("ugo")
        elif kind < 0.25:
            operand = format(rng.randrange(0o10000), "o")
        else:
            operand = "".join(rng.choice("rwxXst") for _ in range(rng.randrange(4)))
        actions.append(op + operand)
    return who + "".join(actions)


def mode_strings(rng: random.Random) -> str:
    """Valid-looking clauses, octal numbers of every length, and random junk."""
    kind = rng.random()
    if kind < 0.55:
        return ",".join(_clause(rng) for _ in range(rng.choice((1, 1, 2, 3))))
    if kind < 0.75:
        return "0" * rng.randrange(3) + format(rng.randrange(0o10000), "o")
    if kind < 0.8:
        return format(rng.randrange(0o10000, 0o100000), "o")
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 9)))


def cases(count: int) -> list[Case]:
    rng = random.Random(SEED)  # noqa: S311 - repeatable test data, not secrets
    return [
        Case(mode_strings(rng), rng.randrange(0o10000), rng.random() < 0.5, rng.randrange(0o1000))
        for _ in range(count)
    ]


def run_chmod(case: Case, workdir: Path) -> int | None:
    """The mode /bin/chmod leaves, or None when it rejects the mode string."""
    node = workdir / ("d" if case.is_dir else "f")
    if case.is_dir:
        node.mkdir()
    else:
        node.touch()
    try:
        node.chmod(case.old)
        done = subprocess.run(
            [CHMOD, "--", case.spec, str(node)],
            capture_output=True,
            umask=case.umask,
            check=False,
        )
        return stat.S_IMODE(node.stat().st_mode) if done.returncode == 0 else None
    finally:
        node.rmdir() if case.is_dir else node.unlink()


def ours(case: Case) -> int | None:
    try:
        return apply_mode(case.spec, case.old, is_dir=case.is_dir, umask=case.umask)
    except ValueError:
        return None


def through_a_session(case: Case) -> int | None:
    """The same change made by ``Session.chmod(str)`` on the in-memory file system."""
    root = FileSystem().login("root", umask=case.umask)
    if case.is_dir:
        root.mkdir("/node")
    else:
        root.create("/node")
    root.chmod("/node", case.old)
    try:
        root.chmod("/node", case.spec)
    except ValueError:
        return None
    return stat.S_IMODE(root.stat("/node").mode)


def describe(case: Case, real: int | None, mine: int | None) -> str:
    def show(mode: int | None) -> str:
        return "rejected" if mode is None else f"{mode:04o}"

    kind = "directory" if case.is_dir else "file"
    return (
        f"umask {case.umask:03o}; chmod {case.old:04o} {kind}; /bin/chmod -- {case.spec!r}:"
        f" coreutils {show(real)}, ours {show(mine)}"
    )


def test_apply_mode_and_chmod_agree_with_gnu_chmod(tmp_path: Path) -> None:
    disagreements: list[tuple[tuple[int, int, int], str]] = []
    valid = 0

    for case in cases(CASES):
        real = run_chmod(case, tmp_path)
        valid += real is not None
        disagreements.extend(
            (case.size(), describe(case, real, mine))
            for mine in {ours(case), through_a_session(case)}
            if mine != real
        )

    print(f"{CASES} mode strings, {valid} accepted by chmod, {len(disagreements)} disagreements")  # noqa: T201 - the run's report
    assert not disagreements, "smallest: " + min(disagreements)[1]
    assert CASES // 3 < valid < CASES, "the generator should make both valid and invalid modes"


def listed_modes(folder: Path) -> dict[int, str]:
    """``ls -l`` of every node named by its mode, the mode string only (no ACL mark)."""
    listing = subprocess.run(
        [LS, "-l", "--time-style=+", str(folder)],
        capture_output=True,
        text=True,
        check=True,
        env={"LC_ALL": "C"},
    ).stdout.splitlines()[1:]
    return {int(line.split()[-1], 8): line.split()[0][:10] for line in listing}


@pytest.mark.parametrize("is_dir", [False, True], ids=["files", "directories"])
def test_filemode_and_stat_mode_agree_with_ls_and_stat_for_all_4096_modes(
    tmp_path: Path, *, is_dir: bool
) -> None:
    for mode in range(0o10000):
        node = tmp_path / format(mode, "04o")
        if is_dir:
            node.mkdir()
        else:
            node.touch()
        node.chmod(mode)
    real = listed_modes(tmp_path)
    root = FileSystem().login("root", umask=0)
    root.mkdir("/n") if is_dir else root.create("/n")

    disagreements = []
    for mode in range(0o10000):
        root.chmod("/n", mode)
        status = root.stat("/n")
        actual = (tmp_path / format(mode, "04o")).stat().st_mode
        if (status.filemode, status.mode) != (real[mode], actual):
            disagreements.append(
                f"mode {mode:04o}: ls {real[mode]} stat {actual:o},"
                f" ours {status.filemode} {status.mode:o}"
            )

    assert len(real) == 0o10000
    assert not disagreements, f"{len(disagreements)} disagreements, first: {disagreements[0]}"
