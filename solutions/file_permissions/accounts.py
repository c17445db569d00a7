"""Users and groups: the account database that ``/etc/passwd`` and ``/etc/group`` hold."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from file_permissions.errors import AccountError
from file_permissions.modes import within

if TYPE_CHECKING:
    from collections.abc import Iterable

FIRST_ID = 1000  # Debian's useradd and groupadd allocate from here (FIRST_UID, FIRST_GID)
MAX_ID = 2**32 - 2  # 2**32 - 1 is (uid_t) -1, which chown(2) reads as "leave unchanged"


def _valid_id(value: int) -> int:
    if not within(value, MAX_ID):
        raise AccountError(f"not a valid user or group id: {value!r}")
    return value


def _valid_name(value: str) -> str:
    if not value or any(c in value for c in ":/\n "):
        raise AccountError(f"not a valid user or group name: {value!r}")
    return value


@attrs.frozen
class Group:
    """A group: a name and a group id."""

    name: str
    gid: int


@attrs.frozen
class User:
    """A user: a name, a user id, a primary group id and supplementary group ids."""

    name: str
    uid: int
    gid: int
    groups: frozenset[int] = frozenset()


@attrs.define(eq=False)
class Accounts:
    """The users and groups of one machine; names and ids are unique."""

    _users: dict[str, User] = attrs.field(factory=dict, init=False)
    _groups: dict[str, Group] = attrs.field(factory=dict, init=False)

    def add_group(self, name: str, gid: int | None = None) -> Group:
        """Add a group; without ``gid`` take the first free id from 1000, as groupadd does."""
        _valid_name(name)
        taken = {group.gid for group in self._groups.values()}
        if name in self._groups:
            raise AccountError(f"group {name!r} already exists")
        if gid is None:
            gid = next(n for n in range(FIRST_ID, MAX_ID) if n not in taken)
        if _valid_id(gid) in taken:
            raise AccountError(f"gid {gid} is already taken")
        group = Group(name, gid)
        self._groups[name] = group
        return group

    def add_user(
        self,
        name: str,
        uid: int | None = None,
        group: str | None = None,
        groups: Iterable[str] = (),
    ) -> User:
        """Add a user; ``group=None`` creates a group named after the user with gid == uid."""
        _valid_name(name)
        supplementary = frozenset(self.group(each).gid for each in groups)
        if name in self._users:
            raise AccountError(f"user {name!r} already exists")
        taken = {user.uid for user in self._users.values()}
        if uid is None:
            gids = {g.gid for g in self._groups.values()} if group is None else set()
            uid = next(n for n in range(FIRST_ID, MAX_ID) if n not in taken | gids)
        if _valid_id(uid) in taken:
            raise AccountError(f"uid {uid} is already taken")
        gid = self.add_group(name, uid).gid if group is None else self.group(group).gid
        user = User(name, uid, gid, supplementary)
        self._users[name] = user
        return user

    def user(self, name: str) -> User:
        """The user called ``name``."""
        try:
            return self._users[name]
        except KeyError:
            raise AccountError(f"no such user: {name!r}") from None

    def group(self, name: str) -> Group:
        """The group called ``name``."""
        try:
            return self._groups[name]
        except KeyError:
            raise AccountError(f"no such group: {name!r}") from None

    def uid_of(self, user: str | int) -> int:
        """A user id: a name is looked up, a number is taken as it is (as chown(2) does)."""
        return _valid_id(user) if isinstance(user, int) else self.user(user).uid

    def gid_of(self, group: str | int) -> int:
        """A group id: a name is looked up, a number is taken as it is."""
        return _valid_id(group) if isinstance(group, int) else self.group(group).gid
