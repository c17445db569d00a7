"""The Linux file permission kata: users, groups, mode bits and the kernel's checks."""

from file_permissions.accounts import Group, User
from file_permissions.filesystem import FileSystem
from file_permissions.modes import Stat
from file_permissions.session import Session
from file_permissions.symbolic import apply_mode

__all__ = ["FileSystem", "Group", "Session", "Stat", "User", "apply_mode"]
