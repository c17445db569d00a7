"""The kernel's rules for setuid and setgid: who keeps setgid, and what a change clears."""

from __future__ import annotations

from typing import TYPE_CHECKING

from file_permissions.modes import GROUP_EXECUTE, SETGID, SETUID

if TYPE_CHECKING:
    from file_permissions.credentials import Credentials


def is_setgid_program(mode: int) -> bool:
    """Setgid with group execute: a program that runs with its file's group.

    Without group execute the bit changes nothing when the file runs: it once marked the
    file for mandatory locking, which Linux removed in 5.15.
    """
    return mode & (SETGID | GROUP_EXECUTE) == SETGID | GROUP_EXECUTE


def may_keep_setgid(who: Credentials, gid: int) -> bool:
    """The kernel's ``in_group_or_capable``: root, or a member of the node's group ``gid``."""
    return who.is_root or who.in_group(gid)


def setgid_kept_if_allowed(who: Credentials, gid: int, mode: int) -> int:
    """``mode`` as chmod and setfacl set it: setgid silently dropped if ``who`` may not keep it."""
    return mode if may_keep_setgid(who, gid) else mode & ~SETGID


def cleared_by_change(who: Credentials, gid: int, mode: int) -> int:
    """A regular file's mode after chown or a write (``setattr_should_drop_suidgid``).

    Setuid always goes. Setgid goes from a setgid program, and, since Linux 6.2, from any
    file whose group ``gid`` the caller may not keep setgid for.
    """
    drops_setgid = mode & GROUP_EXECUTE or not may_keep_setgid(who, gid)
    return mode & ~SETUID & ~(SETGID if drops_setgid else 0)
