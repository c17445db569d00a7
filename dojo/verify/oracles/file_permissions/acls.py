"""The ACL policy against the kernel's POSIX ACLs (ext4 and tmpfs support them). Needs root.

Each case sets the same access ACL on a file in memory (``Session.setfacl``) and on disk
(the ``system.posix_acl_access`` extended attribute, which is what setfacl(1) writes),
optionally lets root chmod it, then asks ``access`` for every subset of rwx as some user,
on disk in a forked child with that user's credentials.
"""

from __future__ import annotations

import os
import shutil
import stat
import struct
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
from file_permissions import AclPolicy

from dojo.verify.check import Check
from dojo.verify.oracles.file_permissions import kernel
from dojo.verify.oracles.file_permissions.disk import become, in_child, scratch
from dojo.verify.oracles.file_permissions.world import GIDS, IDS, UIDS, machine, machine_code

if TYPE_CHECKING:
    import random
    from collections.abc import Iterator

ACTORS = tuple(IDS)
WANTS = ("", "r", "w", "x", "rw", "rx", "wx", "rwx")
# The on-disk form of an access ACL: a version, then (tag, perms, id) sorted by tag and id.
USER_OBJ, USER, GROUP_OBJ, GROUP, MASK, OTHER = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20
NO_ID = 0xFFFFFFFF


def _perms(bits: int) -> str:
    return "".join(c if bits & b else "-" for c, b in zip("rwx", (4, 2, 1), strict=True))


@attrs.frozen
class AclCase:
    """A file, its ACL, an optional chmod by root after it, and who asks."""

    uid: int
    gid: int
    mode: int
    owner: int
    users: tuple[tuple[int, int], ...]
    group: int
    groups: tuple[tuple[int, int], ...]
    mask: int | None
    other: int
    chmod: int | None
    actor: str

    def text(self) -> str:
        """The ACL as setfacl reads it."""
        entries = [f"u::{_perms(self.owner)}"]
        entries += [f"u:{uid}:{_perms(p)}" for uid, p in self.users]
        entries += [f"g::{_perms(self.group)}"]
        entries += [f"g:{gid}:{_perms(p)}" for gid, p in self.groups]
        entries += [] if self.mask is None else [f"m::{_perms(self.mask)}"]
        return ",".join([*entries, f"o::{_perms(self.other)}"])

    def xattr(self) -> bytes:
        """The same ACL as the kernel stores it."""
        entries = [(USER_OBJ, self.owner, NO_ID)]
        entries += [(USER, p, uid) for uid, p in self.users]
        entries += [(GROUP_OBJ, self.group, NO_ID)]
        entries += [(GROUP, p, gid) for gid, p in self.groups]
        entries += [] if self.mask is None else [(MASK, self.mask, NO_ID)]
        entries += [(OTHER, self.other, NO_ID)]
        return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *entry) for entry in entries)


def random_case(rng: random.Random) -> AclCase:
    """Named entries and a mask at times, a chmod after it at times, anyone asking."""

    def perms() -> int:
        return rng.randrange(8)

    users = tuple(sorted((uid, perms()) for uid in rng.sample(UIDS[1:], rng.randrange(3))))
    groups = tuple(sorted((gid, perms()) for gid in rng.sample(GIDS, rng.randrange(3))))
    named = bool(users or groups)
    mask = perms() if named or rng.random() < 0.2 else None
    chmod = rng.randrange(0o10000) if rng.random() < 0.3 else None
    special = rng.choice((0, 0, 0o2000, 0o4000, 0o1000))
    return AclCase(
        uid=rng.choice(UIDS[1:]),
        gid=rng.choice(GIDS),
        mode=special | rng.randrange(0o1000),
        owner=perms(),
        users=users,
        group=perms(),
        groups=groups,
        mask=mask,
        other=perms(),
        chmod=chmod,
        actor=rng.choice(("root", "u1", "u2", "u2", "u3", "u3")),
    )


class AclCheck(Check[AclCase]):
    """The mode after setfacl (and chmod), and ``access`` for every subset of rwx."""

    def generate(self, rng: random.Random, index: int) -> AclCase:
        """A random file and ACL."""
        del index
        return random_case(rng)

    def real(self, case: AclCase) -> object:
        """``[st_mode, [access(want) for want in WANTS]]`` from the kernel."""
        base = tempfile.mkdtemp(prefix="dojo-verify-acl-", dir=scratch())
        try:
            Path(base).chmod(0o755)
            path = base + "/f"
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            os.chown(path, case.uid, case.gid)
            Path(path).chmod(case.mode)
            os.setxattr(path, "system.posix_acl_access", case.xattr())
            if case.chmod is not None:
                Path(path).chmod(case.chmod)
            uid, gid, groups = IDS[case.actor]

            def work() -> list[bool]:
                become(uid, gid, list(groups))
                return [kernel.access(path, want) for want in WANTS]

            status, answers = in_child(work)
            return [Path(path).stat().st_mode, answers if status == "ok" else [status, answers]]
        finally:
            shutil.rmtree(base)

    def theirs(self, case: AclCase) -> object:
        """The same through ``setfacl``, ``chmod`` and ``access`` on an ``AclPolicy`` machine."""
        fs = machine(AclPolicy())
        root = fs.login("root", umask=0)
        root.create("/f")
        root.chown("/f", case.uid, case.gid)
        root.chmod("/f", case.mode)
        root.setfacl("/f", case.text())
        if case.chmod is not None:
            root.chmod("/f", case.chmod)
        session = fs.login(case.actor)
        return [root.stat("/f").mode, [session.access("/f", want) for want in WANTS]]

    def show(self, case: AclCase) -> str:
        """The calls, from a machine with the ACL policy."""
        lines = [
            machine_code("policy=AclPolicy()"),
            'root = fs.login("root", umask=0); root.create("/f")',
            f'root.chown("/f", {case.uid}, {case.gid}); root.chmod("/f", 0o{case.mode:04o})',
            f'root.setfacl("/f", "{case.text()}")',
        ]
        if case.chmod is not None:
            lines.append(f'root.chmod("/f", 0o{case.chmod:04o})')
        lines.append(f'root.stat("/f").filemode; fs.login("{case.actor}").access("/f", WANT)')
        return "\n".join(lines)

    def show_answers(self, real: object, theirs: object) -> tuple[str, str]:
        """The mode string, and the subsets of rwx granted."""
        return _answer(real), _answer(theirs)

    def kind(self, case: AclCase, real: object, theirs: object) -> str:
        """The mode after, or the access decisions."""
        del case
        if not isinstance(theirs, list):
            return "your code raises"
        assert isinstance(real, list)
        return "a different mode afterwards" if real[0] != theirs[0] else "a different decision"

    def shrink(self, case: AclCase) -> Iterator[AclCase]:
        """Fewer named entries, no chmod, no mask, fewer bits, root's file."""
        for index in range(len(case.users)):
            yield attrs.evolve(case, users=case.users[:index] + case.users[index + 1 :])
        for index in range(len(case.groups)):
            yield attrs.evolve(case, groups=case.groups[:index] + case.groups[index + 1 :])
        if case.chmod is not None:
            yield attrs.evolve(case, chmod=None)
        if case.mask is not None and not (case.users or case.groups):
            yield attrs.evolve(case, mask=None)
        for name in ("mode", "owner", "group", "other", "mask", "chmod"):
            value = getattr(case, name)
            for bit in range(12 if name in {"mode", "chmod"} else 3):
                if value is not None and value >> bit & 1:
                    yield attrs.evolve(case, **{name: value & ~(1 << bit)})
        for actor in ACTORS[: ACTORS.index(case.actor)]:
            yield attrs.evolve(case, actor=actor)

    def size(self, case: AclCase) -> tuple[int, ...]:
        """Fewer entries, no chmod or mask, fewer bits, root asking."""
        bits = sum(
            (value or 0).bit_count()
            for value in (case.mode, case.owner, case.group, case.other, case.mask, case.chmod)
        )
        return (
            len(case.users) + len(case.groups),
            case.chmod is not None,
            case.mask is not None,
            bits,
            ACTORS.index(case.actor),
        )


def _answer(answer: object) -> str:
    if not isinstance(answer, list) or len(answer) != 2:
        return str(answer)
    mode, decisions = answer
    if not (isinstance(mode, int) and isinstance(decisions, list) and len(decisions) == len(WANTS)):
        return repr(answer)
    granted = [repr(want) for want, yes in zip(WANTS, decisions, strict=True) if yes] or ["none"]
    return f"{stat.filemode(mode)}; access granted for {', '.join(granted)}"


CHECK = AclCheck()
