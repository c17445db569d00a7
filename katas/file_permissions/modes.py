"""GNU chmod's mode language."""

from __future__ import annotations


def apply_mode(spec: str, mode: int, *, is_dir: bool = False, umask: int = 0o022) -> int:
    """The permission bits ``/bin/chmod -- SPEC`` gives a file whose mode is ``mode``.

    Pure: nothing on disk changes. ``spec`` is octal (``"755"``, ``"04755"``) or symbolic
    (``"u+rwx,g-w,o=r"``, ``"a+X"``, ``"g=u"``, ``"+t"``). File type bits in ``mode`` are
    ignored and not returned; ``is_dir`` says whether the file is a directory, ``umask``
    is the umask chmod runs with.

    Raises:
        ValueError: for a mode ``chmod`` rejects (the message holds ``invalid mode: `` and
            the mode's repr), or a umask outside ``0o000..0o777``.
    """
    raise NotImplementedError
