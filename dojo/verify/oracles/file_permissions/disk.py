"""The real side of the kernel checks: a tree on disk under /tmp, and a forked child per call.

Building needs root (nodes owned by other users); the child drops to the actor's ids before
the system call, so the kernel itself decides. Nothing here imports the kata, so the
interview driver's check (``dojo/verify/drivers/``) uses it too.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from dojo.verify.oracles.file_permissions.world import Node

ID = shutil.which("id") or "/usr/bin/id"
PROGRAM = "prog"  # the name that makes a node of the tree a copy of ``id``
# tmpfs first: making thousands of nodes there takes a tenth of the time it takes on disk.
PLACES = ("/dev/shm", tempfile.gettempdir())  # noqa: S108 - a folder of our own is made inside


@functools.cache
def scratch() -> str:
    """Where the real nodes are made: the first of ``PLACES`` that lets programs run.

    A place mounted ``nosuid`` or ``noexec`` would change what executing a program does.
    """
    for place in PLACES:
        if os.path.isdir(place) and os.access(place, os.W_OK | os.X_OK):  # noqa: PTH112 - a plain check
            flags = os.statvfs(place).f_flag
            if not flags & (os.ST_NOSUID | os.ST_NOEXEC):
                return place
    return tempfile.gettempdir()


def remove(folder: Path) -> None:
    """Remove a scratch folder of ours, whatever modes it left its directories with.

    Without root, a directory without r or x cannot be emptied: each gets u=rwx first,
    before the walk goes into it.
    """
    folder.chmod(0o700)
    for top, dirs, _ in os.walk(folder):
        for name in dirs:
            Path(top, name).chmod(0o700)
    shutil.rmtree(folder)


@attrs.frozen
class Disk:
    """A generated tree on disk: model path ``/x`` is ``base/x``."""

    base: str

    def real(self, path: str) -> str:
        """The path on disk; relative paths stay relative (the child starts in ``base``)."""
        if not path.startswith("/"):
            return path
        return self.base if path == "/" else self.base + path

    def build(self, nodes: tuple[Node, ...]) -> None:
        """Make the nodes as root, then give them their owners and modes."""
        os.chown(self.base, 0, 0)
        Path(self.base).chmod(0o755)
        for node in nodes:
            real = self.real(node.path)
            if node.is_dir:
                Path(real).mkdir(mode=0o700)
            elif node.path.endswith("/" + PROGRAM):
                shutil.copyfile(ID, real)
            else:
                os.close(os.open(real, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            os.chown(real, node.uid, node.gid)
            Path(real).chmod(node.mode)

    def snapshot(self) -> dict[str, Any]:
        """Every node's type and mode, owners and contents, by model path."""
        found = {}
        for top, dirs, files in os.walk(self.base):
            for name in [".", *dirs, *files]:
                real = os.path.normpath(os.path.join(top, name))  # noqa: PTH118 - plain strings
                info = os.lstat(real)
                path = real.removeprefix(self.base) or "/"
                plain = not (stat.S_ISDIR(info.st_mode) or path.endswith("/" + PROGRAM))
                content = Path(real).read_text() if plain else None
                found[path] = [info.st_mode, info.st_uid, info.st_gid, content]
        return found


@contextlib.contextmanager
def built(nodes: tuple[Node, ...]) -> Iterator[Disk]:
    """A fresh folder in /tmp holding ``nodes``, removed after the one use."""
    base = tempfile.mkdtemp(prefix="dojo-verify-", dir=scratch())
    try:
        disk = Disk(base)
        disk.build(nodes)
        yield disk
    finally:
        shutil.rmtree(base)


def in_child(work: Callable[[], Any]) -> list[Any]:
    """``["ok", work()]`` from a forked child, ``["err", "EACCES"]`` for an OSError.

    The child never returns: it reports through a pipe and exits, whatever happens.
    """
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        try:
            os.close(reader)
            try:
                outcome = ["ok", work()]
            except subprocess.CalledProcessError as failed:
                outcome = ["crash", failed.stderr.decode(errors="replace")]
            except OSError as error:
                outcome = ["err", errno.errorcode[error.errno or 0]]
            os.write(writer, json.dumps(outcome).encode())
        except BaseException as error:  # noqa: BLE001 - anything else is reported, not lost
            os.write(writer, json.dumps(["crash", repr(error)]).encode())
        finally:
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        report = pipe.read()
    os.waitpid(pid, 0)
    return list(json.loads(report))


def become(uid: int, gid: int, groups: list[int]) -> None:
    """Drop to the ids: groups first, the uid last (after it, nothing can be changed)."""
    os.setgroups(groups)
    os.setgid(gid)
    os.setuid(uid)
