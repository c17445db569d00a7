"""Mode bits: the access being asked for, the file's status and its ``ls -l`` string."""

from __future__ import annotations

import enum
import stat

import attrs

from file_permissions.errors import ModeError

SETUID, SETGID, STICKY = stat.S_ISUID, stat.S_ISGID, stat.S_ISVTX
GROUP_EXECUTE = stat.S_IXGRP
ANY_EXECUTE = stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH
PERMISSION_BITS = 0o7777


def within(value: object, high: int) -> bool:
    """Whether ``value`` is an int (not a bool) in ``0..high``; callers may pass anything."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= high


def checked_mode(mode: int) -> int:
    """``mode`` if it is a mode ``chmod(2)``, ``open`` and ``mkdir`` accept, else ``ModeError``."""
    if not within(mode, PERMISSION_BITS):
        raise ModeError(f"mode must be within 0o0000..0o7777, not {mode!r}")
    return mode


def checked_umask(umask: int) -> int:
    """``umask`` if it is one ``umask(2)`` accepts, ``0o000 .. 0o777``, else ``ModeError``."""
    if not within(umask, 0o777):
        raise ModeError(f"umask must be within 0o000..0o777, not {umask!r}")
    return umask


class Access(enum.IntFlag):
    """What a caller wants to do; the values are the kernel's MAY_READ, MAY_WRITE, MAY_EXEC."""

    NONE = 0
    READ = 4
    WRITE = 2
    EXECUTE = 1

    @classmethod
    def parse(cls, want: str) -> Access:
        """``"rx"`` -> READ | EXECUTE; ``""`` asks only whether the file exists."""
        letters = {"r": cls.READ, "w": cls.WRITE, "x": cls.EXECUTE}
        if any(letter not in letters for letter in want):
            raise ModeError(f"access wants a subset of 'rwx', not {want!r}")
        access = cls.NONE
        for letter in want:
            access |= letters[letter]
        return access


def _triad(bits: int, special: bool, set_letter: str) -> str:  # noqa: FBT001 - private helper
    read = "r" if bits & 4 else "-"
    write = "w" if bits & 2 else "-"
    if special:
        execute = set_letter if bits & 1 else set_letter.upper()
    else:
        execute = "x" if bits & 1 else "-"
    return read + write + execute


def filemode(mode: int) -> str:
    """The mode as ``ls -l`` prints it: ``drwxr-sr-x``, ``-rwSr--r--``, ``drwxrwxrwt``."""
    kind = "d" if stat.S_ISDIR(mode) else "-"
    return (
        kind
        + _triad(mode >> 6 & 7, bool(mode & SETUID), "s")
        + _triad(mode >> 3 & 7, bool(mode & SETGID), "s")
        + _triad(mode & 7, bool(mode & STICKY), "t")
    )


@attrs.frozen
class Stat:
    """What ``stat`` reports: the mode with its file type bits (as ``os.stat``) and owners."""

    mode: int
    uid: int
    gid: int

    @property
    def filemode(self) -> str:
        """The ``ls -l`` string of the mode."""
        return filemode(self.mode)
