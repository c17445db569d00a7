"""The ACL policy against the real kernel's POSIX ACLs (ext4 and tmpfs support them).

Each case sets the same access ACL on a file in memory (``Session.setfacl``) and on disk
(the ``system.posix_acl_access`` extended attribute, which is what setfacl(1) writes),
optionally lets the owner chmod it, then asks ``access`` for every subset of rwx as some
user, on disk in a forked child with that user's credentials. Needs root.
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import stat
import struct
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from file_permissions import AclPolicy, FileSystem

pytestmark = [
    pytest.mark.conformance,
    pytest.mark.needs_root,
    pytest.mark.skipif(
        os.geteuid() != 0, reason="needs root: files owned by other users, setuid in a child"
    ),
]

SEED = int(os.environ.get("FP_CONFORMANCE_SEED", "20261128"))
CASES = 1500
GROUPS = {"g1": 20101, "g2": 20102}
USERS = {"u1": (20001, None, ("g1",)), "u2": (20002, "g1", ("g2",)), "u3": (20003, None, ())}
UIDS = (0, 20001, 20002, 20003)
GIDS = (0, 20001, 20003, 20101, 20102)
WANTS = ("", "r", "w", "x", "rw", "rx", "wx", "rwx")
# The on-disk form of an access ACL: a version, then (tag, perms, id) sorted by tag and id.
USER_OBJ, USER, GROUP_OBJ, GROUP, MASK, OTHER = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20
NO_ID = 0xFFFFFFFF


@attrs.frozen
class Case:
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

        def perms(bits: int) -> str:
            return "".join(c if bits & b else "-" for c, b in zip("rwx", (4, 2, 1), strict=True))

        entries = [f"u::{perms(self.owner)}"]
        entries += [f"u:{uid}:{perms(p)}" for uid, p in self.users]
        entries += [f"g::{perms(self.group)}"]
        entries += [f"g:{gid}:{perms(p)}" for gid, p in self.groups]
        entries += [] if self.mask is None else [f"m::{perms(self.mask)}"]
        return ",".join([*entries, f"o::{perms(self.other)}"])

    def xattr(self) -> bytes:
        """The same ACL as the kernel stores it."""
        entries = [(USER_OBJ, self.owner, NO_ID)]
        entries += [(USER, p, uid) for uid, p in self.users]
        entries += [(GROUP_OBJ, self.group, NO_ID)]
        entries += [(GROUP, p, gid) for gid, p in self.groups]
        entries += [] if self.mask is None else [(MASK, self.mask, NO_ID)]
        entries += [(OTHER, self.other, NO_ID)]
        return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *entry) for entry in entries)

    def __str__(self) -> str:
        then = "" if self.chmod is None else f", then chmod {self.chmod:04o}"
        return (
            f"file {self.mode:04o} {self.uid}:{self.gid}, setfacl {self.text()}{then};"
            f" access as {self.actor}"
        )


def random_case(rng: random.Random) -> Case:
    def perms() -> int:
        return rng.randrange(8)

    users = tuple(sorted((uid, perms()) for uid in rng.sample(UIDS[1:], rng.randrange(3))))
    groups = tuple(sorted((gid, perms()) for gid in rng.sample(GIDS, rng.randrange(3))))
    named = bool(users or groups)
    mask = perms() if named or rng.random() < 0.2 else None
    chmod = rng.randrange(0o10000) if rng.random() < 0.3 else None
    special = rng.choice((0, 0, 0o2000, 0o4000, 0o1000))
    return Case(
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


def machine() -> FileSystem:
    fs = FileSystem(policy=AclPolicy())
    for name, gid in GROUPS.items():
        fs.add_group(name, gid)
    for name, (uid, group, groups) in USERS.items():
        fs.add_user(name, uid=uid, group=group, groups=groups)
    return fs


def ours(case: Case) -> list[Any]:
    fs = machine()
    root = fs.login("root", umask=0)
    root.create("/f")
    root.chown("/f", case.uid, case.gid)
    root.chmod("/f", case.mode)
    root.setfacl("/f", case.text())
    if case.chmod is not None:
        root.chmod("/f", case.chmod)
    session = fs.login(case.actor)
    return [root.stat("/f").mode, [session.access("/f", want) for want in WANTS]]


def theirs(case: Case, base: str) -> list[Any]:
    path = base + "/f"
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    os.chown(path, case.uid, case.gid)
    Path(path).chmod(case.mode)
    os.setxattr(path, "system.posix_acl_access", case.xattr())
    if case.chmod is not None:
        Path(path).chmod(case.chmod)
    who = machine().login(case.actor)  # the account data only: uid, gid, groups
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        try:
            os.close(reader)
            os.setgroups(sorted(who.groups))
            os.setgid(who.gid)
            os.setuid(who.uid)
            letters = {"r": os.R_OK, "w": os.W_OK, "x": os.X_OK}
            answers = [os.access(path, sum(letters[c] for c in want) or os.F_OK) for want in WANTS]
            os.write(writer, json.dumps(answers).encode())
        except OSError as error:
            os.write(writer, json.dumps(errno.errorcode[error.errno or 0]).encode())
        finally:
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        report = json.loads(pipe.read())
    os.waitpid(pid, 0)
    return [Path(path).stat().st_mode, report]


def test_acl_decisions_agree_with_the_kernel() -> None:
    rng = random.Random(SEED)  # noqa: S311 - repeatable test data, not secrets
    failures = []

    for case in (random_case(rng) for _ in range(CASES)):
        base = tempfile.mkdtemp(prefix="fp-acl-", dir="/tmp")
        try:
            Path(base).chmod(0o755)
            real = theirs(case, base)
        finally:
            shutil.rmtree(base)
        mine = ours(case)
        if mine != real:
            size = (len(case.users) + len(case.groups), case.chmod is not None)
            shown = [[stat.filemode(m), answers] for m, answers in (real, mine)]
            failures.append((size, f"{case}\n  kernel {shown[0]}, reference {shown[1]} {WANTS}"))

    print(f"{CASES} ACL cases, {len(failures)} disagreements")  # noqa: T201 - the run's report
    assert not failures, f"{len(failures)} disagreements; the smallest:\n  {min(failures)[1]}"
