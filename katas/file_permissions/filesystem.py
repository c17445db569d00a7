"""The file system, its sessions, and what ``stat`` reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from file_permissions.accounts import Group, User
    from file_permissions.audit import AclPolicy, Denial, PosixPolicy


@attrs.frozen
class Stat:
    """What ``stat`` reports about a node."""

    mode: int  # permission bits and the file type bits (stat.S_IFDIR or stat.S_IFREG)
    uid: int
    gid: int

    @property
    def filemode(self) -> str:
        """The mode as ``ls -l`` prints it, e.g. ``drwxr-sr-x`` or ``-rwSr--r--``."""
        raise NotImplementedError


class FileSystem:
    """A Linux machine: ``/`` is a directory of root:root, mode 0o755.

    The user ``root`` (uid 0) and the group ``root`` (gid 0) exist from the start.
    """

    def __init__(self, policy: PosixPolicy | AclPolicy | None = None) -> None:
        """``policy`` decides every permission (step 7); None means ``PosixPolicy()``."""
        raise NotImplementedError

    def subscribe(self, listener: Callable[[Denial], object]) -> Callable[[], None]:
        """Report every ``PermissionError`` any session gets to ``listener`` (step 7).

        Returns a callable that unsubscribes (calling it again does nothing). A listener
        that raises is logged on the ``file_permissions.audit`` logger; the other
        listeners still hear of the denial, and the caller still gets its error.
        """
        raise NotImplementedError

    def add_group(self, name: str, gid: int | None = None) -> Group:
        """Add a group; without ``gid``, the first free gid from 1000.

        Returns ``Group(name, gid)``.

        Raises:
            ValueError: a name or gid already taken, or malformed (the message names it).
        """
        raise NotImplementedError

    def add_user(
        self,
        name: str,
        uid: int | None = None,
        group: str | None = None,
        groups: Iterable[str] = (),
    ) -> User:
        """Add a user; returns ``User(name, uid, gid, groups)``.

        ``gid`` is the primary group's id and ``groups`` the frozenset of the supplementary
        groups' ids (the primary group is not among them).

        Args:
            name: the user name.
            uid: the user id; None takes the first id from 1000 that is free as a uid (and,
                when a personal group is to be created, also free as a gid).
            group: the primary group's name; None creates a group named after the user,
                with gid == uid (as Debian's useradd does).
            groups: names of supplementary groups.

        Raises:
            ValueError: an unknown group, a name or id already taken or malformed, or a
                personal group whose name or gid is taken. A refused call adds nothing.
        """
        raise NotImplementedError

    def login(self, name: str, umask: int = 0o022) -> Session:
        """A session of user ``name``, in ``/``, with the primary group among its groups.

        The session acts with the user's uid and primary gid.

        Raises:
            ValueError: an unknown user, or a umask outside ``0o000..0o777``.
        """
        raise NotImplementedError


class Session:
    """A process: credentials, umask and working directory, and its system calls.

    Every method that takes a path raises the ``OSError`` subclass Linux raises, with
    ``errno`` set as Linux sets it; a refused operation changes nothing.
    """

    @property
    def uid(self) -> int:
        """The user id the session acts with (the effective one after a setuid program)."""
        raise NotImplementedError

    @property
    def gid(self) -> int:
        """The group id the session acts with (the effective one after a setgid program)."""
        raise NotImplementedError

    @property
    def groups(self) -> frozenset[int]:
        """The supplementary group ids (the primary group among them after ``login``)."""
        raise NotImplementedError

    @property
    def umask(self) -> int:
        """The bits removed from the mode of every node this session creates."""
        raise NotImplementedError

    @property
    def cwd(self) -> str:
        """The absolute path of the working directory."""
        raise NotImplementedError

    def read(self, path: str) -> bytes:
        """The bytes last written to a file (``b""`` for a new one); needs r.

        A directory is ``EISDIR`` once r is granted.
        """
        raise NotImplementedError

    def write(self, path: str, data: bytes) -> None:
        """Replace the contents of an existing file (``ENOENT`` if missing); needs w.

        A directory is always ``EISDIR``. A non-root write clears setuid, and setgid as
        step 5 of the spec says.
        """
        raise NotImplementedError

    def listdir(self, path: str) -> list[str]:
        """The names in a directory, sorted, without ``.`` and ``..``; needs r (not x).

        A file is ``ENOTDIR``, checked before the permission.
        """
        raise NotImplementedError

    def execute(self, path: str) -> Session:
        """Run a program (x needed); the session it runs as (setuid and setgid applied).

        Its uid and gid are the effective ids; its real ids, which ``access`` uses, stay
        those of the session that logged in. A directory is ``EACCES``.
        """
        raise NotImplementedError

    def chdir(self, path: str) -> None:
        """Change the working directory; needs x, and ``ENOTDIR`` first for a file."""
        raise NotImplementedError

    def stat(self, path: str) -> Stat:
        """The mode, owner and group of a node; needs nothing on the node itself."""
        raise NotImplementedError

    def access(self, path: str, want: str) -> bool:
        """Whether ``want`` (letters of ``"rwx"``) would be granted, as ``access(2)``.

        Asked with the real ids. ``""`` asks only whether the path leads somewhere; any
        failure to reach the node is False. ValueError for any other character, checked
        before the path.
        """
        raise NotImplementedError

    def create(self, path: str, mode: int = 0o666) -> None:
        """Create an empty regular file, as ``open(path, O_CREAT | O_EXCL, mode)``."""
        raise NotImplementedError

    def mkdir(self, path: str, mode: int = 0o777) -> None:
        """Create a directory, as ``mkdir(2)``."""
        raise NotImplementedError

    def unlink(self, path: str) -> None:
        """Remove a file, as ``unlink(2)``."""
        raise NotImplementedError

    def rmdir(self, path: str) -> None:
        """Remove an empty directory, as ``rmdir(2)``."""
        raise NotImplementedError

    def rename(self, src: str, dst: str) -> None:
        """Move ``src`` to ``dst``, replacing ``dst``, as ``rename(2)``."""
        raise NotImplementedError

    def chmod(self, path: str, mode: int | str) -> None:
        """An int: exactly ``chmod(2)``; a str: what ``/bin/chmod -- MODE path`` does."""
        raise NotImplementedError

    def chown(
        self, path: str, user: str | int | None = None, group: str | int | None = None
    ) -> None:
        """``chown(2)``, by name or id; None leaves the owner or the group unchanged."""
        raise NotImplementedError

    def setfacl(self, path: str, acl: str) -> None:
        """Set the access ACL, as ``setfacl --set ACL path`` (step 7).

        ``acl`` is e.g. ``"u::rw-,u:bob:r--,g::r--,g:staff:rw-,m::r--,o::---"``; named
        users and groups by name or id. Checked in this order: the text (ValueError), the
        walk, ACL support (``EOPNOTSUPP`` under ``PosixPolicy``), the owner or root
        (``EPERM``).
        """
        raise NotImplementedError
