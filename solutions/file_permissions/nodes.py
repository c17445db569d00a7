"""The inodes of the tree; their named constructors apply the creation rules (Factory)."""

from __future__ import annotations

import errno
import stat
from typing import TYPE_CHECKING, ClassVar

import attrs

from file_permissions.acl import Acl
from file_permissions.errors import fs_error
from file_permissions.modes import SETGID, Stat
from file_permissions.special_bits import is_setgid_program, setgid_kept_if_allowed

if TYPE_CHECKING:
    from collections.abc import Iterator

    from file_permissions.credentials import Credentials


@attrs.define(eq=False)
class Node:
    """An inode: permission bits (``0o7777`` at most), owner, group and maybe an ACL."""

    FILE_TYPE: ClassVar[int]

    mode: int
    uid: int
    gid: int
    acl: Acl | None = attrs.field(default=None, kw_only=True)

    def stat(self) -> Stat:
        """The status ``stat(2)`` reports, file type bits included."""
        return Stat(self.FILE_TYPE | self.mode, self.uid, self.gid)


@attrs.define(eq=False)
class File(Node):
    """A regular file."""

    FILE_TYPE: ClassVar[int] = stat.S_IFREG

    data: bytes = b""

    @classmethod
    def created(cls, who: Credentials, parent: Directory, mode: int, umask: int) -> File:
        """A new file as ``open(O_CREAT)`` makes it: the owner's ids, the mode minus the umask.

        In a setgid directory the file takes the directory's group; then a creator outside
        that group cannot make the file setgid-executable (the kernel's ``mode_strip_sgid``).
        """
        gid, mode = who.gid, mode & ~umask
        if parent.mode & SETGID:
            gid = parent.gid
            if is_setgid_program(mode):
                mode = setgid_kept_if_allowed(who, gid, mode)
        return cls(mode, who.uid, gid)


@attrs.define(eq=False)
class Directory(Node):
    """A directory: named entries, and the parent that ``..`` leads to."""

    FILE_TYPE: ClassVar[int] = stat.S_IFDIR

    entries: dict[str, Node] = attrs.field(factory=dict)
    parent: Directory | None = None

    @classmethod
    def created(cls, who: Credentials, parent: Directory, mode: int, umask: int) -> Directory:
        """A new directory as ``mkdir(2)`` makes it.

        ``mkdir`` ignores setuid and setgid in ``mode``; in a setgid directory the new one
        takes the parent's group and is setgid itself, so the rule spreads down the tree.
        """
        mode &= 0o1777 & ~umask
        gid = who.gid
        if parent.mode & SETGID:
            gid, mode = parent.gid, mode | SETGID
        return cls(mode, who.uid, gid, parent=parent)

    def child(self, name: str) -> Node | None:
        """The entry called ``name``; ``.`` is this directory, ``..`` its parent (``/`` stays)."""
        if name == ".":
            return self
        if name == "..":
            return self.parent or self
        return self.entries.get(name)

    def lineage(self) -> Iterator[Directory]:
        """This directory and its ancestors, up to the root."""
        node: Directory | None = self
        while node is not None:
            yield node
            node = node.parent

    def path(self) -> str:
        """The absolute path of this directory."""
        names = []
        for node in self.lineage():
            if node.parent is not None:
                name = next((k for k, v in node.parent.entries.items() if v is node), None)
                if name is None:  # removed: getcwd(3) fails the same way
                    raise fs_error(errno.ENOENT)
                names.append(name)
        return "/" + "/".join(reversed(names))
