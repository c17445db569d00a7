"""The errors of the kata: Linux's own ``OSError`` subclasses, and ``ValueError`` for bad input."""

from __future__ import annotations

import os


class AccountError(ValueError):
    """An unknown, duplicate or malformed user or group, named in the message."""


class ModeError(ValueError):
    """A mode that ``chmod`` rejects, or a malformed umask or access request."""


def fs_error(code: int, *paths: str) -> OSError:
    """The error Linux reports for ``code``, naming the paths as Python's ``os`` does.

    One path is the error's ``filename``; a second (``rename``) is its ``filename2``.
    ``OSError(errno, ...)`` builds the matching builtin subclass itself: ``EACCES`` and
    ``EPERM`` give ``PermissionError``, ``ENOENT`` gives ``FileNotFoundError``, and so on.
    """
    if len(paths) == 2:
        return OSError(code, os.strerror(code), paths[0], None, paths[1])
    return OSError(code, os.strerror(code), *paths)
