"""The system call behind each operation, made in a forked child that has become the actor.

The calls take the path as it is: pathlib would drop its "." components, which count.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dojo.verify.oracles.file_permissions.disk import become

if TYPE_CHECKING:
    from collections.abc import Callable

    from dojo.verify.oracles.file_permissions.disk import Disk

Ids = tuple[int, int, list[int]]
LETTERS = {"r": os.R_OK, "w": os.W_OK, "x": os.X_OK}


def _stat(path: str) -> list[int]:
    info = os.stat(path)  # noqa: PTH116 - the path as it is
    return [info.st_mode, info.st_uid, info.st_gid]


def _read(path: str) -> str:
    fd = os.open(path, os.O_RDONLY)
    try:
        return os.read(fd, 1 << 16).decode()
    finally:
        os.close(fd)


def _write(path: str, data: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_TRUNC)  # what open(path, "wb") does, minus O_CREAT
    try:
        os.write(fd, data.encode())
    finally:
        os.close(fd)


def _listdir(path: str) -> list[str]:
    return sorted(os.listdir(path))  # noqa: PTH208 - the path as it is


def access(path: str, want: str) -> bool:
    """``access(2)`` for the letters of ``want`` (none: whether the path exists)."""
    return os.access(path, sum(LETTERS[letter] for letter in want) or os.F_OK)


def _create(path: str, mode: int) -> None:
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode))


def _chown(path: str, uid: int | None, gid: int | None) -> None:
    os.chown(path, -1 if uid is None else uid, -1 if gid is None else gid)


def _execute(path: str) -> list[int]:
    ids = [subprocess.run([path, flag], capture_output=True, check=True) for flag in ("-u", "-g")]  # noqa: S603 - the program under test, a copy of id
    return [int(done.stdout) for done in ids]


SYSCALLS: dict[str, Callable[..., Any]] = {
    "stat": _stat,
    "read": _read,
    "write": _write,
    "listdir": _listdir,
    "access": access,
    "create": _create,
    "chown": _chown,
    "execute": _execute,
    "mkdir": os.mkdir,
    "rmdir": os.rmdir,
    "unlink": os.unlink,
    "chmod": os.chmod,
}


def call(disk: Disk, ids: Ids, op: str, args: tuple[Any, ...]) -> Any:  # noqa: ANN401 - any answer
    """``op`` on the real paths, as the actor ``ids`` (uid, gid, groups)."""
    if op == "program_access":
        return _program_access(disk, ids, *args)
    become(*ids)
    if op == "chdir":
        os.chdir(disk.real(args[0]))
        return str(Path.cwd()).removeprefix(disk.base) or "/"
    if op == "rename":
        return os.rename(disk.real(args[0]), disk.real(args[1]))  # noqa: PTH104 - the syscall
    return SYSCALLS[op](disk.real(args[0]), *args[1:])


def _program_access(disk: Disk, ids: Ids, program: str, path: str, want: str) -> bool:
    """``access(2)`` from inside a program the actor runs, still root when called.

    The program (a copy of ``id``) is run as the actor to learn the effective ids the
    kernel gives it; then this process takes the actor's ids as its real ones and those
    as its effective ones, as the program would hold them, and asks.
    """
    uid, gid, groups = ids
    ran = [
        subprocess.run(  # noqa: S603 - the program under test, a copy of id
            [disk.real(program), flag],
            capture_output=True,
            check=True,
            user=uid,
            group=gid,
            extra_groups=groups,
        )
        for flag in ("-u", "-g")
    ]
    euid, egid = (int(done.stdout) for done in ran)
    os.setgroups(groups)
    os.setresgid(gid, egid, egid)
    os.setresuid(uid, euid, euid)
    return access(disk.real(path), want)
