"""The Linux file permission kata: users, groups, mode bits and the kernel's checks."""

from file_permissions.accounts import Group, User
from file_permissions.audit import Denial
from file_permissions.filesystem import FileSystem
from file_permissions.modes import Stat
from file_permissions.policy import AclPolicy, PosixPolicy
from file_permissions.session import Session
from file_permissions.symbolic import apply_mode

__all__ = [
    "AclPolicy",
    "Denial",
    "FileSystem",
    "Group",
    "PosixPolicy",
    "Session",
    "Stat",
    "User",
    "apply_mode",
]
