"""The credentials a process acts with: its user id, group id and supplementary groups."""

from __future__ import annotations

import attrs


@attrs.frozen
class Credentials:
    """Who is asking: the effective ids every call is checked with, and the real ones.

    A setuid or setgid program changes the effective ids only; ``access(2)`` alone asks
    with the real ones (the kernel's ``access_override_creds``).
    """

    uid: int
    gid: int
    groups: frozenset[int]
    real_uid: int = attrs.field(default=attrs.Factory(lambda self: self.uid, takes_self=True))
    real_gid: int = attrs.field(default=attrs.Factory(lambda self: self.gid, takes_self=True))

    def real(self) -> Credentials:
        """The same process as ``access(2)`` sees it: the real ids acting as effective."""
        return Credentials(self.real_uid, self.real_gid, self.groups)

    @property
    def is_root(self) -> bool:
        """Uid 0 holds every capability (CAP_DAC_OVERRIDE, CAP_FOWNER, CAP_CHOWN, ...)."""
        return self.uid == 0

    def in_group(self, gid: int) -> bool:
        """The kernel's ``in_group_p``: the group id, or one of the supplementary groups."""
        return gid == self.gid or gid in self.groups
