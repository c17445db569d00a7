"""A session: one process's credentials, umask and working directory, and its system calls."""

from __future__ import annotations

import errno
import functools
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from file_permissions import attributes, contents, entries
from file_permissions.acl import Acl
from file_permissions.audit import Denial
from file_permissions.guards import Guard
from file_permissions.modes import Access, checked_mode, checked_umask
from file_permissions.nodes import Directory, File
from file_permissions.paths import Resolver
from file_permissions.symbolic import compile_chmod

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


class Session:
    """What a logged-in user's shell can do (the facade): each call walks, then delegates.

    Every path walk is O(depth).
    """

    def __init__(self, volume: Volume, who: Credentials, umask: int, cwd: Directory) -> None:
        self._volume, self._who, self._umask, self._cwd = volume, who, checked_umask(umask), cwd
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
        """A file's contents."""
        return contents.read(self._guard, self._walk(path).existing(), path)

    @_audited
    def write(self, path: str, data: bytes) -> None:
        """Replace an existing file's contents."""
        contents.write(self._guard, self._walk(path).existing(), data, path)

    @_audited
    def listdir(self, path: str) -> list[str]:
        """A directory's names, sorted."""
        return contents.listdir(self._guard, self._walk(path).existing(), path)

    @_audited
    def execute(self, path: str) -> Session:
        """Run a program: the session it runs as, with setuid and setgid applied."""
        who = contents.execute(self._guard, self._walk(path).existing(), path)
        return Session(self._volume, who, self._umask, self._cwd)

    @_audited
    def chdir(self, path: str) -> None:
        """Change the working directory."""
        self._cwd = contents.enter(self._guard, self._walk(path).existing(), path)

    @_audited
    def stat(self, path: str) -> Stat:
        """A node's mode (with type bits), owner and group."""
        return self._walk(path).existing().stat()

    def access(self, path: str, want: str) -> bool:
        """Whether ``want`` (letters of ``"rwx"``) would be granted, as ``access(2)``.

        Asked with the real ids, for the whole walk; not audited (a question).
        """
        wanted = Access.parse(want)
        asker = self._guard.for_real_ids()
        node = Resolver(self._volume.root, self._cwd, asker).find(path)
        return node is not None and asker.allows(node, wanted)

    @_audited
    def create(self, path: str, mode: int = 0o666) -> None:
        """Create an empty regular file, as ``open(O_CREAT | O_EXCL)``."""
        mode = checked_mode(mode)
        who, umask = self._who, self._umask
        entries.add(self._guard, self._walk(path), lambda p: File.created(who, p, mode, umask))

    @_audited
    def mkdir(self, path: str, mode: int = 0o777) -> None:
        """Create a directory."""
        mode = checked_mode(mode)
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
        changes = compile_chmod(mode)  # a malformed mode fails before the path is walked
        node = self._walk(path).existing()
        attributes.chmod(self._guard, node, changes, self._umask, path)

    @_audited
    def chown(
        self, path: str, user: str | int | None = None, group: str | int | None = None
    ) -> None:
        """``chown(2)`` by user and group name or id; None leaves that one unchanged."""
        accounts = self._volume.accounts
        uid = None if user is None else accounts.uid_of(user)
        gid = None if group is None else accounts.gid_of(group)
        attributes.chown(self._guard, self._walk(path).existing(), uid, gid, path)

    @_audited
    def setfacl(self, path: str, acl: str) -> None:
        """Set a node's access ACL, as ``setfacl --set ACL path``."""
        accounts = self._volume.accounts
        parsed = Acl.parse(acl, accounts.uid_of, accounts.gid_of)
        attributes.setfacl(self._guard, self._walk(path).existing(), parsed, path)
