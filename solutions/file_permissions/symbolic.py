"""GNU chmod's mode language: octal and symbolic modes, compiled and applied as coreutils does."""

from __future__ import annotations

import enum
import re

import attrs

from file_permissions.errors import ModeError
from file_permissions.modes import (
    ANY_EXECUTE,
    PERMISSION_BITS,
    SETGID,
    SETUID,
    STICKY,
    checked_mode,
    checked_umask,
)

READ, WRITE = 0o444, 0o222
WHO = {"u": SETUID | 0o700, "g": SETGID | 0o070, "o": STICKY | 0o007, "a": PERMISSION_BITS}
PERMS = {"r": READ, "w": WRITE, "x": ANY_EXECUTE, "X": 0, "s": SETUID | SETGID, "t": STICKY}
COPIES = {"u": 0o700, "g": 0o070, "o": 0o007}
OCTAL = re.compile(r"[0-7]+")
# One clause: who-letters, then actions; an action is an octal number, a copy or perms.
CLAUSE = re.compile(r"([ugoa]*)((?:[-+=](?:[0-7]+|[ugo]|[rwxXst]*))+)")
ACTION = re.compile(r"([-+=])([0-7]+|[ugo]|[rwxXst]*)")


class Kind(enum.Enum):
    """How an action finds its bits (coreutils' MODE_ORDINARY_CHANGE and friends)."""

    ORDINARY = enum.auto()
    COPY = enum.auto()  # "g=u": the bits another class has now
    X_IF_ANY_X = enum.auto()  # "X": execute if a directory or already executable by someone


@attrs.frozen
class Change:
    """One compiled action: ``op`` on ``value`` limited to ``affected`` (0: none named)."""

    op: str
    kind: Kind
    affected: int
    value: int
    mentioned: int

    def apply(self, mode: int, *, is_dir: bool, umask: int) -> int:
        """The mode after this action (coreutils' ``mode_adjust``, one step)."""
        omit = (SETUID | SETGID) & ~self.mentioned if is_dir else 0
        value = self.value
        if self.kind is Kind.COPY:
            value &= mode
            value = _spread(value)
        elif self.kind is Kind.X_IF_ANY_X and (mode & ANY_EXECUTE or is_dir):
            value |= ANY_EXECUTE
        # Without who-letters the umask limits the change.
        value &= (self.affected or ~umask) & ~omit
        if self.op == "=":
            preserved = (~self.affected if self.affected else 0) | omit
            return (mode & preserved) | value
        if self.op == "+":
            return mode | value
        return mode & ~value


def _spread(bits: int) -> int:
    """Copy each of r, w, x found in any class to all three classes."""
    spread = 0
    for triad in (READ, WRITE, ANY_EXECUTE):
        if bits & triad:
            spread |= triad
    return spread


def _octal(digits: str, spec: str) -> int:
    value = 0
    for digit in digits:
        value = value * 8 + int(digit)
        if value > PERMISSION_BITS:
            raise ModeError(f"invalid mode: {spec!r}")
    return value


def compile_mode(spec: str) -> tuple[Change, ...]:
    """Compile a mode as ``chmod`` does (``mode_compile``), or raise ``ModeError``."""
    if OCTAL.fullmatch(spec):
        value = _octal(spec, spec)
        # Fewer than five digits leave a directory's setuid and setgid alone.
        mentioned = value | 0o777 if len(spec) < 5 else PERMISSION_BITS
        return (Change("=", Kind.ORDINARY, PERMISSION_BITS, value, mentioned),)
    changes = []
    for clause in spec.split(","):
        match = CLAUSE.fullmatch(clause)
        if match is None:
            raise ModeError(f"invalid mode: {spec!r}")
        affected = 0
        for letter in match.group(1):
            affected |= WHO[letter]
        actions = ACTION.findall(match.group(2))
        for index, (op, operand) in enumerate(actions, start=1):
            changes.append(_action(op, operand, affected, spec, last=index == len(actions)))
    return tuple(changes)


def _action(op: str, operand: str, affected: int, spec: str, *, last: bool) -> Change:
    if OCTAL.fullmatch(operand):
        # "=755" is allowed, but not after who-letters nor followed by another action;
        # it affects every bit and ignores the umask.
        if affected or not last:
            raise ModeError(f"invalid mode: {spec!r}")
        value = _octal(operand, spec)
        return Change(op, Kind.ORDINARY, PERMISSION_BITS, value, PERMISSION_BITS)
    if operand in COPIES:
        value = COPIES[operand]
        return Change(op, Kind.COPY, affected, value, affected & value if affected else value)
    value = 0
    for letter in operand:
        value |= PERMS[letter]
    kind = Kind.X_IF_ANY_X if "X" in operand else Kind.ORDINARY
    return Change(op, kind, affected, value, affected & value if affected else value)


def compile_chmod(mode: int | str) -> tuple[Change, ...]:
    """What ``Session.chmod`` is given, compiled: an int is ``chmod(2)``'s exact mode.

    The int sets every bit, so a directory's setuid and setgid follow it too.
    """
    if isinstance(mode, str):
        return compile_mode(mode)
    return (Change("=", Kind.ORDINARY, PERMISSION_BITS, checked_mode(mode), PERMISSION_BITS),)


def apply_mode(spec: str, mode: int, *, is_dir: bool = False, umask: int = 0o022) -> int:
    """The permission bits GNU ``chmod -- SPEC`` gives a file whose mode is ``mode``.

    Pure. File type bits in ``mode`` are ignored and not returned. ``ValueError`` (a
    ``ModeError``) for a mode ``chmod`` rejects, or a umask outside ``0o000..0o777``.
    """
    return adjust(compile_mode(spec), mode, is_dir=is_dir, umask=checked_umask(umask))


def adjust(changes: tuple[Change, ...], mode: int, *, is_dir: bool, umask: int) -> int:
    """Apply compiled changes in order (coreutils' ``mode_adjust``)."""
    result = mode & PERMISSION_BITS
    for change in changes:
        result = change.apply(result, is_dir=is_dir, umask=umask)
    return result
