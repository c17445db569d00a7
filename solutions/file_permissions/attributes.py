"""Changing a node's attributes: its mode, its owners and its access ACL."""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

from file_permissions.errors import fs_error
from file_permissions.nodes import Directory, File
from file_permissions.special_bits import cleared_by_change, setgid_kept_if_allowed
from file_permissions.symbolic import adjust

if TYPE_CHECKING:
    from file_permissions.acl import Acl
    from file_permissions.guards import Guard
    from file_permissions.nodes import Node
    from file_permissions.symbolic import Change


def chmod(guard: Guard, node: Node, changes: tuple[Change, ...], umask: int, path: str) -> None:
    """``chmod(2)`` with the mode ``changes`` compute: the owner or root only.

    Setgid is silently dropped outside the node's group; with an ACL, the group bits set
    the mask entry (``posix_acl_chmod``).
    """
    guard.require_owner(node, path)
    mode = adjust(changes, node.mode, is_dir=isinstance(node, Directory), umask=umask)
    node.mode = setgid_kept_if_allowed(guard.who, node.gid, mode)
    if node.acl is not None:
        node.acl = node.acl.chmod(node.mode)


def setfacl(guard: Guard, node: Node, acl: Acl, path: str) -> None:
    """Set the access ACL: ``EOPNOTSUPP`` without ACL support, then the owner or root only.

    The mode shows the ACL (the group bits show the mask); as with chmod, a non-root
    owner outside the group loses setgid. A minimal ACL is just a mode: none is kept.
    """
    if not guard.policy.supports_acls:
        raise fs_error(errno.EOPNOTSUPP, path)
    guard.require_owner(node, path)
    mode = node.mode & ~0o777 | acl.mode_bits()
    node.mode = setgid_kept_if_allowed(guard.who, node.gid, mode)
    node.acl = None if acl.is_minimal else acl


def chown(guard: Guard, node: Node, uid: int | None, gid: int | None, path: str) -> None:
    """``chown(2)``: root changes anything; the owner may only change the group.

    The owner may give the file to a group they belong to (or keep its group). On a
    regular file every chown clears what ``cleared_by_change`` says, judged on the group
    the file had before; root is not spared, as the kernel does not spare it.
    """
    who = guard.who
    if not who.is_root:
        if uid is not None and (who.uid != node.uid or uid != node.uid):
            raise fs_error(errno.EPERM, path)
        if gid is not None and not (who.uid == node.uid and (gid == node.gid or who.in_group(gid))):
            raise fs_error(errno.EPERM, path)
    mode = cleared_by_change(who, node.gid, node.mode) if isinstance(node, File) else node.mode
    if mode != node.mode:
        guard.require_owner(node, path)  # changing the mode needs the owner or root
    node.uid = node.uid if uid is None else uid
    node.gid = node.gid if gid is None else gid
    node.mode = mode
