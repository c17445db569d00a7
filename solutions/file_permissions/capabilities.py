"""A power short of root: CAP_DAC_READ_SEARCH, as a policy wrapped around another (Decorator).

Linux splits root's powers into capabilities. A process holding ``CAP_DAC_READ_SEARCH``
(a backup service, to which systemd's ``AmbientCapabilities=`` gives it) may read any
file and read and search any directory, and nothing more. The kernel's
``generic_permission`` grants it only after the mode bits have denied, so it is a
``PermissionPolicy`` over another one: nothing else in the package changes (Open/Closed).
"""

from __future__ import annotations

from collections.abc import Container
from typing import TYPE_CHECKING

import attrs

from file_permissions.modes import Access
from file_permissions.nodes import Directory
from file_permissions.policy import PermissionPolicy

if TYPE_CHECKING:
    from file_permissions.credentials import Credentials
    from file_permissions.nodes import Node


@attrs.frozen
class DacReadSearch:
    """``then`` decides first; the processes of ``holders`` (uids) may also read and search.

    ``holders`` is read at every decision, so an account given the capability after the
    file system was built holds it from then on.
    """

    holders: Container[int]
    then: PermissionPolicy

    @property
    def supports_acls(self) -> bool:
        """As the wrapped policy: the capability does not change what a node can store."""
        return self.then.supports_acls

    def permits(self, who: Credentials, node: Node, want: Access) -> bool:
        """The wrapped decision, else the capability.

        On a directory it grants any request without write; on a file, a request for
        read alone (read with execute is still decided by the bits).
        """
        if self.then.permits(who, node, want):
            return True
        if who.uid not in self.holders:
            return False
        if isinstance(node, Directory):
            return not want & Access.WRITE
        return want == Access.READ
