"""``Stat.filemode`` and ``Stat.mode`` against ``ls -l`` and ``os.stat``, for all 4096 modes.

The cases are every mode, on a file and on a directory: 8192, whatever ``--cases`` says.
The real answers come from one ``ls -l`` of a folder holding a node per mode, made once per
run. Needs no root.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
from file_permissions import FileSystem

from dojo.verify.check import Check
from dojo.verify.oracles.file_permissions.disk import remove, scratch

if TYPE_CHECKING:
    import random
    from collections.abc import Iterator

LS = "/bin/ls"
MODES = 0o10000


@attrs.frozen
class ListingCase:
    """One mode on a file or a directory."""

    mode: int
    is_dir: bool


def listed(is_dir: bool) -> dict[int, list[object]]:  # noqa: FBT001 - one flag, the node's kind
    """``[ls -l's mode string, os.stat's st_mode]`` of a node of each of the 4096 modes."""
    folder = Path(tempfile.mkdtemp(prefix="dojo-verify-ls-", dir=scratch()))
    try:
        for mode in range(MODES):
            node = folder / format(mode, "04o")
            node.mkdir() if is_dir else node.touch()
            node.chmod(mode)
        lines = subprocess.run(  # noqa: S603 - a fixed program and options
            [LS, "-l", "--time-style=+", str(folder)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "LC_ALL": "C"},
        ).stdout.splitlines()[1:]
        strings = {int(line.split()[-1], 8): line.split()[0][:10] for line in lines}
        return {
            mode: [strings[mode], (folder / format(mode, "04o")).stat().st_mode]
            for mode in range(MODES)
        }
    finally:
        remove(folder)


@attrs.define
class ListingCheck(Check[ListingCase]):
    """The mode string and the mode with its type bits, as ``ls -l`` and ``os.stat`` see them."""

    _seen: dict[bool, dict[int, list[object]]] = attrs.field(factory=dict, init=False)

    def generate(self, rng: random.Random, index: int) -> ListingCase:
        """Modes 0 to 7777 on files, then on directories."""
        del rng
        return ListingCase(index % MODES, index // MODES % 2 == 1)

    def real(self, case: ListingCase) -> object:
        """From the listing of every mode, made on first use."""
        if case.is_dir not in self._seen:
            self._seen[case.is_dir] = listed(case.is_dir)
        return self._seen[case.is_dir][case.mode]

    def theirs(self, case: ListingCase) -> object:
        """``[stat.filemode, stat.mode]`` after root's ``chmod(path, mode)``."""
        root = FileSystem().login("root", umask=0)
        root.mkdir("/n") if case.is_dir else root.create("/n")
        root.chmod("/n", case.mode)
        status = root.stat("/n")
        return [status.filemode, status.mode]

    def show(self, case: ListingCase) -> str:
        """The calls, from a new machine."""
        make = "mkdir" if case.is_dir else "create"
        return (
            f'root = FileSystem().login("root", umask=0); root.{make}("/n")\n'
            f'root.chmod("/n", 0o{case.mode:04o}); root.stat("/n")'
        )

    def show_answers(self, real: object, theirs: object) -> tuple[str, str]:
        """``filemode '...', mode 0o...`` for each side."""
        return _answer(real), _answer(theirs)

    def kind(self, case: ListingCase, real: object, theirs: object) -> str:
        """Which of the two attributes differs."""
        del case
        if not isinstance(theirs, list):
            return "your code raises"
        assert isinstance(real, list)
        names = [
            name for name, a, b in zip(("filemode", "mode"), real, theirs, strict=True) if a != b
        ]
        return " and ".join(names) + " differ" + ("" if len(names) > 1 else "s")

    def shrink(self, case: ListingCase) -> Iterator[ListingCase]:
        """A file rather than a directory, then fewer bits."""
        if case.is_dir:
            yield attrs.evolve(case, is_dir=False)
        for bit in reversed(range(12)):
            if case.mode >> bit & 1:
                yield attrs.evolve(case, mode=case.mode & ~(1 << bit))

    def size(self, case: ListingCase) -> tuple[int, ...]:
        """A file, then few bits."""
        return case.is_dir, case.mode.bit_count()


def _answer(answer: object) -> str:
    if not isinstance(answer, list):
        return str(answer)
    string, mode = answer
    shown = f"0o{mode:o}" if isinstance(mode, int) else repr(mode)
    return f"filemode {string!r}, mode {shown}"


CHECK = ListingCheck()
