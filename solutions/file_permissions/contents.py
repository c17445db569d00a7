"""Using a node without changing the tree: read, write, list, enter and execute it."""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

import attrs

from file_permissions.errors import fs_error
from file_permissions.modes import SETUID, Access
from file_permissions.nodes import Directory, File
from file_permissions.special_bits import cleared_by_change, is_setgid_program

if TYPE_CHECKING:
    from file_permissions.credentials import Credentials
    from file_permissions.guards import Guard
    from file_permissions.nodes import Node


def read(guard: Guard, node: Node, path: str) -> bytes:
    """A file's contents: read permission; a directory is ``EISDIR`` once readable."""
    guard.require(node, Access.READ, path)
    if not isinstance(node, File):
        raise fs_error(errno.EISDIR, path)
    return node.data


def write(guard: Guard, node: Node, data: bytes, path: str) -> None:
    """Replace a file's contents: a directory is ``EISDIR`` whatever its mode, then w.

    A write by anyone but root clears what ``cleared_by_change`` says.
    """
    if not isinstance(node, File):
        raise fs_error(errno.EISDIR, path)
    guard.require(node, Access.WRITE, path)
    if not guard.who.is_root:
        node.mode = cleared_by_change(guard.who, node.gid, node.mode)
    node.data = bytes(data)


def listdir(guard: Guard, node: Node, path: str) -> list[str]:
    """A directory's names, sorted: ``ENOTDIR`` for a file, then read permission."""
    if not isinstance(node, Directory):
        raise fs_error(errno.ENOTDIR, path)
    guard.require(node, Access.READ, path)
    return sorted(node.entries)


def enter(guard: Guard, node: Node, path: str) -> Directory:
    """The directory ``chdir`` moves to: ``ENOTDIR`` for a file, then search permission."""
    if not isinstance(node, Directory):
        raise fs_error(errno.ENOTDIR, path)
    guard.require(node, Access.EXECUTE, path)
    return node


def execute(guard: Guard, node: Node, path: str) -> Credentials:
    """The credentials a program runs with: setuid takes the owner, a setgid program the group.

    A directory is ``EACCES``, and so is a file without execute permission. Only the
    effective ids change: the real ones stay, for ``access``.
    """
    if not isinstance(node, File):
        raise fs_error(errno.EACCES, path)
    guard.require(node, Access.EXECUTE, path)
    who = guard.who
    uid = node.uid if node.mode & SETUID else who.uid
    gid = node.gid if is_setgid_program(node.mode) else who.gid
    return attrs.evolve(who, uid=uid, gid=gid)
