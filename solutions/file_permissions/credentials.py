"""The credentials a process acts with: its user id, group id and supplementary groups."""

from __future__ import annotations

import attrs


@attrs.frozen
class Credentials:
    """Who is asking. The kernel checks the effective ids; here they are the only ids."""

    uid: int
    gid: int
    groups: frozenset[int]

    @property
    def is_root(self) -> bool:
        """Uid 0 holds every capability (CAP_DAC_OVERRIDE, CAP_FOWNER, CAP_CHOWN, ...)."""
        return self.uid == 0

    def in_group(self, gid: int) -> bool:
        """The kernel's ``in_group_p``: the group id, or one of the supplementary groups."""
        return gid == self.gid or gid in self.groups
