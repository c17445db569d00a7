"""The permission decision: who may read, write or execute a node (Strategy)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import attrs

from file_permissions.modes import ANY_EXECUTE, Access
from file_permissions.nodes import Directory

if TYPE_CHECKING:
    from file_permissions.credentials import Credentials
    from file_permissions.nodes import Node


class PermissionPolicy(Protocol):
    """Decides whether ``who`` may have ``want`` on ``node``; it never changes anything."""

    @property
    def supports_acls(self) -> bool:
        """Whether ACLs may be set (else ``setfacl`` fails with ``EOPNOTSUPP``)."""
        ...

    def permits(self, who: Credentials, node: Node, want: Access) -> bool:
        """Whether the access is granted."""
        ...


def class_bits(who: Credentials, node: Node) -> int:
    """The rwx bits of the one class that applies: owner, else group, else other.

    Only the first matching class counts: an owner whose owner bits deny is denied even
    when the group or other bits would allow.
    """
    if who.uid == node.uid:
        return node.mode >> 6 & 7
    if who.in_group(node.gid):
        return node.mode >> 3 & 7
    return node.mode & 7


def root_overrides(who: Credentials, node: Node, want: Access) -> bool:
    """Root reads, writes and searches anything; it executes a file only if some x bit is set."""
    if not who.is_root:
        return False
    is_dir = isinstance(node, Directory)
    return is_dir or not want & Access.EXECUTE or bool(node.mode & ANY_EXECUTE)


@attrs.frozen
class PosixPolicy:
    """The kernel's ``generic_permission`` on a file system mounted without ACL support."""

    @property
    def supports_acls(self) -> bool:
        """No ACLs here."""
        return False

    def permits(self, who: Credentials, node: Node, want: Access) -> bool:
        """The class rule, then root's overrides."""
        if not want & ~class_bits(who, node):
            return True
        return root_overrides(who, node, want)


@attrs.frozen
class AclPolicy:
    """The kernel's ``generic_permission`` with POSIX ACLs (``acl_permission_check``)."""

    @property
    def supports_acls(self) -> bool:
        """ACLs may be set."""
        return True

    def permits(self, who: Credentials, node: Node, want: Access) -> bool:
        """The owner's bits; else the ACL; then root's overrides.

        The kernel consults the ACL only while the group class bits (the mask) are not
        all clear; with a mask of ``---`` it falls back to the plain class rule.
        """
        acl = node.acl
        if who.uid == node.uid or acl is None or not node.mode & 0o070:
            granted = not want & ~class_bits(who, node)
        else:
            granted = acl.grants(who, node.gid, want)
        return granted or root_overrides(who, node, want)
