"""``apply_mode`` and ``Session.chmod(str)`` against ``/bin/chmod`` on a real file or directory.

Mode strings are valid-looking clauses, octal numbers of every length, and random junk,
so both what chmod computes and what it refuses are compared. Needs no root: the file is
the caller's own.
"""

from __future__ import annotations

import stat
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
from file_permissions import FileSystem, apply_mode

from dojo.verify.check import Check
from dojo.verify.oracles.file_permissions.disk import remove, scratch

if TYPE_CHECKING:
    import random
    from collections.abc import Iterator

CHMOD = "/bin/chmod"
ALPHABET = "ugoa+-=rwxXst01234567,"
REFUSED = "refused (invalid mode)"


@attrs.frozen
class ChmodCase:
    """One chmod run: the mode string, the node's kind and mode before, and the umask."""

    spec: str
    old: int
    is_dir: bool
    umask: int


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


def mode_string(rng: random.Random) -> str:
    """Valid-looking clauses, octal numbers of every length, and random junk."""
    kind = rng.random()
    if kind < 0.55:
        return ",".join(_clause(rng) for _ in range(rng.choice((1, 1, 2, 3))))
    if kind < 0.75:
        return "0" * rng.randrange(3) + format(rng.randrange(0o10000), "o")
    if kind < 0.8:
        return format(rng.randrange(0o10000, 0o100000), "o")
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 9)))


def _bits_cleared(value: int) -> Iterator[int]:
    """``value`` with each of its set bits cleared in turn, highest first."""
    for bit in reversed(range(value.bit_length())):
        if value >> bit & 1:
            yield value & ~(1 << bit)


def permissions(mode: int | None) -> str:
    """``0o640`` as ``0640 (rw-r-----)``; ``None`` as the refusal."""
    if mode is None:
        return REFUSED
    return f"{mode:04o} ({stat.filemode(stat.S_IFREG | mode)[1:]})"


class ChmodCheck(Check[ChmodCase]):
    """The mode chmod leaves, or its refusal; ``apply_mode`` and ``Session.chmod`` each."""

    def generate(self, rng: random.Random, index: int) -> ChmodCase:
        """A mode string, a mode before, a kind and a umask."""
        del index
        spec = mode_string(rng)
        return ChmodCase(spec, rng.randrange(0o10000), rng.random() < 0.5, rng.randrange(0o1000))

    def real(self, case: ChmodCase) -> object:
        """``[mode, mode]`` as ``/bin/chmod -- SPEC node`` leaves it; ``None`` when refused."""
        folder = Path(tempfile.mkdtemp(prefix="dojo-verify-chmod-", dir=scratch()))
        try:
            node = folder / "node"
            node.mkdir() if case.is_dir else node.touch()
            node.chmod(case.old)
            done = subprocess.run(  # noqa: S603 - a fixed program, the mode as one argument
                [CHMOD, "--", case.spec, str(node)],
                capture_output=True,
                umask=case.umask,
                check=False,
            )
            mode = stat.S_IMODE(node.stat().st_mode) if done.returncode == 0 else None
        finally:
            remove(folder)
        return [mode, mode]

    def theirs(self, case: ChmodCase) -> object:
        """``[apply_mode's mode, the mode Session.chmod leaves]``; ``None`` for a ValueError."""
        return [self._apply_mode(case), self._session(case)]

    @staticmethod
    def _apply_mode(case: ChmodCase) -> int | None:
        try:
            return apply_mode(case.spec, case.old, is_dir=case.is_dir, umask=case.umask)
        except ValueError:
            return None

    @staticmethod
    def _session(case: ChmodCase) -> int | None:
        root = FileSystem().login("root", umask=case.umask)
        root.mkdir("/node") if case.is_dir else root.create("/node")
        root.chmod("/node", case.old)
        try:
            root.chmod("/node", case.spec)
        except ValueError:
            return None
        return stat.S_IMODE(root.stat("/node").mode)

    def show(self, case: ChmodCase) -> str:
        """The ``apply_mode`` call, and the chmod command it stands for."""
        kind = "directory" if case.is_dir else "file"
        return (
            f"apply_mode({case.spec!r}, 0o{case.old:04o}, is_dir={case.is_dir},"
            f" umask=0o{case.umask:03o})\n"
            f"as: umask {case.umask:03o}; chmod {case.old:04o} on a {kind};"
            f" /bin/chmod -- {case.spec!r}"
        )

    def show_answers(self, real: object, theirs: object) -> tuple[str, str]:
        """Modes in octal and rwx; apply_mode and Session.chmod apart when they differ."""
        if not isinstance(theirs, list):
            return permissions(_first(real)), str(theirs)
        functions, session = theirs
        if functions == session:
            return permissions(_first(real)), permissions(functions)
        return (
            permissions(_first(real)),
            f"apply_mode {permissions(functions)}; Session.chmod {permissions(session)}",
        )

    def kind(self, case: ChmodCase, real: object, theirs: object) -> str:
        """Refused by one side only, or two different modes."""
        del case
        expected = _first(real)
        if not isinstance(theirs, list):
            return "your code raises"
        if expected is None:
            return "chmod refuses a mode you accept"
        if None in theirs:
            return "chmod accepts a mode you refuse"
        return "a different mode"

    def shrink(self, case: ChmodCase) -> Iterator[ChmodCase]:
        """Fewer clauses, fewer characters, fewer bits before, a smaller umask, a file."""
        clauses = case.spec.split(",")
        for index in range(len(clauses)):
            rest = ",".join(clauses[:index] + clauses[index + 1 :])
            if rest:
                yield attrs.evolve(case, spec=rest)
        for index in range(len(case.spec)):
            yield attrs.evolve(case, spec=case.spec[:index] + case.spec[index + 1 :])
        if case.is_dir:
            yield attrs.evolve(case, is_dir=False)
        for old in _bits_cleared(case.old):
            yield attrs.evolve(case, old=old)
        for umask in _bits_cleared(case.umask):
            yield attrs.evolve(case, umask=umask)

    def size(self, case: ChmodCase) -> tuple[int, ...]:
        """A short mode string, then a file, then few bits."""
        return len(case.spec), case.is_dir, case.old.bit_count(), case.umask.bit_count()


def _first(answer: object) -> int | None:
    """The mode of a ``[mode, mode]`` answer."""
    assert isinstance(answer, list)
    mode: int | None = answer[0]
    return mode


CHECK = ChmodCheck()
