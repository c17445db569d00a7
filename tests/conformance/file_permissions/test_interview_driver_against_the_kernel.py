"""The interview's driver contract, as the reference driver keeps it, against the real kernel.

Each case builds the same tree twice: through the driver (each node made by its owner),
and on disk under /tmp as root, then chowned and chmodded the same way. Then one user
makes one driver call: in memory through the driver, on disk in a forked child with that
user's uid, gid and groups (and, for the service account, only CAP_DAC_READ_SEARCH, as
systemd's AmbientCapabilities= gives it). ``can`` is ``faccessat`` with ``AT_EACCESS``,
symbolic modes go to ``/bin/chmod`` itself. The answers and the trees afterwards must
agree. Needs root.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import random
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from file_permissions import driver

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = [
    pytest.mark.conformance,
    pytest.mark.needs_root,
    pytest.mark.skipif(
        os.geteuid() != 0, reason="needs root: files owned by other users, capabilities in a child"
    ),
]

SEED = int(os.environ.get("FP_CONFORMANCE_SEED", "20261128"))
CASES = 2000
CHMOD = shutil.which("chmod") or "/bin/chmod"
STAFF = 20101
# name: (uid, primary gid, supplementary gids, holds CAP_DAC_READ_SEARCH)
USERS = {
    "root": (0, 0, (), False),
    "u1": (20001, STAFF, (), False),
    "u2": (20002, 20002, (STAFF,), False),
    "u3": (20003, 20003, (), False),
    "svc": (20034, 20034, (), True),
}
GROUP_NAMES = {STAFF: "staff", 20002: "u2", 20003: "u3", 20034: "svc"}
NAMES = "abc"
TEXTS = ("", "minutes", "plan")
SYMBOLIC = ("u+x", "go-w", "a=r", "=", "+X", "u=rwx,g=rx,o=", "g+w,o-r", "a-X", "o=x+r", "ug=")
MALFORMED = ("u", "u+q", "a+r,", "x+u", "8", "0o644", "10000", "rw-r--r--", "")

CAP_DAC_READ_SEARCH = 2
PR_SET_KEEPCAPS, PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE = 8, 47, 2
LINUX_CAPABILITY_VERSION_3 = 0x20080522
STRERRORS = {os.strerror(code): code for code in errno.errorcode}


@attrs.frozen
class Node:
    """A node of the generated tree: made by its owner, in this order."""

    path: str
    is_dir: bool
    mode: str
    owner: str
    text: str

    def __str__(self) -> str:
        kind = "d" if self.is_dir else "f"
        return f"{kind} {self.path} {self.mode} {self.owner} {self.text!r}"


@attrs.frozen
class Case:
    """A tree, who acts, and one driver call with its arguments after ``system, user``."""

    nodes: tuple[Node, ...]
    actor: str
    op: str
    args: tuple[str, ...]

    def size(self) -> tuple[int, int]:
        """Fewer nodes, then shorter arguments, read more easily."""
        return len(self.nodes), len(repr(self.args))

    def __str__(self) -> str:
        tree = "\n    ".join(str(node) for node in self.nodes)
        return f"tree:\n    {tree}\n  as {self.actor}: {self.op}{self.args!r}"


def random_mode(rng: random.Random) -> str:
    """Usually most bits, sometimes any; four digits, sometimes three."""
    value = (
        rng.randrange(0o1000)
        if rng.random() < 0.3
        else sum(1 << bit for bit in range(9) if rng.random() < 0.7)
    )
    return f"{value:04o}" if rng.random() < 0.8 else f"{value:03o}"


def random_tree(rng: random.Random) -> tuple[Node, ...]:
    nodes: list[Node] = []
    dirs = ["/"]
    for _ in range(rng.randrange(1, 7)):
        path = rng.choice(dirs).rstrip("/") + "/" + rng.choice(NAMES)
        if any(node.path == path for node in nodes):
            continue
        is_dir = rng.random() < 0.55
        owner = rng.choice(tuple(USERS))
        nodes.append(
            Node(path, is_dir, random_mode(rng), owner, "" if is_dir else rng.choice(TEXTS))
        )
        if is_dir:
            dirs.append(path)
    return tuple(nodes)


def random_path(rng: random.Random, nodes: tuple[Node, ...]) -> str:
    """An absolute path mostly through the tree, with missing names and files on the way."""
    here, names = "", []
    for _ in range(rng.randrange(1, 5)):
        children = sorted(node.path for node in nodes if node.path.rpartition("/")[0] == here)
        if rng.random() < 0.2 or not children:
            here += "/" + rng.choice(NAMES + "z")
        else:
            here = rng.choice(children)
        names.append(here.rpartition("/")[2])
        if not any(node.path == here and node.is_dir for node in nodes) and rng.random() < 0.8:
            break
    return "/" + "/".join(names)


def random_case(rng: random.Random) -> Case:
    nodes = random_tree(rng)
    actor = rng.choice(("root", "u1", "u2", "u2", "u3", "svc", "svc"))
    path = random_path(rng, nodes)
    op = rng.choice(("read", "read", "can", "can", "create", "mkdir", "chmod", "chmod"))
    if op == "can":
        args: tuple[str, ...] = (path, "".join(c for c in "rwx" if rng.random() < 0.5) or "r")
    elif op == "create":
        args = (path, random_mode(rng), rng.choice(TEXTS))
    elif op == "mkdir":
        args = (path, random_mode(rng))
    elif op == "chmod":
        pick = rng.random()
        mode = (
            random_mode(rng)
            if pick < 0.4
            else rng.choice(MALFORMED)
            if pick < 0.5
            else rng.choice(SYMBOLIC)
        )
        args = (path, mode)
    else:
        args = (path,)
    return Case(nodes, actor, op, args)


def paths_of(case: Case) -> list[str]:
    """Every path whose node the comparison looks at: the tree, and what the call may make."""
    return sorted({node.path for node in case.nodes} | {"/", case.args[0]})


def model(case: Case) -> tuple[Any, dict[str, Any]]:
    """The answer and the tree afterwards, through the driver only."""
    system = driver.new_system()
    for gid, name in GROUP_NAMES.items():
        driver.add_group(system, name, gid)
    for name, (uid, gid, groups, capable) in USERS.items():
        if name != "root":
            driver.add_user(
                system,
                name,
                uid,
                GROUP_NAMES[gid],
                groups=tuple(GROUP_NAMES[each] for each in groups),
                capabilities=("CAP_DAC_READ_SEARCH",) if capable else (),
            )
    for node in case.nodes:  # each made by its owner in a directory open for the moment
        parent = node.path.rpartition("/")[0] or "/"
        old, _, _ = driver.describe(system, parent)
        assert driver.chmod(system, "root", parent, "0777") == "OK"
        if node.is_dir:
            assert driver.mkdir(system, node.owner, node.path, "0777") == "OK"
        else:
            assert driver.create(system, node.owner, node.path, node.mode, node.text) == "OK"
        assert driver.chmod(system, "root", parent, old) == "OK"
    for node in reversed(case.nodes):
        assert driver.chmod(system, "root", node.path, node.mode) == "OK"
    call: Callable[..., Any] = getattr(driver, case.op)
    try:
        answer = ["ok", call(system, case.actor, *case.args)]
    except ValueError:
        answer = ["invalid"]
    tree = {}
    for path in paths_of(case):
        text = driver.read(system, "root", path)
        tree[path] = (
            None
            if text in {"ENOENT", "ENOTDIR"}
            else [*driver.describe(system, path), None if text == "EISDIR" else text]
        )
    return answer, tree


@attrs.frozen
class Disk:
    """The generated tree on disk: model path ``/x`` is ``base/x``."""

    base: str

    def real(self, path: str) -> str:
        """The path on disk."""
        return self.base if path == "/" else self.base + path

    def build(self, nodes: tuple[Node, ...]) -> None:
        """Make the nodes as root, then give them their owners' ids and their modes."""
        os.chown(self.base, 0, 0)
        Path(self.base).chmod(0o755)
        for node in nodes:
            real = Path(self.real(node.path))
            if node.is_dir:
                real.mkdir(mode=0o700)
            else:
                real.write_text(node.text, encoding="utf-8")
            uid, gid, _, _ = USERS[node.owner]
            os.chown(real, uid, gid)
            real.chmod(int(node.mode, 8))

    def snapshot(self, paths: list[str]) -> dict[str, Any]:
        """Each path's mode, owner, group and text (None for a directory), or None."""
        found: dict[str, Any] = {}
        for path in paths:
            real = Path(self.real(path))
            try:
                info = real.lstat()
            except (FileNotFoundError, NotADirectoryError):
                found[path] = None
                continue
            text = None if real.is_dir() else real.read_text(encoding="utf-8")
            found[path] = [f"{info.st_mode & 0o7777:04o}", info.st_uid, info.st_gid, text]
        return found


def become(name: str) -> None:
    """Drop to the user's ids; the service account keeps CAP_DAC_READ_SEARCH, and only it."""
    uid, gid, groups, capable = USERS[name]
    os.setgroups(sorted({gid, *groups}))
    os.setgid(gid)
    libc = ctypes.CDLL(None, use_errno=True)
    if capable:
        libc.prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0)
    os.setuid(uid)
    if capable:
        header = (ctypes.c_uint32 * 2)(LINUX_CAPABILITY_VERSION_3, 0)
        bit = 1 << CAP_DAC_READ_SEARCH
        data = (ctypes.c_uint32 * 6)(bit, bit, bit, 0, 0, 0)  # effective, permitted, inheritable
        if libc.capset(header, data) != 0 or libc.prctl(
            PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_DAC_READ_SEARCH, 0, 0
        ):
            raise OSError(ctypes.get_errno(), "capset")  # so /bin/chmod keeps it too


def kernel_call(disk: Disk, op: str, args: tuple[str, ...]) -> Any:
    """The driver call ``op`` as Linux does it, on the real paths."""
    path = disk.real(args[0])
    if op == "read":
        fd = os.open(path, os.O_RDONLY)
        try:
            return os.read(fd, 1 << 16).decode()
        finally:
            os.close(fd)
    if op == "can":
        wanted = {"r": os.R_OK, "w": os.W_OK, "x": os.X_OK}
        return os.access(path, sum(wanted[c] for c in args[1]), effective_ids=True)
    if op == "create":
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, int(args[1], 8))
        os.write(fd, args[2].encode())
        os.close(fd)
    elif op == "mkdir":
        os.mkdir(path, int(args[1], 8))  # noqa: PTH102 - the plain system call
    else:
        return gnu_chmod(path, args[1])
    return "OK"


def gnu_chmod(path: str, mode: str) -> str:
    """``/bin/chmod -- MODE path``; its complaint turned back into the errno's name."""
    done = subprocess.run(
        [CHMOD, "--", mode, path],
        capture_output=True,
        text=True,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    if done.returncode == 0:
        return "OK"
    if "invalid mode" in done.stderr:
        raise ValueError(mode)
    reason = done.stderr.strip().rpartition(": ")[2]
    raise OSError(STRERRORS[reason], reason)


def theirs(case: Case, disk: Disk) -> list[Any]:
    """The answer in a forked child with the actor's credentials."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        try:
            os.close(reader)
            os.umask(0)
            become(case.actor)
            try:
                outcome = ["ok", kernel_call(disk, case.op, case.args)]
            except ValueError:
                outcome = ["invalid"]
            except OSError as error:
                outcome = ["ok", errno.errorcode[error.errno or 0]]
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
    """None when the kernel and the driver agree on the answer and the tree after."""
    base = tempfile.mkdtemp(prefix="fp-interview-", dir="/tmp")
    try:
        disk = Disk(base)
        disk.build(case.nodes)
        real, real_tree = theirs(case, disk), disk.snapshot(paths_of(case))
    finally:
        shutil.rmtree(base)
    answer, tree = model(case)
    mine, my_tree = json.loads(json.dumps([answer, tree]))
    if (real, real_tree) == (mine, my_tree):
        return None
    differing = [
        f"{path}: {real_tree.get(path)} vs {my_tree.get(path)}"
        for path in paths_of(case)
        if real_tree.get(path) != my_tree.get(path)
    ]
    return f"{case}\n  kernel: {real}, driver: {mine}\n  tree (kernel vs driver): {differing}"


# The cases run in batches, each one test, so a loaded machine stays within the timeout.
BATCHES = 4


@pytest.mark.parametrize(
    "batch",
    range(BATCHES),
    ids=[f"cases {n * CASES // BATCHES}-{(n + 1) * CASES // BATCHES - 1}" for n in range(BATCHES)],
)
def test_the_driver_contract_agrees_with_the_kernel(batch: int) -> None:
    rng = random.Random(SEED)  # noqa: S311 - repeatable test data, not secrets
    cases = [random_case(rng) for _ in range(CASES)]

    chosen = cases[batch * CASES // BATCHES : (batch + 1) * CASES // BATCHES]
    failures = [(case.size(), report) for case in chosen if (report := disagreement(case))]

    print(f"{len(chosen)} cases, {len(failures)} disagreements")  # noqa: T201 - the run's report
    assert not failures, f"{len(failures)} disagreements; the smallest:\n  {min(failures)[1]}"
