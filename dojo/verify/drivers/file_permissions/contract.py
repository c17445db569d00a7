"""The interview's driver contract against the kernel: one driver call, and the tree after it.

Each case builds the same tree twice: through the driver (each node made by its owner in
a directory opened for the moment, then given its mode by root), and on disk as root,
chowned and chmodded the same way. Then one user makes one driver call: through the
driver, and on disk in a forked child with that user's uid, gid and groups (the service
account also holds CAP_DAC_READ_SEARCH, and only it, as systemd's
``AmbientCapabilities=`` gives it). ``can`` is ``faccessat`` with ``AT_EACCESS``, ``chmod``
is ``/bin/chmod`` itself. The answers and the trees afterwards must agree. Each stage's
check draws only what its part of the contract covers: the core, octal modes, no service
account; ``service-account`` a call by the service account; ``symbolic-modes`` a ``chmod``
with a symbolic mode.
"""

from __future__ import annotations

import ctypes
import errno
import os
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from file_permissions import driver  # the design under test, first on sys.path

from dojo.verify.check import Check
from dojo.verify.oracles.file_permissions.disk import in_child, remove, scratch

if TYPE_CHECKING:
    import random
    from collections.abc import Callable, Iterator

CHMOD = "/bin/chmod"
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
CORE_USERS = ("root", "u1", "u2", "u3")
NAMES = "abc"
TEXTS = ("", "minutes", "plan")
SYMBOLIC = ("u+x", "go-w", "a=r", "=", "+X", "u=rwx,g=rx,o=", "g+w,o-r", "a-X", "o=x+r", "ug=")
MALFORMED = ("u", "u+q", "a+r,", "x+u", "8", "0o644", "10000", "rw-r--r--", "")
OPERATIONS = ("read", "read", "can", "can", "create", "mkdir", "chmod", "chmod")
PLAIN_MODES = ("0755", "0700", "0644")

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


@attrs.frozen
class Case:
    """A tree, who acts, and one driver call with its arguments after ``system, user``."""

    nodes: tuple[Node, ...]
    actor: str
    op: str
    args: tuple[str, ...]


class SetupError(RuntimeError):
    """The driver refused a call that builds the tree (each node by its owner, modes by root)."""


def random_mode(rng: random.Random) -> str:
    """Usually most bits, sometimes any; four digits, sometimes three."""
    value = (
        rng.randrange(0o1000)
        if rng.random() < 0.3
        else sum(1 << bit for bit in range(9) if rng.random() < 0.7)
    )
    return f"{value:04o}" if rng.random() < 0.8 else f"{value:03o}"


def random_tree(rng: random.Random, owners: tuple[str, ...]) -> tuple[Node, ...]:
    """Up to six nodes, each under the root or a directory made before it."""
    nodes: list[Node] = []
    dirs = ["/"]
    for _ in range(rng.randrange(1, 7)):
        path = rng.choice(dirs).rstrip("/") + "/" + rng.choice(NAMES)
        if any(node.path == path for node in nodes):
            continue
        is_dir = rng.random() < 0.55
        text = "" if is_dir else rng.choice(TEXTS)
        nodes.append(Node(path, is_dir, random_mode(rng), rng.choice(owners), text))
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


def paths_of(case: Case) -> list[str]:
    """Every path whose node the comparison looks at: the tree, and what the call may make."""
    return sorted({node.path for node in case.nodes} | {"/", case.args[0]})


class DriverCheck(Check[Case]):
    """One stage's part of the driver contract: the kernel's answer and tree, and the driver's."""

    def __init__(self, stage: str) -> None:
        """``core``, ``service-account`` or ``symbolic-modes``."""
        self.stage = stage

    def users(self) -> tuple[str, ...]:
        """The accounts of the machine: the service account from its change request on."""
        return CORE_USERS if self.stage == "core" else (*CORE_USERS, "svc")

    def generate(self, rng: random.Random, index: int) -> Case:
        """A tree, an actor and a call that this stage's part of the contract covers."""
        del index
        nodes = random_tree(rng, self.users())
        path = random_path(rng, nodes)
        actor = "svc" if self.stage == "service-account" else rng.choice(CORE_USERS)
        op = "chmod" if self.stage == "symbolic-modes" else rng.choice(OPERATIONS)
        if op == "can":
            want = "".join(letter for letter in "rwx" if rng.random() < 0.5) or "r"
            return Case(nodes, actor, op, (path, want))
        if op == "create":
            return Case(nodes, actor, op, (path, random_mode(rng), rng.choice(TEXTS)))
        if op == "mkdir":
            return Case(nodes, actor, op, (path, random_mode(rng)))
        if op == "chmod":
            return Case(nodes, actor, op, (path, self._chmod_mode(rng)))
        return Case(nodes, actor, op, (path,))

    def _chmod_mode(self, rng: random.Random) -> str:
        if self.stage == "symbolic-modes":
            return rng.choice(SYMBOLIC)
        return random_mode(rng) if rng.random() < 0.8 else rng.choice(MALFORMED)

    def real(self, case: Case) -> object:
        """The answer in a forked child with the actor's credentials, and the tree after."""
        base = tempfile.mkdtemp(prefix="dojo-verify-driver-", dir=scratch())
        try:
            _build(base, case.nodes)
            outcome = in_child(lambda: _kernel_call(base, case))
            tree = _snapshot(base, paths_of(case))
        finally:
            remove(Path(base))
        if outcome[0] == "err":
            outcome = ["ok", outcome[1]]
        elif outcome == ["ok", "invalid"]:
            outcome = ["invalid"]
        elif outcome[0] != "ok":
            raise RuntimeError(f"the kernel's side failed: {outcome[1]}")
        return [outcome, tree]

    def theirs(self, case: Case) -> object:
        """The answer and the tree afterwards, through the driver only."""
        system = _machine(self.users())
        for node in case.nodes:
            _make(system, node)
        for node in reversed(case.nodes):
            _setup(system, "chmod", "root", node.path, node.mode)
        call: Callable[..., Any] = getattr(driver, case.op)
        try:
            answer: list[Any] = ["ok", call(system, case.actor, *case.args)]
        except ValueError:
            answer = ["invalid"]
        tree: dict[str, Any] = {}
        for path in paths_of(case):
            text = driver.read(system, "root", path)
            tree[path] = (
                None
                if text in {"ENOENT", "ENOTDIR"}
                else [*driver.describe(system, path), None if text == "EISDIR" else text]
            )
        return [answer, tree]

    def show(self, case: Case) -> str:
        """The driver calls that build the tree, and the one under test."""
        lines = [
            "system = driver.new_system()  # with " + ", ".join(self._accounts()),
            "# each node made by its owner (root opens its parent for the moment), in order:",
        ]
        for node in case.nodes:
            if node.is_dir:
                made = f"driver.mkdir(system, {node.owner!r}, {node.path!r}, '0777')"
            else:
                made = (
                    f"driver.create(system, {node.owner!r}, {node.path!r}, {node.mode!r},"
                    f" {node.text!r})"
                )
            lines.append(f"{made}  # then root: chmod {node.mode}")
        call = ", ".join(repr(arg) for arg in (case.actor, *case.args))
        lines.append(f"driver.{case.op}(system, {call})")
        return "\n".join(lines)

    def _accounts(self) -> list[str]:
        accounts = []
        for name in self.users()[1:]:
            uid, gid, groups, capable = USERS[name]
            extra = [GROUP_NAMES[each] for each in groups]
            also = f" also in {', '.join(extra)}" if extra else ""
            power = " holding CAP_DAC_READ_SEARCH" if capable else ""
            accounts.append(f"{name} (uid {uid}, group {GROUP_NAMES[gid]}{also}{power})")
        return accounts

    def show_answers(self, real: object, theirs: object) -> tuple[str, str]:
        """The answer, then the paths whose state afterwards differs."""
        assert isinstance(real, list)  # [answer, tree], as ``real`` makes it
        real_answer, real_tree = real
        if not isinstance(theirs, list):
            return _answer(real_answer), str(theirs)
        their_answer, their_tree = theirs
        differing = sorted(
            path
            for path in real_tree.keys() | their_tree.keys()
            if real_tree.get(path) != their_tree.get(path)
        )
        shown = []
        for answer, tree in ((real_answer, real_tree), (their_answer, their_tree)):
            after = [f"after: {path} {_entry(tree.get(path))}" for path in differing]
            shown.append("\n".join([_answer(answer), *after]))
        return shown[0], shown[1]

    def kind(self, case: Case, real: object, theirs: object) -> str:
        """The call, and whether your code raised, or its answer or only the tree differs."""
        assert isinstance(real, list)
        if not isinstance(theirs, list):
            return f"{case.op}: your driver raises"
        if real[0] != theirs[0]:
            return f"{case.op}: a different answer"
        return f"{case.op}: a different tree afterwards"

    def shrink(self, case: Case) -> Iterator[Case]:
        """Fewer nodes, plainer modes, shorter texts."""
        keep = case.args[0]
        for index, node in enumerate(case.nodes):
            if not keep.startswith(node.path + "/") and keep != node.path:
                inside = node.path + "/"
                kept = tuple(
                    each
                    for each in case.nodes
                    if each is not node and not each.path.startswith(inside)
                )
                yield attrs.evolve(case, nodes=kept)
            for mode in PLAIN_MODES:
                if _weight(mode) < _weight(node.mode):
                    nodes = list(case.nodes)
                    nodes[index] = attrs.evolve(node, mode=mode)
                    yield attrs.evolve(case, nodes=tuple(nodes))
            if node.text:
                nodes = list(case.nodes)
                nodes[index] = attrs.evolve(node, text="")
                yield attrs.evolve(case, nodes=tuple(nodes))

    def size(self, case: Case) -> tuple[int, ...]:
        """Fewer nodes, then plainer modes, then shorter texts."""
        return (
            len(case.nodes),
            sum(_weight(node.mode) for node in case.nodes),
            sum(len(node.text) for node in case.nodes),
        )


def _weight(mode: str) -> int:
    """How far a mode is from the plain ones a reader expects: 0 for them."""
    return 0 if mode in PLAIN_MODES else 1 + int(mode, 8) % 0o1000 if mode.isdigit() else 1


def _answer(answer: list[Any]) -> str:
    return "a ValueError" if answer == ["invalid"] else repr(answer[1])


def _entry(entry: list[Any] | None) -> str:
    if entry is None:
        return "missing"
    mode, uid, gid, text = entry
    shown = "a directory" if text is None else f"text {text!r}"
    return f"{mode}, uid {uid}, gid {gid}, {shown}"


def _machine(users: tuple[str, ...]) -> Any:  # noqa: ANN401 - whatever the driver's system is
    system = driver.new_system()
    for gid, name in GROUP_NAMES.items():
        if name in users or name == "staff":
            driver.add_group(system, name, gid)
    for name in users[1:]:
        uid, gid, groups, capable = USERS[name]
        extra = tuple(GROUP_NAMES[each] for each in groups)
        if capable:
            powers = ("CAP_DAC_READ_SEARCH",)
            driver.add_user(system, name, uid, GROUP_NAMES[gid], groups=extra, capabilities=powers)
        else:
            driver.add_user(system, name, uid, GROUP_NAMES[gid], groups=extra)
    return system


def _make(system: Any, node: Node) -> None:  # noqa: ANN401 - the driver's system
    """The node made by its owner, in a parent that root opens for the moment."""
    parent = node.path.rpartition("/")[0] or "/"
    old, _, _ = driver.describe(system, parent)
    _setup(system, "chmod", "root", parent, "0777")
    if node.is_dir:
        _setup(system, "mkdir", node.owner, node.path, "0777")
    else:
        _setup(system, "create", node.owner, node.path, node.mode, node.text)
    _setup(system, "chmod", "root", parent, old)


def _setup(system: Any, op: str, *args: str) -> None:  # noqa: ANN401 - the driver's system
    said = getattr(driver, op)(system, *args)
    if said != "OK":
        call = ", ".join(repr(arg) for arg in args)
        raise SetupError(f"building the tree, {op}(system, {call}) returned {said!r}, not 'OK'")


def _build(base: str, nodes: tuple[Node, ...]) -> None:
    """Make the nodes as root, then give them their owners' ids and their modes."""
    os.chown(base, 0, 0)
    Path(base).chmod(0o755)
    for node in nodes:
        real = Path(base + node.path)
        if node.is_dir:
            real.mkdir(mode=0o700)
        else:
            real.write_text(node.text, encoding="utf-8")
        uid, gid, _, _ = USERS[node.owner]
        os.chown(real, uid, gid)
        real.chmod(int(node.mode, 8))


def _snapshot(base: str, paths: list[str]) -> dict[str, Any]:
    """Each path's mode, owner, group and text (None for a directory), or None."""
    found: dict[str, Any] = {}
    for path in paths:
        real = Path(base if path == "/" else base + path)
        try:
            info = real.lstat()
        except (FileNotFoundError, NotADirectoryError):
            found[path] = None
            continue
        text = None if real.is_dir() else real.read_text(encoding="utf-8")
        found[path] = [f"{info.st_mode & 0o7777:04o}", info.st_uid, info.st_gid, text]
    return found


def _kernel_call(base: str, case: Case) -> object:
    """In the child: the actor's ids, then the call as Linux does it; "invalid" for a bad mode."""
    os.umask(0)
    _become(case.actor)
    path = base if case.args[0] == "/" else base + case.args[0]
    if case.op == "read":
        fd = os.open(path, os.O_RDONLY)
        try:
            return os.read(fd, 1 << 16).decode()
        finally:
            os.close(fd)
    if case.op == "can":
        wanted = {"r": os.R_OK, "w": os.W_OK, "x": os.X_OK}
        return os.access(path, sum(wanted[c] for c in case.args[1]), effective_ids=True)
    if case.op == "create":
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, int(case.args[1], 8))
        os.write(fd, case.args[2].encode())
        os.close(fd)
    elif case.op == "mkdir":
        os.mkdir(path, int(case.args[1], 8))  # noqa: PTH102 - the plain system call
    else:
        return _gnu_chmod(path, case.args[1])
    return "OK"


def _gnu_chmod(path: str, mode: str) -> str:
    """``/bin/chmod -- MODE path``; its complaint turned back into the errno's name."""
    done = subprocess.run(  # noqa: S603 - the real chmod, with our arguments
        [CHMOD, "--", mode, path],
        capture_output=True,
        text=True,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    if done.returncode == 0:
        return "OK"
    if "invalid mode" in done.stderr:
        return "invalid"
    reason = done.stderr.strip().rpartition(": ")[2]
    raise OSError(STRERRORS[reason], reason)


def _become(name: str) -> None:
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


CORE = DriverCheck("core")
SERVICE_ACCOUNT = DriverCheck("service-account")
SYMBOLIC_MODES = DriverCheck("symbolic-modes")
