"""What the audit trail reports, and the permission policies a file system can use."""

from __future__ import annotations

import attrs


@attrs.frozen
class Denial:
    """An operation refused with ``PermissionError``: who, what, where, and the errno."""

    uid: int
    gid: int
    operation: str  # the Session method's name: "read", "chmod", "rename", ...
    path: str  # the path it was given (for rename, the source)
    errno: int


class PosixPolicy:
    """Permissions from the mode bits only; ACLs are not supported (the default)."""

    def __init__(self) -> None:
        raise NotImplementedError


class AclPolicy:
    """Permissions from the mode bits and POSIX access ACLs, as Linux decides them."""

    def __init__(self) -> None:
        raise NotImplementedError
