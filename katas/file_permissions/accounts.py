"""Users and groups, as ``add_user`` and ``add_group`` return them."""

from __future__ import annotations

import attrs


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
