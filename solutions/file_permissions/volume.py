"""What every session of one file system shares: the tree, the accounts and the policy."""

from __future__ import annotations

import attrs

from file_permissions.accounts import Accounts
from file_permissions.audit import AuditTrail
from file_permissions.nodes import Directory
from file_permissions.policy import PermissionPolicy


@attrs.frozen
class Volume:
    """The shared state behind the sessions."""

    root: Directory
    accounts: Accounts
    policy: PermissionPolicy
    audit: AuditTrail
