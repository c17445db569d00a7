"""The errors of the kata: Linux's own ``OSError`` subclasses, and ``ValueError`` for bad input."""

from __future__ import annotations

import os


class AccountError(ValueError):
    """An unknown, duplicate or malformed user or group, named in the message."""


class ModeError(ValueError):
    """A mode that ``chmod`` rejects, or a malformed umask or access request."""


def fs_error(code: int, path: str) -> OSError:
    """The error Linux reports for ``code`` on ``path``.

    ``OSError(errno, ...)`` builds the matching builtin subclass itself: ``EACCES`` and
    ``EPERM`` give ``PermissionError``, ``ENOENT`` gives ``FileNotFoundError``, and so on.
    """
    return OSError(code, os.strerror(code), path)
