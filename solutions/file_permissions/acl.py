"""POSIX access control lists: named users and groups, limited by the mask entry."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from file_permissions.errors import ModeError

if TYPE_CHECKING:
    from collections.abc import Callable

    from file_permissions.credentials import Credentials

TAGS = {"u": "user", "user": "user", "g": "group", "group": "group"}
TAGS |= {"m": "mask", "mask": "mask", "o": "other", "other": "other"}
ENTRY = re.compile(r"(\w+):([^:]*):([r-]?[w-]?[x-]?)")


def _bits(perms: str) -> int:
    return sum(bit for letter, bit in zip("rwx", (4, 2, 1), strict=True) if letter in perms)


@attrs.frozen
class Acl:
    """An access ACL: the owner's, named users', group's and named groups' perms, mask, other."""

    owner: int
    users: tuple[tuple[int, int], ...]
    group: int
    groups: tuple[tuple[int, int], ...]
    mask: int | None
    other: int

    @classmethod
    def parse(
        cls, text: str, uid_of: Callable[[str | int], int], gid_of: Callable[[str | int], int]
    ) -> Acl:
        """``"u::rw-,u:bob:r--,g::r--,m::r--,o::---"``, as ``setfacl --set`` reads it.

        Without a mask entry, named entries get the mask setfacl computes: the union of
        the group class (named users, the owning group, named groups).
        """
        found: dict[tuple[str, str], int] = {}
        for entry in filter(None, re.split(r"[,\s]+", text)):
            match = ENTRY.fullmatch(entry)
            if match is None or match.group(1) not in TAGS:
                raise ModeError(f"malformed ACL entry {entry!r}")
            key = (TAGS[match.group(1)], match.group(2))
            if key in found or (key[0] in {"mask", "other"} and key[1]):
                raise ModeError(f"ACL entry {entry!r} is repeated or takes no name")
            found[key] = _bits(match.group(3))
        for required in (("user", ""), ("group", ""), ("other", "")):
            if required not in found:
                raise ModeError(f"ACL {text!r} lacks the entry {required[0]}::")
        users = sorted((uid_of(_id(q)), p) for (t, q), p in found.items() if t == "user" and q)
        groups = sorted((gid_of(_id(q)), p) for (t, q), p in found.items() if t == "group" and q)
        mask = found.get(("mask", ""))
        if mask is None and (users or groups):
            mask = found["group", ""]
            for _, perms in (*users, *groups):
                mask |= perms
        owner, group, other = found["user", ""], found["group", ""], found["other", ""]
        return cls(owner, tuple(users), group, tuple(groups), mask, other)

    @property
    def is_minimal(self) -> bool:
        """Nothing the mode bits cannot say: the kernel then stores no ACL at all."""
        return not (self.users or self.groups or self.mask is not None)

    def mode_bits(self) -> int:
        """The rwx bits the node's mode shows: the group class shows the mask."""
        group_class = self.group if self.mask is None else self.mask
        return self.owner << 6 | group_class << 3 | self.other

    def chmod(self, mode: int) -> Acl:
        """The ACL after ``chmod`` (``posix_acl_chmod``): the group bits set the mask.

        Only ACLs that are not minimal are kept on nodes, and those always have a mask.
        """
        return attrs.evolve(self, owner=mode >> 6 & 7, mask=mode >> 3 & 7, other=mode & 7)

    def grants(self, who: Credentials, owning_gid: int, want: int) -> bool:
        """The kernel's ``posix_acl_permission`` for a caller who is not the owner.

        ``owning_gid`` is the node's group, the one ``g::`` names.
        """
        limit = 7 if self.mask is None else self.mask
        for uid, perms in self.users:
            if uid == who.uid:
                return not want & ~(perms & limit)
        matched = False
        for gid, perms in ((owning_gid, self.group), *self.groups):
            if who.in_group(gid):
                matched = True
                if not want & ~perms:
                    return not want & ~(perms & limit)
        return not matched and not want & ~self.other


def _id(qualifier: str) -> str | int:
    return int(qualifier) if qualifier.isdigit() else qualifier
