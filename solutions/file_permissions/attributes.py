"""Changing a node's mode, owners and contents, and what executing it does to credentials."""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

import attrs

from file_permissions.errors import fs_error
from file_permissions.modes import GROUP_EXECUTE, SETGID, SETUID

if TYPE_CHECKING:
    from file_permissions.acl import Acl
    from file_permissions.credentials import Credentials
    from file_permissions.guards import Guard
    from file_permissions.nodes import Node


def chmod(guard: Guard, node: Node, mode: int, path: str) -> None:
    """``chmod(2)``: the owner or root only; setgid silently dropped outside the group.

    With an ACL, the group bits set the mask entry (``posix_acl_chmod``).
    """
    guard.require_owner(node, path)
    if not (guard.who.is_root or guard.who.in_group(node.gid)):
        mode &= ~SETGID
    node.mode = mode
    if node.acl is not None:
        node.acl = node.acl.chmod(mode)


def setfacl(guard: Guard, node: Node, acl: Acl, path: str) -> None:
    """Set the access ACL: ``EOPNOTSUPP`` without ACL support, then the owner or root only.

    The mode shows the ACL (the group bits show the mask); as with chmod, a non-root
    owner outside the group loses setgid. A minimal ACL is just a mode: none is kept.
    """
    if not guard.policy.supports_acls:
        raise fs_error(errno.EOPNOTSUPP, path)
    guard.require_owner(node, path)
    mode = node.mode & ~0o777 | acl.mode_bits()
    if not (guard.who.is_root or guard.who.in_group(node.gid)):
        mode &= ~SETGID
    node.mode = mode
    node.acl = None if acl.is_minimal else acl


def chown(guard: Guard, node: Node, uid: int | None, gid: int | None, path: str) -> None:
    """``chown(2)``: root changes anything; the owner may only change the group.

    The owner may give the file to a group they belong to (or keep its group). On a
    regular file every chown clears setuid, and setgid as a write does (see ``privileges_
    dropped``); root is not spared here, as the kernel does not spare it.
    """
    who = guard.who
    if not who.is_root:
        if uid is not None and (who.uid != node.uid or uid != node.uid):
            raise fs_error(errno.EPERM, path)
        if gid is not None and not (who.uid == node.uid and (gid == node.gid or who.in_group(gid))):
            raise fs_error(errno.EPERM, path)
    mode = node.mode
    if not node.is_dir:
        mode &= ~SETUID & ~_setgid_dropped(who, node)
    if mode != node.mode:
        guard.require_owner(node, path)  # changing the mode needs the owner or root
    node.uid = node.uid if uid is None else uid
    node.gid = node.gid if gid is None else gid
    node.mode = mode


def _setgid_dropped(who: Credentials, node: Node) -> int:
    """``SETGID`` when the kernel would drop it (``setattr_should_drop_sgid``), else 0.

    Callers clear the returned bit, which changes nothing when it is not set. Setgid with
    group execute marks a setgid program: it goes. Setgid without group
    execute goes only when the caller is outside the file's group and is not root.
    """
    outsider = not (who.is_root or who.in_group(node.gid))
    return SETGID if node.mode & GROUP_EXECUTE or outsider else 0


def privileges_dropped(who: Credentials, node: Node) -> int:
    """The mode after a non-root write to a regular file: no setuid, maybe no setgid."""
    if who.is_root or node.is_dir:
        return node.mode
    return node.mode & ~SETUID & ~_setgid_dropped(who, node)


def executed(who: Credentials, program: Node) -> Credentials:
    """The credentials a program runs with: setuid takes the owner, setgid the group.

    Setgid counts only with group execute; without it the bit means mandatory locking.
    """
    uid = program.uid if program.mode & SETUID else who.uid
    setgid_program = program.mode & (SETGID | GROUP_EXECUTE) == SETGID | GROUP_EXECUTE
    gid = program.gid if setgid_program else who.gid
    return attrs.evolve(who, uid=uid, gid=gid)
