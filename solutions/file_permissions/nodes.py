"""The inodes of the tree; their named constructors apply the creation rules (Factory)."""

from __future__ import annotations

import errno
import stat
from typing import TYPE_CHECKING

import attrs

from file_permissions.acl import Acl
from file_permissions.errors import fs_error
from file_permissions.modes import GROUP_EXECUTE, SETGID, Stat

if TYPE_CHECKING:
    from collections.abc import Iterator

    from file_permissions.credentials import Credentials


@attrs.define(eq=False)
class Node:
    """An inode: permission bits (``0o7777`` at most), owner, group and maybe an ACL."""

    mode: int
    uid: int
    gid: int
    acl: Acl | None = attrs.field(default=None, kw_only=True)

    @property
    def is_dir(self) -> bool:
        """Whether this is a directory."""
        return False

    def stat(self) -> Stat:
        """The status ``stat(2)`` reports, file type bits included."""
        kind = stat.S_IFDIR if self.is_dir else stat.S_IFREG
        return Stat(kind | self.mode, self.uid, self.gid)


@attrs.define(eq=False)
class File(Node):
    """A regular file."""

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
            executable_setgid = mode & (SETGID | GROUP_EXECUTE) == SETGID | GROUP_EXECUTE
            if executable_setgid and not (who.is_root or who.in_group(gid)):
                mode &= ~SETGID
        return cls(mode, who.uid, gid)


@attrs.define(eq=False)
class Directory(Node):
    """A directory: named entries, and the parent that ``..`` leads to."""

    entries: dict[str, Node] = attrs.field(factory=dict)
    parent: Directory | None = None

    @property
    def is_dir(self) -> bool:
        """Always true."""
        return True

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
