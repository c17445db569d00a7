"""The interview driver: the only functions the interview suite calls. Write them last.

Design your own classes in this package first; then make each function below translate
plain values into your objects and your answers back into plain values. The whole
contract is in ``INTERVIEW.md``, section "Driver contract". ``system`` is whatever
``new_system`` returns: the tests only pass it back (annotate it with your own class).

An operation returns ``"OK"`` (``read``: the file's text) or, when Linux would refuse it,
the name of the errno (``"EACCES"``, ``"EPERM"``, ``"ENOENT"``, ``"ENOTDIR"``,
``"EEXIST"``, ``"EISDIR"``), and a refused operation changes nothing. Bad input (an
unknown user, a malformed mode or one with a special bit, a taken or malformed name or
id) raises ``ValueError`` naming the value.
"""

from __future__ import annotations


def new_system() -> object:
    """A machine with only the user root (uid 0), the group root (gid 0) and ``/``.

    ``/`` is a directory owned by root and group root, mode ``0755``.
    """
    raise NotImplementedError


def add_group(system: object, name: str, gid: int) -> None:
    """Add a group.

    Raises:
        ValueError: the name or the gid is taken or malformed (the message names it). A
            name is not empty and holds no ``:``, ``/``, space or newline; an id is
            0 to 4294967294.
    """
    raise NotImplementedError


def add_user(  # noqa: PLR0913 - the contract passes an account as plain values
    system: object,
    name: str,
    uid: int,
    group: str,
    *,
    groups: tuple[str, ...] = (),
    capabilities: tuple[str, ...] = (),
) -> None:
    """Add a user whose primary group is ``group`` and supplementary groups ``groups``.

    Args:
        system: what ``new_system`` returned.
        name: the user name.
        uid: the user id.
        group: the name of the primary group, which must exist.
        groups: the names of the supplementary groups, which must exist.
        capabilities: change request 2 (``"CAP_DAC_READ_SEARCH"``); empty until then.

    Raises:
        ValueError: the name or uid is taken or malformed, a group or capability is
            unknown (the message names it). A refused call adds nothing.
    """
    raise NotImplementedError


def mkdir(system: object, user: str, path: str, mode: str) -> str:
    """As ``user``, make a directory with the octal ``mode`` (``"0750"``), no umask.

    Returns ``"OK"`` or the errno's name (``"EACCES"``, ``"EEXIST"``, ...).

    Raises:
        ValueError: an unknown user, or a ``mode`` that is not octal up to ``777`` (the
            system has no special bits).
    """
    raise NotImplementedError


def create(system: object, user: str, path: str, mode: str, text: str = "") -> str:
    """As ``user``, make a file holding ``text`` with the octal ``mode``, no umask.

    Returns ``"OK"`` or the errno's name.

    Raises:
        ValueError: an unknown user, or a ``mode`` that is not octal up to ``777`` (the
            system has no special bits).
    """
    raise NotImplementedError


def read(system: object, user: str, path: str) -> str:
    """As ``user``, the text of a file, or the errno's name when refused.

    Raises:
        ValueError: an unknown user.
    """
    raise NotImplementedError


def chmod(system: object, user: str, path: str, mode: str) -> str:
    """As ``user``, set the mode, given in octal (``"640"``, ``"0640"``).

    Change request 3 adds symbolic modes (``"u+x"``). Returns ``"OK"`` or the errno's name.

    Raises:
        ValueError: an unknown user, a malformed ``mode``, or one that would set a special
            bit (``"4755"``); checked before the path.
    """
    raise NotImplementedError


def can(system: object, user: str, path: str, want: str) -> bool:
    """Whether ``user`` may have every permission ``want`` names (``"r"``, ``"rw"``, ``"x"``).

    As ``faccessat(2)`` with ``AT_EACCESS``; a path the user cannot reach is False.

    Raises:
        ValueError: an unknown user, or a character of ``want`` other than r, w, x.
    """
    raise NotImplementedError


def describe(system: object, path: str) -> tuple[str, int, int]:
    """For a path that exists: ``(mode, uid, gid)``, the mode as four octal digits.

    As the administrator sees it, without any permission check: ``("0640", 1001, 500)``.
    """
    raise NotImplementedError


def denials(system: object) -> tuple[tuple[int, str, str, str], ...]:
    """Change request 1: every operation refused with ``EACCES`` or ``EPERM``, oldest first.

    Each is ``(uid, operation, path, errno)``: ``(1004, "read", "/srv/notes", "EACCES")``.
    """
    raise NotImplementedError
