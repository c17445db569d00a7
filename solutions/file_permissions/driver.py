"""The interview driver over the reference design: plain values in, errno names out (Adapter).

The interview suite talks only to these functions (``katas/file_permissions/INTERVIEW.md``,
"Driver contract"). Each one translates plain values into the package's objects (a user
name into a session, an octal string into a mode), calls the public API, and translates
the answer back: an ``OSError`` into the name of its errno, a ``Stat`` into a tuple.
Nothing here decides a permission.
"""

from __future__ import annotations

import errno
import re
import stat
from typing import TYPE_CHECKING

import attrs

from file_permissions import Denial, FileSystem, PosixPolicy, apply_mode
from file_permissions.capabilities import DacReadSearch

if TYPE_CHECKING:
    from collections.abc import Callable

    from file_permissions import Session

OK = "OK"
OCTAL = re.compile(r"[0-7]+")
READ_SEARCH = "CAP_DAC_READ_SEARCH"


@attrs.define(eq=False)
class System:
    """One machine, the denials its audit trail reported, and who holds CAP_DAC_READ_SEARCH."""

    fs: FileSystem
    denied: list[Denial] = attrs.field(factory=list)
    readers: set[int] = attrs.field(factory=set)


def new_system() -> System:
    """A machine with only root, its group and ``/``; the composition root of the driver."""
    readers: set[int] = set()
    system = System(FileSystem(policy=DacReadSearch(readers, PosixPolicy())), readers=readers)
    system.fs.subscribe(system.denied.append)
    return system


def add_group(system: System, name: str, gid: int) -> None:
    """Add a group; ``ValueError`` naming a taken name or gid."""
    system.fs.add_group(name, gid)


def add_user(  # noqa: PLR0913 - the contract passes an account as plain values
    system: System,
    name: str,
    uid: int,
    group: str,
    *,
    groups: tuple[str, ...] = (),
    capabilities: tuple[str, ...] = (),
) -> None:
    """Add a user; ``ValueError`` naming a taken name or uid, an unknown group or capability."""
    unknown = [capability for capability in capabilities if capability != READ_SEARCH]
    if unknown:
        raise ValueError(f"unknown capability {unknown[0]!r}; the one known is {READ_SEARCH!r}")
    system.fs.add_user(name, uid, group, groups)
    if capabilities:
        system.readers.add(uid)


def mkdir(system: System, user: str, path: str, mode: str) -> str:
    """As ``user``, make a directory with the octal ``mode``; ``"OK"`` or the errno's name."""
    bits = _octal(mode)
    session = _login(system, user)
    return _attempt(lambda: session.mkdir(path, bits))


def create(system: System, user: str, path: str, mode: str, text: str = "") -> str:
    """As ``user``, make a file holding ``text``; ``"OK"`` or the errno's name."""
    bits = _octal(mode)
    session = _login(system, user)

    def made() -> None:
        session.create(path, bits)
        if text:
            # open(O_CREAT) hands its creator a writable descriptor whatever the mode; the
            # reference has no descriptors, so the text goes in as root writes it (root's
            # writes clear no bits).
            _login(system, "root").write(path, text.encode())

    return _attempt(made)


def read(system: System, user: str, path: str) -> str:
    """As ``user``, the text of a file, or the errno's name."""
    session = _login(system, user)
    try:
        return session.read(path).decode()
    except OSError as error:
        return _name(error)


def chmod(system: System, user: str, path: str, mode: str) -> str:
    """As ``user``, set the mode (octal, or symbolic as GNU chmod); ``"OK"`` or the errno's name.

    The session's umask is 0: the system has none, so a mode without who-letters is ``a``.
    """
    _without_special_bits(mode)
    session = _login(system, user)
    return _attempt(lambda: session.chmod(path, mode))


def can(system: System, user: str, path: str, want: str) -> bool:
    """Whether ``user`` may have every permission ``want`` names; False if unreachable."""
    return _login(system, user).access(path, want)


def describe(system: System, path: str) -> tuple[str, int, int]:
    """The mode as four octal digits, the owner's uid and the group's gid, seen by root."""
    status = _login(system, "root").stat(path)
    return f"{stat.S_IMODE(status.mode):04o}", status.uid, status.gid


def denials(system: System) -> tuple[tuple[int, str, str, str], ...]:
    """Every operation refused with ``EACCES`` or ``EPERM``, oldest first."""
    return tuple(
        (denial.uid, denial.operation, denial.path, errno.errorcode[denial.errno])
        for denial in system.denied
    )


def _login(system: System, user: str) -> Session:
    """A new process of ``user``; the system has no umask, so the session's is 0."""
    return system.fs.login(user, umask=0)


def _octal(mode: str) -> int:
    if not OCTAL.fullmatch(mode):
        raise ValueError(f"invalid mode: {mode!r}")
    _without_special_bits(mode)
    return int(mode, 8)


def _without_special_bits(mode: str) -> None:
    """The interview's system has no setuid, setgid or sticky bit: refuse a mode that sets one.

    A mode sets a special bit on a file that has none only through ``s``, ``t`` or an
    octal value above ``0o777``; ``apply_mode`` also refuses what GNU chmod refuses.
    """
    if apply_mode(mode, 0, umask=0) & ~0o777:
        raise ValueError(f"invalid mode: {mode!r}: this system has no special bits")


def _attempt(operation: Callable[[], None]) -> str:
    try:
        operation()
    except OSError as error:
        return _name(error)
    return OK


def _name(error: OSError) -> str:
    """The errno's name, as ``errno.errorcode`` spells it (``EACCES``)."""
    return errno.errorcode[error.errno]  # type: ignore[index] # the package always sets errno
