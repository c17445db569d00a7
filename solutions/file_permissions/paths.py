"""Path resolution: one walk from ``/`` or the working directory, searching every directory."""

from __future__ import annotations

import errno

import attrs

from file_permissions.errors import fs_error
from file_permissions.guards import Guard
from file_permissions.modes import Access
from file_permissions.nodes import Directory, Node

ROOT_NAME = "/"


@attrs.frozen
class Lookup:
    """Where a path leads: the directory holding its last name, the name, and the node there.

    ``node`` is None when the name does not exist. For ``/`` itself the name is ``/``.
    ``names`` are the paths an error about it names: the path, or both paths of a rename.
    """

    names: tuple[str, ...]
    parent: Directory
    name: str
    node: Node | None

    @property
    def is_plain(self) -> bool:
        """Whether the last name is an ordinary name, not ``.``, ``..`` or ``/``."""
        return self.name not in {".", "..", ROOT_NAME}

    def existing(self) -> Node:
        """The node, or ``ENOENT``."""
        if self.node is None:
            raise fs_error(errno.ENOENT, *self.names)
        return self.node


@attrs.frozen
class Resolver:
    """Walks paths for one guard, from the root or from the working directory."""

    root: Directory
    cwd: Directory
    guard: Guard

    def walk(self, path: str, *names: str) -> Lookup:
        """Resolve ``path`` as the kernel's ``link_path_walk`` does, in O(depth).

        Every directory passed through, including the last name's parent, needs search
        (x) permission, checked before its entry is looked up: a missing search permission
        on the way beats a missing name. A file on the way is ``ENOTDIR``. Errors name
        ``names``, by default the path itself.
        """
        names = names or (path,)
        if not path:
            raise fs_error(errno.ENOENT, *names)
        current = self.root if path.startswith("/") else self.cwd
        parts = [part for part in path.split("/") if part]
        if not parts:
            return Lookup(names, current, ROOT_NAME, current)
        for part in parts[:-1]:
            current = self._enter(current, part, names)
        self.guard.require(current, Access.EXECUTE, *names)
        return Lookup(names, current, parts[-1], current.child(parts[-1]))

    def find(self, path: str) -> Node | None:
        """The node ``path`` leads to, or None for any failure to reach it (``access``)."""
        try:
            return self.walk(path).existing()
        except OSError:
            return None

    def _enter(self, directory: Directory, name: str, names: tuple[str, ...]) -> Directory:
        self.guard.require(directory, Access.EXECUTE, *names)
        node = directory.child(name)
        if node is None:
            raise fs_error(errno.ENOENT, *names)
        if not isinstance(node, Directory):
            raise fs_error(errno.ENOTDIR, *names)
        return node
