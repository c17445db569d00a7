"""The composition root: builds the tree, the accounts and the policy, and logs users in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from file_permissions.accounts import Accounts, Group, User
from file_permissions.audit import AuditTrail, Denial
from file_permissions.credentials import Credentials
from file_permissions.nodes import Directory
from file_permissions.policy import PermissionPolicy, PosixPolicy
from file_permissions.session import Session
from file_permissions.volume import Volume

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable


class FileSystem:
    """A Linux machine: ``/`` is root's, mode 0o755; the root user and group exist."""

    def __init__(self, policy: PermissionPolicy | None = None) -> None:
        """``policy`` decides permissions (the Strategy); the default has no ACLs."""
        accounts = Accounts()
        accounts.add_user("root", uid=0)
        root = Directory(0o755, 0, 0)
        self._volume = Volume(root, accounts, policy or PosixPolicy(), AuditTrail())

    def subscribe(self, listener: Callable[[Denial], object]) -> Callable[[], None]:
        """Hear of every ``PermissionError`` any session gets; returns the unsubscriber."""
        return self._volume.audit.subscribe(listener)

    def add_group(self, name: str, gid: int | None = None) -> Group:
        """Add a group (``groupadd``)."""
        return self._volume.accounts.add_group(name, gid)

    def add_user(
        self,
        name: str,
        uid: int | None = None,
        group: str | None = None,
        groups: Iterable[str] = (),
    ) -> User:
        """Add a user (``useradd``); see ``Accounts.add_user``."""
        return self._volume.accounts.add_user(name, uid, group, groups)

    def login(self, name: str, umask: int = 0o022) -> Session:
        """A session of ``name`` in ``/``; its groups are the primary and the supplementary ones.

        This is the Factory of sessions: ``initgroups`` puts the primary group among the
        supplementary ones, as ``login`` does.
        """
        user = self._volume.accounts.user(name)
        who = Credentials(user.uid, user.gid, user.groups | {user.gid})
        return Session(self._volume, who, umask, self._volume.root)
