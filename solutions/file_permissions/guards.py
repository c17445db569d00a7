"""The checks the kernel makes before it touches the tree, each raising the errno Linux uses."""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

import attrs

from file_permissions.credentials import Credentials
from file_permissions.errors import fs_error
from file_permissions.modes import STICKY, Access
from file_permissions.nodes import Directory
from file_permissions.policy import PermissionPolicy

if TYPE_CHECKING:
    from file_permissions.nodes import Node


@attrs.frozen
class Guard:
    """One set of credentials judged by one permission policy."""

    who: Credentials
    policy: PermissionPolicy

    def for_real_ids(self) -> Guard:
        """The same process as ``access(2)`` judges it: with its real ids."""
        return Guard(self.who.real(), self.policy)

    def allows(self, node: Node, want: Access) -> bool:
        """Whether the policy grants ``want`` on ``node``."""
        return self.policy.permits(self.who, node, want)

    def require(self, node: Node, want: Access, *paths: str) -> None:
        """Permission bits deny: ``EACCES``."""
        if not self.allows(node, want):
            raise fs_error(errno.EACCES, *paths)

    def owns(self, node: Node) -> bool:
        """The owner, or root (CAP_FOWNER), may change a node's mode."""
        return self.who.is_root or self.who.uid == node.uid

    def require_owner(self, node: Node, *paths: str) -> None:
        """Privilege denies: ``EPERM``."""
        if not self.owns(node):
            raise fs_error(errno.EPERM, *paths)

    def require_create_in(self, parent: Directory, *paths: str) -> None:
        """Adding an entry needs write and search on the directory: ``EACCES``."""
        self.require(parent, Access.WRITE | Access.EXECUTE, *paths)

    def require_delete_from(
        self, parent: Directory, victim: Node, *paths: str, is_dir: bool
    ) -> None:
        """The kernel's ``may_delete``: w+x on the parent, the sticky rule, then the type.

        In a sticky directory only the entry's owner, the directory's owner or root may
        remove or replace the entry.
        """
        self.require(parent, Access.WRITE | Access.EXECUTE, *paths)
        sticky = parent.mode & STICKY
        if sticky and not (self.owns(victim) or self.who.uid == parent.uid):
            raise fs_error(errno.EPERM, *paths)
        victim_is_dir = isinstance(victim, Directory)
        if is_dir and not victim_is_dir:
            raise fs_error(errno.ENOTDIR, *paths)
        if victim_is_dir and not is_dir:
            raise fs_error(errno.EISDIR, *paths)
