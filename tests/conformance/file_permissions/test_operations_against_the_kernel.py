"""Operations as other users: the reference against the real Linux kernel.

Each case builds the same tree of owners and modes twice, in memory and on disk under
/tmp, then performs one operation as some user: in memory through a ``Session``, on disk
in a forked child that has dropped to the user's uid, gid and supplementary groups. The
outcome (result or errno) and the whole tree afterwards (kinds, modes, owners, contents)
must agree. Needs root, to own files as other users and to drop to them.
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from file_permissions import FileSystem

if TYPE_CHECKING:
    from collections.abc import Callable

    from file_permissions import Session

pytestmark = [
    pytest.mark.conformance,
    pytest.mark.needs_root,
    pytest.mark.skipif(
        os.geteuid() != 0, reason="needs root: files owned by other users, setuid in a child"
    ),
]

SEED = int(os.environ.get("FP_CONFORMANCE_SEED", "20261128"))
CASES, PROGRAM_CASES, PROGRAM_ACCESS_CASES = 5000, 400, 300
GROUPS = {"g1": 20101, "g2": 20102}
# name: (uid, primary group or None for a personal one, supplementary groups)
USERS = {"u1": (20001, None, ("g1",)), "u2": (20002, "g1", ("g2",)), "u3": (20003, None, ())}
UIDS = (0, 20001, 20002, 20003)
GIDS = (0, 20001, 20003, 20101, 20102)
NAMES = "abc"
PROGRAM = "prog"
ID = shutil.which("id") or "/usr/bin/id"


@attrs.frozen
class Node:
    """A node of the generated tree, created in this order as root."""

    path: str
    is_dir: bool
    mode: int
    uid: int
    gid: int

    def __str__(self) -> str:
        kind = "d" if self.is_dir else "f"
        return f"{kind} {self.path} {self.mode:04o} {self.uid}:{self.gid}"


@attrs.frozen
class Case:
    """A tree, who acts with which umask, and one operation with its arguments."""

    nodes: tuple[Node, ...]
    actor: str
    umask: int
    op: str
    args: tuple[Any, ...]

    def size(self) -> tuple[int, int]:
        """Fewer nodes, then shorter arguments, read more easily."""
        return len(self.nodes), len(repr(self.args))

    def __str__(self) -> str:
        tree = "\n    ".join(str(node) for node in self.nodes)
        call = f"{self.op}{self.args!r}"
        return f"tree:\n    {tree}\n  as {self.actor} with umask {self.umask:03o}: {call}"


def machine() -> FileSystem:
    fs = FileSystem()
    for name, gid in GROUPS.items():
        fs.add_group(name, gid)
    for name, (uid, group, groups) in USERS.items():
        fs.add_user(name, uid=uid, group=group, groups=groups)
    return fs


def random_mode(rng: random.Random, *, is_dir: bool = False) -> int:
    """Any mode at times; usually most rwx bits and a few special bits (sticky on directories)."""
    if rng.random() < 0.2:
        return rng.randrange(0o10000)
    mode = sum(1 << bit for bit in range(9) if rng.random() < 0.65)
    sticky = 0o1000 if rng.random() < (0.3 if is_dir else 0.1) else 0
    return mode | sticky | sum(1 << bit for bit in range(10, 12) if rng.random() < 0.12)


def random_tree(rng: random.Random) -> tuple[Node, ...]:
    nodes: list[Node] = []
    dirs = ["/"]
    for _ in range(rng.randrange(1, 8)):
        parent = rng.choice(dirs)
        path = parent.rstrip("/") + "/" + rng.choice(NAMES)
        if any(node.path == path for node in nodes):
            continue
        is_dir = rng.random() < 0.55
        mode = random_mode(rng, is_dir=is_dir)
        nodes.append(Node(path, is_dir, mode, rng.choice(UIDS), rng.choice(GIDS)))
        if is_dir:
            dirs.append(path)
    return tuple(nodes)


def random_path(rng: random.Random, nodes: tuple[Node, ...]) -> str:
    """A path mostly through the tree, with missing names, files on the way, . and .."""
    dirs = {"/"} | {node.path for node in nodes if node.is_dir}
    here, names = "/", []
    for _ in range(rng.randrange(1, 5)):
        children = sorted(n.path for n in nodes if n.path.rpartition("/")[0] == here.rstrip("/"))
        pick = rng.random()
        if pick < 0.08 and here != "/":
            name, here = "..", here.rpartition("/")[0] or "/"
        elif pick < 0.14:
            name = "."
        elif pick < 0.25 or not children:
            name = rng.choice(NAMES + "z")
            here = here.rstrip("/") + "/" + name
        else:
            here = rng.choice(children)
            name = here.rpartition("/")[2]
        names.append(name)
        if here not in dirs and rng.random() < 0.8:
            break
    relative = rng.random() < 0.2
    return "/".join(names) if relative else "/" + "/".join(names)


def random_case(rng: random.Random) -> Case:
    nodes = random_tree(rng)
    actor = rng.choice(("root", "u1", "u1", "u2", "u2", "u3"))
    umask = rng.choice((0o022, 0o002, 0o077, 0o000, rng.randrange(0o1000)))
    op = rng.choice(
        (
            *("read", "write", "listdir", "stat", "access", "create", "mkdir", "unlink"),
            *("rmdir", "rename", "rename", "chmod", "chown", "chown", "chdir"),
        )
    )
    path = random_path(rng, nodes)
    args: tuple[Any, ...] = (path,)
    if op == "write":
        args = (path, "new")
    elif op == "access":
        args = (path, "".join(letter for letter in "rwx" if rng.random() < 0.5))
    elif op in {"create", "mkdir", "chmod"}:
        default = 0o777 if op == "mkdir" else 0o666
        args = (path, rng.choice((default, rng.randrange(0o10000))))
    elif op == "chown":
        args = (path, rng.choice((None, *UIDS)), rng.choice((None, *GIDS)))
    elif op == "rename":
        args = (path, random_path(rng, nodes))
    return Case(nodes, actor, umask, op, args)


def ours(case: Case) -> tuple[list[Any], dict[str, Any]]:
    fs = machine()
    root = fs.login("root", umask=0)
    for node in case.nodes:
        (root.mkdir if node.is_dir else root.create)(node.path)
        root.chown(node.path, node.uid, node.gid)
        root.chmod(node.path, node.mode)
    session = fs.login(case.actor, umask=case.umask)
    try:
        outcome = ["ok", model_call(session, case.op, case.args)]
    except OSError as error:
        outcome = ["err", errno.errorcode[error.errno or 0]]
    return outcome, model_snapshot(root, "/")


def model_call(session: Session, op: str, args: tuple[Any, ...]) -> Any:
    if op == "stat":
        status = session.stat(args[0])
        return [status.mode, status.uid, status.gid]
    if op == "read":
        return session.read(args[0]).decode()
    if op == "write":
        return session.write(args[0], args[1].encode())
    if op == "chdir":
        session.chdir(args[0])
        return session.cwd
    if op in {"execute", "program_access"}:
        program = session.execute(args[0])
        return [program.uid, program.gid] if op == "execute" else program.access(*args[1:])
    return getattr(session, op)(*args)


def model_snapshot(root: Session, path: str) -> dict[str, Any]:
    status = root.stat(path)
    is_dir = stat.S_ISDIR(status.mode)
    plain = not (is_dir or path.endswith("/" + PROGRAM))
    content = root.read(path).decode() if plain else None
    found = {path: [status.mode, status.uid, status.gid, content]}
    if is_dir:
        for name in root.listdir(path):
            found |= model_snapshot(root, path.rstrip("/") + "/" + name)
    return found


@attrs.frozen
class Disk:
    """The generated tree on disk: model path ``/x`` is ``base/x``."""

    base: str

    def real(self, path: str) -> str:
        """The path on disk; relative paths stay relative."""
        if not path.startswith("/"):
            return path  # the child's working directory is the base
        return self.base if path == "/" else self.base + path

    def build(self, nodes: tuple[Node, ...]) -> None:
        """Make the nodes as root, then give them their owners and modes."""
        os.chown(self.base, 0, 0)
        Path(self.base).chmod(0o755)
        for node in nodes:
            real = self.real(node.path)
            if node.is_dir:
                Path(real).mkdir(mode=0o700)
            elif node.path.endswith("/" + PROGRAM):
                shutil.copyfile(ID, real)
            else:
                os.close(os.open(real, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            os.chown(real, node.uid, node.gid)
            Path(real).chmod(node.mode)

    def snapshot(self) -> dict[str, Any]:
        """Every node's type and mode, owners and contents, by model path."""
        found = {}
        for top, dirs, files in os.walk(self.base):
            for name in [".", *dirs, *files]:
                real = os.path.normpath(os.path.join(top, name))  # noqa: PTH118 - plain strings
                info = os.lstat(real)
                path = real.removeprefix(self.base) or "/"
                plain = not (stat.S_ISDIR(info.st_mode) or path.endswith("/" + PROGRAM))
                content = Path(real).read_text() if plain else None
                found[path] = [info.st_mode, info.st_uid, info.st_gid, content]
        return found


# The calls take the path as it is: pathlib would drop its "." components, which count.


def _stat(path: str) -> list[int]:
    info = os.stat(path)  # noqa: PTH116 - the path as it is
    return [info.st_mode, info.st_uid, info.st_gid]


def _read(path: str) -> str:
    fd = os.open(path, os.O_RDONLY)
    try:
        return os.read(fd, 1 << 16).decode()
    finally:
        os.close(fd)


def _write(path: str, data: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_TRUNC)  # what open(path, "wb") does, minus O_CREAT
    try:
        os.write(fd, data.encode())
    finally:
        os.close(fd)


def _listdir(path: str) -> list[str]:
    return sorted(os.listdir(path))  # noqa: PTH208 - the path as it is


def _access(path: str, want: str) -> bool:
    wanted = {"r": os.R_OK, "w": os.W_OK, "x": os.X_OK}
    return os.access(path, sum(wanted[letter] for letter in want) or os.F_OK)


def _create(path: str, mode: int) -> None:
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode))


def _chown(path: str, uid: int | None, gid: int | None) -> None:
    os.chown(path, -1 if uid is None else uid, -1 if gid is None else gid)


def _execute(path: str) -> list[int]:
    ids = [subprocess.run([path, flag], capture_output=True, check=True) for flag in ("-u", "-g")]
    return [int(done.stdout) for done in ids]


SYSCALLS: dict[str, Callable[..., Any]] = {
    "stat": _stat,
    "read": _read,
    "write": _write,
    "listdir": _listdir,
    "access": _access,
    "create": _create,
    "chown": _chown,
    "execute": _execute,
    "mkdir": os.mkdir,
    "rmdir": os.rmdir,
    "unlink": os.unlink,
    "chmod": os.chmod,
    "rename": os.rename,
}


def _program_access(disk: Disk, who: Session, program: str, path: str, want: str) -> bool:
    """``access(2)`` from inside a program the actor runs, still root when called.

    The program (a copy of ``id``) is run as the actor to learn the effective ids the
    kernel gives it; then this process takes the actor's ids as its real ones and those
    as its effective ones, as the program would hold them, and asks.
    """
    ran = [
        subprocess.run(
            [disk.real(program), flag],
            capture_output=True,
            check=True,
            user=who.uid,
            group=who.gid,
            extra_groups=sorted(who.groups),
        )
        for flag in ("-u", "-g")
    ]
    euid, egid = (int(done.stdout) for done in ran)
    os.setgroups(sorted(who.groups))
    os.setresgid(who.gid, egid, egid)
    os.setresuid(who.uid, euid, euid)
    return _access(disk.real(path), want)


def kernel_call(disk: Disk, op: str, args: tuple[Any, ...]) -> Any:
    """The system call behind ``op``, on the real paths."""
    if op == "chdir":
        os.chdir(disk.real(args[0]))
        return str(Path.cwd()).removeprefix(disk.base) or "/"
    if op == "rename":
        return os.rename(disk.real(args[0]), disk.real(args[1]))  # noqa: PTH104 - the syscall
    return SYSCALLS[op](disk.real(args[0]), *args[1:])


def theirs(case: Case, disk: Disk) -> list[Any]:
    """The outcome in a forked child with the actor's credentials."""
    who = machine().login(case.actor)  # the account data only: uid, gid, groups
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        try:
            os.close(reader)
            os.chdir(disk.base)
            os.umask(case.umask)
            try:
                if case.op == "program_access":
                    outcome = ["ok", _program_access(disk, who, *case.args)]
                else:
                    os.setgroups(sorted(who.groups))
                    os.setgid(who.gid)
                    os.setuid(who.uid)
                    outcome = ["ok", kernel_call(disk, case.op, case.args)]
            except subprocess.CalledProcessError as failed:
                outcome = ["crash", failed.stderr.decode()]
            except OSError as error:
                outcome = ["err", errno.errorcode[error.errno or 0]]
            os.write(writer, json.dumps(outcome).encode())
        except BaseException as error:  # noqa: BLE001 - anything else is reported, not lost
            os.write(writer, json.dumps(["crash", repr(error)]).encode())
        finally:
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        report = pipe.read()
    os.waitpid(pid, 0)
    return list(json.loads(report))


def disagreement(case: Case) -> str | None:
    """None when the kernel and the reference agree on the outcome and the tree after."""
    base = tempfile.mkdtemp(prefix="fp-conformance-", dir="/tmp")
    try:
        disk = Disk(base)
        disk.build(case.nodes)
        real, real_tree = theirs(case, disk), disk.snapshot()
    finally:
        shutil.rmtree(base)
    mine, my_tree = ours(case)
    mine = json.loads(json.dumps(mine))
    if (real, real_tree) == (mine, my_tree):
        return None
    paths = sorted(real_tree.keys() | my_tree.keys())
    differing = [
        f"{p}: {real_tree.get(p)} vs {my_tree.get(p)}"
        for p in paths
        if real_tree.get(p) != my_tree.get(p)
    ]
    return f"{case}\n  kernel: {real}, reference: {mine}\n  tree (kernel vs reference): {differing}"


def check(cases: list[Case]) -> None:
    failures = [(case.size(), report) for case in cases if (report := disagreement(case))]
    print(f"{len(cases)} cases, {len(failures)} disagreements")  # noqa: T201 - the run's report
    assert not failures, f"{len(failures)} disagreements; the smallest:\n  {min(failures)[1]}"


# The cases run in batches, each one test, so a loaded machine stays within the timeout.
BATCHES = 10


@pytest.mark.parametrize(
    "batch",
    range(BATCHES),
    ids=[f"cases {n * CASES // BATCHES}-{(n + 1) * CASES // BATCHES - 1}" for n in range(BATCHES)],
)
def test_operations_as_other_users_agree_with_the_kernel(batch: int) -> None:
    rng = random.Random(SEED)  # noqa: S311 - repeatable test data, not secrets
    cases = [random_case(rng) for _ in range(CASES)]

    check(cases[batch * CASES // BATCHES : (batch + 1) * CASES // BATCHES])


def program_case(rng: random.Random) -> Case:
    """A tree with a copy of ``id`` somewhere; executing it, a directory or a missing name."""
    nodes = random_tree(rng)
    home = rng.choice(["/", *(node.path for node in nodes if node.is_dir)])
    mode = random_mode(rng) | rng.choice((0, 0o111, 0o100, 0o010, 0o001))
    program = Node(
        home.rstrip("/") + "/" + PROGRAM,
        is_dir=False,
        mode=mode,
        uid=rng.choice(UIDS),
        gid=rng.choice(GIDS),
    )
    nodes = (*nodes, program)
    pick = rng.random()
    target = program.path if pick < 0.8 else home if pick < 0.9 else home.rstrip("/") + "/zz"
    if rng.random() < 0.3:
        target = "." + target  # relative to the base, where sessions and children start
    actor = rng.choice(("root", "u1", "u2", "u3"))
    return Case(nodes, actor, 0o022, "execute", (target,))


@pytest.mark.skipif(not Path(ID).is_file(), reason=f"no {ID} to copy as a program")
def test_programs_run_with_the_credentials_the_kernel_gives() -> None:
    rng = random.Random(SEED + 1)  # noqa: S311 - repeatable test data, not secrets
    cases = [program_case(rng) for _ in range(PROGRAM_CASES)]

    check(cases)


def program_access_case(rng: random.Random) -> Case:
    """Executing a program, then asking ``access`` from inside it: real ids, not effective."""
    executed = program_case(rng)
    *others, program = executed.nodes
    # Mostly a setuid or setgid program that its caller may run, so the ids differ.
    special = rng.choice((0o4000, 0o2010, 0o6010, 0))
    program = attrs.evolve(program, mode=program.mode | special | 0o111)
    nodes = (*others, program)
    want = "".join(letter for letter in "rwx" if rng.random() < 0.5)
    target = program.path if rng.random() < 0.9 else executed.args[0]
    return attrs.evolve(
        executed, nodes=nodes, op="program_access", args=(target, random_path(rng, nodes), want)
    )


@pytest.mark.skipif(not Path(ID).is_file(), reason=f"no {ID} to copy as a program")
def test_access_inside_a_program_asks_with_the_real_ids_as_the_kernel_does() -> None:
    rng = random.Random(SEED + 2)  # noqa: S311 - repeatable test data, not secrets
    cases = [program_access_case(rng) for _ in range(PROGRAM_ACCESS_CASES)]

    check(cases)
