"""The Linux file permission kata: implement the API below; see README.md for the rules."""

from file_permissions.accounts import Group, User
from file_permissions.audit import AclPolicy, Denial, PosixPolicy
from file_permissions.filesystem import FileSystem, Session, Stat
from file_permissions.modes import apply_mode

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
