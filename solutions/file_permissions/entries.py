"""Changing directory entries: create, remove and rename, with the checks in Linux's order."""

from __future__ import annotations

import errno
from collections.abc import Callable
from typing import TYPE_CHECKING

from file_permissions.errors import fs_error
from file_permissions.modes import Access
from file_permissions.nodes import Directory

if TYPE_CHECKING:
    from file_permissions.guards import Guard
    from file_permissions.nodes import Node
    from file_permissions.paths import Lookup

NodeFactory = Callable[[Directory], "Node"]


def add(guard: Guard, target: Lookup, make: NodeFactory) -> None:
    """Create an entry: an existing name (``.``, ``..`` and ``/`` included) is ``EEXIST``.

    ``EEXIST`` is reported before a missing write permission on the directory.
    """
    if not target.is_plain or target.node is not None:
        raise fs_error(errno.EEXIST, *target.names)
    guard.require_create_in(target.parent, *target.names)
    node = make(target.parent)
    target.parent.entries[target.name] = node


def unlink(guard: Guard, target: Lookup) -> None:
    """Remove a file's name."""
    if not target.is_plain:
        raise fs_error(errno.EISDIR, *target.names)
    victim = target.existing()
    guard.require_delete_from(target.parent, victim, *target.names, is_dir=False)
    del target.parent.entries[target.name]


def rmdir(guard: Guard, target: Lookup) -> None:
    """Remove an empty directory; ``.`` is ``EINVAL``, ``..`` ``ENOTEMPTY``, ``/`` ``EBUSY``."""
    dots = {".": errno.EINVAL, "..": errno.ENOTEMPTY}
    if not target.is_plain:
        raise fs_error(dots.get(target.name, errno.EBUSY), *target.names)
    victim = target.existing()
    guard.require_delete_from(target.parent, victim, *target.names, is_dir=True)
    if isinstance(victim, Directory) and victim.entries:
        raise fs_error(errno.ENOTEMPTY, *target.names)
    del target.parent.entries[target.name]


def rename(guard: Guard, old: Lookup, new: Lookup) -> None:
    """Move ``old`` to ``new``, replacing what is there; ``do_renameat2`` and ``vfs_rename``.

    A directory cannot move into itself (``EINVAL``) nor replace one of its ancestors
    (``ENOTEMPTY``); a directory moving to another parent needs write permission on itself,
    because its ``..`` entry changes.
    """
    if not (old.is_plain and new.is_plain):
        raise fs_error(errno.EBUSY, *old.names)
    source, target = old.existing(), new.node
    if any(source is ancestor for ancestor in new.parent.lineage()):
        raise fs_error(errno.EINVAL, *old.names)
    if any(target is ancestor for ancestor in old.parent.lineage()):
        raise fs_error(errno.ENOTEMPTY, *old.names)
    if source is target:
        return
    moves_a_directory = isinstance(source, Directory)
    guard.require_delete_from(old.parent, source, *old.names, is_dir=moves_a_directory)
    if target is None:
        guard.require_create_in(new.parent, *old.names)
    else:
        guard.require_delete_from(new.parent, target, *old.names, is_dir=moves_a_directory)
    if moves_a_directory and new.parent is not old.parent:
        guard.require(source, Access.WRITE, *old.names)
    if isinstance(target, Directory) and target.entries:
        raise fs_error(errno.ENOTEMPTY, *old.names)
    del old.parent.entries[old.name]
    new.parent.entries[new.name] = source
    if isinstance(source, Directory):
        source.parent = new.parent
