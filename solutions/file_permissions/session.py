"""A session: one process's credentials, umask and working directory, and its system calls."""

from __future__ import annotations

import errno
import functools
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from file_permissions import attributes, entries
from file_permissions.acl import Acl
from file_permissions.audit import Denial
from file_permissions.errors import ModeError, fs_error
from file_permissions.guards import Guard
from file_permissions.modes import PERMISSION_BITS, Access, within
from file_permissions.nodes import Directory, File
from file_permissions.paths import Resolver
from file_permissions.symbolic import adjust, compile_mode

if TYPE_CHECKING:
    from collections.abc import Callable

    from file_permissions.credentials import Credentials
    from file_permissions.modes import Stat
    from file_permissions.paths import Lookup
    from file_permissions.volume import Volume


P = ParamSpec("P")
R = TypeVar("R")


def _audited(
    call: Callable[Concatenate[Session, str, P], R],
) -> Callable[Concatenate[Session, str, P], R]:
    """Report a ``PermissionError`` to the audit trail, then let it propagate."""

    @functools.wraps(call)
    def audited(self: Session, path: str, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return call(self, path, *args, **kwargs)
        except PermissionError as denied:
            code = denied.errno or errno.EACCES
            denial = Denial(self.uid, self.gid, call.__name__, path, code)
            self._volume.audit.publish(denial)
            raise

    return audited


def _checked_mode(mode: int) -> int:
    if not within(mode, PERMISSION_BITS):
        raise ModeError(f"mode must be within 0o0000..0o7777, not {mode!r}")
    return mode


class Session:
    """What a logged-in user's shell can do; every path walk is O(depth)."""

    def __init__(self, volume: Volume, who: Credentials, umask: int, cwd: Directory) -> None:
        if not within(umask, 0o777):
            raise ModeError(f"umask must be within 0o000..0o777, not {umask!r}")
        self._volume, self._who, self._umask, self._cwd = volume, who, umask, cwd
        self._guard = Guard(who, volume.policy)

    @property
    def uid(self) -> int:
        """The user id the session acts with (the effective one after a setuid program)."""
        return self._who.uid

    @property
    def gid(self) -> int:
        """The group id the session acts with."""
        return self._who.gid

    @property
    def groups(self) -> frozenset[int]:
        """The supplementary group ids; ``login`` puts the primary group among them."""
        return self._who.groups

    @property
    def umask(self) -> int:
        """The bits removed from the mode of every node this session creates."""
        return self._umask

    @property
    def cwd(self) -> str:
        """The working directory's absolute path."""
        return self._cwd.path()

    def _walk(self, path: str) -> Lookup:
        return Resolver(self._volume.root, self._cwd, self._guard).walk(path)

    @_audited
    def read(self, path: str) -> bytes:
        """A file's contents: read permission; a directory is ``EISDIR`` once readable."""
        node = self._walk(path).existing()
        self._guard.require(node, Access.READ, path)
        if not isinstance(node, File):
            raise fs_error(errno.EISDIR, path)
        return node.data

    @_audited
    def write(self, path: str, data: bytes) -> None:
        """Replace an existing file's contents; a non-root writer clears setuid."""
        node = self._walk(path).existing()
        if not isinstance(node, File):
            raise fs_error(errno.EISDIR, path)
        self._guard.require(node, Access.WRITE, path)
        node.mode = attributes.privileges_dropped(self._who, node)
        node.data = bytes(data)

    @_audited
    def listdir(self, path: str) -> list[str]:
        """A directory's names, sorted: read permission on it."""
        node = self._walk(path).existing()
        if not isinstance(node, Directory):
            raise fs_error(errno.ENOTDIR, path)
        self._guard.require(node, Access.READ, path)
        return sorted(node.entries)

    @_audited
    def execute(self, path: str) -> Session:
        """Run a program: the session it runs as, with setuid and setgid applied."""
        node = self._walk(path).existing()
        if node.is_dir:
            raise fs_error(errno.EACCES, path)
        self._guard.require(node, Access.EXECUTE, path)
        who = attributes.executed(self._who, node)
        return Session(self._volume, who, self._umask, self._cwd)

    @_audited
    def chdir(self, path: str) -> None:
        """Change the working directory: search permission on it."""
        node = self._walk(path).existing()
        if not isinstance(node, Directory):
            raise fs_error(errno.ENOTDIR, path)
        self._guard.require(node, Access.EXECUTE, path)
        self._cwd = node

    @_audited
    def stat(self, path: str) -> Stat:
        """A node's mode (with type bits), owner and group."""
        return self._walk(path).existing().stat()

    def access(self, path: str, want: str) -> bool:
        """Whether ``want`` (a subset of ``"rwx"``) would be granted, as ``access(2)``."""
        wanted = Access.parse(want)
        asker = Guard(self._who.real(), self._volume.policy)
        try:
            node = Resolver(self._volume.root, self._cwd, asker).walk(path).existing()
        except OSError:
            return False
        return asker.allows(node, wanted)

    @_audited
    def create(self, path: str, mode: int = 0o666) -> None:
        """Create an empty regular file, as ``open(O_CREAT | O_EXCL)``."""
        mode = _checked_mode(mode)
        who, umask = self._who, self._umask
        entries.add(self._guard, self._walk(path), lambda p: File.created(who, p, mode, umask))

    @_audited
    def mkdir(self, path: str, mode: int = 0o777) -> None:
        """Create a directory."""
        mode = _checked_mode(mode)
        who, umask = self._who, self._umask
        make = lambda p: Directory.created(who, p, mode, umask)  # noqa: E731 - fits one line
        entries.add(self._guard, self._walk(path), make)

    @_audited
    def unlink(self, path: str) -> None:
        """Remove a file."""
        entries.unlink(self._guard, self._walk(path))

    @_audited
    def rmdir(self, path: str) -> None:
        """Remove an empty directory."""
        entries.rmdir(self._guard, self._walk(path))

    @_audited
    def rename(self, src: str, dst: str) -> None:
        """Move or rename ``src`` to ``dst``, replacing ``dst`` if it exists."""
        resolver = Resolver(self._volume.root, self._cwd, self._guard)
        old = resolver.walk(src, src, dst)
        entries.rename(self._guard, old, resolver.walk(dst, src, dst))

    @_audited
    def chmod(self, path: str, mode: int | str) -> None:
        """``chmod(2)`` for an int; for a str, what ``/bin/chmod -- MODE path`` does."""
        if isinstance(mode, str):
            changes = compile_mode(mode)  # a malformed mode fails before the path is walked
            node = self._walk(path).existing()
            mode = adjust(changes, node.mode, is_dir=node.is_dir, umask=self._umask)
        else:
            mode = _checked_mode(mode)
            node = self._walk(path).existing()
        attributes.chmod(self._guard, node, mode, path)

    @_audited
    def chown(
        self, path: str, user: str | int | None = None, group: str | int | None = None
    ) -> None:
        """``chown(2)`` by user and group name or id; None leaves that one unchanged."""
        accounts = self._volume.accounts
        uid = None if user is None else accounts.uid_of(user)
        gid = None if group is None else accounts.gid_of(group)
        node = self._walk(path).existing()
        attributes.chown(self._guard, node, uid, gid, path)

    @_audited
    def setfacl(self, path: str, acl: str) -> None:
        """Set a node's access ACL, as ``setfacl --set ACL path``."""
        accounts = self._volume.accounts
        parsed = Acl.parse(acl, accounts.uid_of, accounts.gid_of)
        node = self._walk(path).existing()
        attributes.setfacl(self._guard, node, parsed, path)
