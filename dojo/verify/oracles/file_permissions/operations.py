"""Operations as other users, against the real Linux kernel. Needs root.

Each case builds the same tree of owners and modes twice, in memory and on disk under
/tmp, then performs one operation as some user: in memory through a ``Session``, on disk
in a forked child that has dropped to the user's uid, gid and groups. The outcome (result
or errno) and the whole tree afterwards (kinds, modes, owners, contents) must agree.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import attrs

from dojo.verify.check import Check
from dojo.verify.oracles.file_permissions import kernel, model
from dojo.verify.oracles.file_permissions.disk import built, in_child
from dojo.verify.oracles.file_permissions.world import (
    GIDS,
    IDS,
    UIDS,
    Node,
    has_special_directory,
    machine_code,
    random_path,
    random_tree,
    shorter_paths,
    smaller_trees,
    tree_code,
    tree_size,
)

if TYPE_CHECKING:
    import random
    from collections.abc import Iterator

ACTORS = tuple(IDS)
OPERATIONS = (
    *("read", "write", "listdir", "stat", "access", "create", "mkdir", "unlink"),
    *("rmdir", "rename", "rename", "chmod", "chown", "chown", "chdir"),
)
STEPS = {"stat": 2, "read": 2, "write": 2, "access": 2, "chmod": 4, "chown": 5, "execute": 6}
EXCEPTIONS = {
    "EACCES": "PermissionError",
    "EPERM": "PermissionError",
    "ENOENT": "FileNotFoundError",
    "EEXIST": "FileExistsError",
    "ENOTDIR": "NotADirectoryError",
    "EISDIR": "IsADirectoryError",
}
SHOWN_PATHS = 4


@attrs.frozen
class OpCase:
    """A tree, who acts with which umask, and one operation with its arguments."""

    nodes: tuple[Node, ...]
    actor: str
    umask: int
    op: str
    args: tuple[Any, ...]

    @property
    def keep(self) -> str:
        """The node shrinking must keep: the program a case executes, if any."""
        programs = [node.path for node in self.nodes if node.path.endswith("/prog")]
        return programs[0] if programs else ""


def random_case(rng: random.Random) -> OpCase:
    """Any operation but execute, on a random tree, as anyone."""
    nodes = random_tree(rng)
    actor = rng.choice(("root", "u1", "u1", "u2", "u2", "u3"))
    umask = rng.choice((0o022, 0o002, 0o077, 0o000, rng.randrange(0o1000)))
    op = rng.choice(OPERATIONS)
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
    return OpCase(nodes, actor, umask, op, args)


class KernelCheck(Check[OpCase]):
    """The outcome of one call and the tree after it, in memory and in the kernel."""

    def generate(self, rng: random.Random, index: int) -> OpCase:
        """A random operation on a random tree."""
        del index
        return random_case(rng)

    def real(self, case: OpCase) -> object:
        """``[outcome, tree]`` from a forked child with the actor's credentials."""
        with built(case.nodes) as disk:
            uid, gid, groups = IDS[case.actor]

            def work() -> object:
                os.chdir(disk.base)
                os.umask(case.umask)
                return kernel.call(disk, (uid, gid, list(groups)), case.op, case.args)

            return [in_child(work), disk.snapshot()]

    def theirs(self, case: OpCase) -> object:
        """``[outcome, tree]`` through a ``Session`` of the implementation."""
        return model.outcome(case.nodes, case.actor, case.umask, case.op, case.args)

    def show(self, case: OpCase) -> str:
        """The calls that make the tree and perform the operation, in memory."""
        call = model.call_code(case.op, case.args)
        return "\n".join(
            [
                machine_code(),
                *tree_code(case.nodes),
                f'fs.login("{case.actor}", umask=0o{case.umask:03o}){call}',
            ]
        )

    def show_answers(self, real: object, theirs: object) -> tuple[str, str]:
        """The outcome, then the nodes whose state afterwards differs."""
        assert isinstance(real, list)
        real_outcome, real_tree = real
        if not isinstance(theirs, list):
            return _outcome(real_outcome), str(theirs)
        their_outcome, their_tree = theirs
        differing = sorted(
            path
            for path in real_tree.keys() | their_tree.keys()
            if real_tree.get(path) != their_tree.get(path)
        )[:SHOWN_PATHS]
        shown = []
        for outcome, tree in ((real_outcome, real_tree), (their_outcome, their_tree)):
            after = "; ".join(f"{path} {_entry(tree.get(path))}" for path in differing)
            shown.append(_outcome(outcome) + (f"\nafter: {after}" if after else ""))
        return shown[0], shown[1]

    def kind(self, case: OpCase, real: object, theirs: object) -> str:
        """The operation, and whether the answer or only the tree afterwards differs."""
        assert isinstance(real, list)
        if not isinstance(theirs, list):
            return f"{case.op}: your code raises"
        if real[0] != theirs[0]:
            return f"{case.op}: a different answer"
        return f"{case.op}: a different tree afterwards"

    def shrink(self, case: OpCase) -> Iterator[OpCase]:
        """A smaller tree, root acting, a smaller umask, then simpler arguments."""
        for nodes in smaller_trees(case.nodes, keep=case.keep):
            yield attrs.evolve(case, nodes=nodes)
        for actor in ACTORS[: ACTORS.index(case.actor)]:
            yield attrs.evolve(case, actor=actor)
        for bit in range(9):
            if case.umask >> bit & 1:
                yield attrs.evolve(case, umask=case.umask & ~(1 << bit))
        for index, arg in enumerate(case.args):
            for simpler in _simpler_args(arg, keep=case.keep):
                yield attrs.evolve(
                    case, args=(*case.args[:index], simpler, *case.args[index + 1 :])
                )

    def size(self, case: OpCase) -> tuple[int, ...]:
        """Fewer and plainer nodes, root acting, few umask bits, short arguments."""
        weight = sum(_weight(arg) for arg in case.args)
        return (
            *tree_size(case.nodes),
            ACTORS.index(case.actor),
            case.umask.bit_count(),
            weight,
        )

    def step(self, case: OpCase) -> int | None:
        """The step whose rules decide the case: by operation, step 6 for special bits."""
        special = has_special_directory(case.nodes) or any(n.mode & 0o6000 for n in case.nodes)
        if special and case.op not in {"stat", "access", "chmod"}:
            return 6
        path = str(case.args[0])
        walks = path.count("/") > 1 or not path.startswith("/") or "." in path
        return STEPS.get(case.op, 3) if not walks or case.op in {"chmod", "chown"} else 3


def _simpler_args(arg: object, keep: str) -> Iterator[object]:
    if isinstance(arg, str) and "/" in arg and not arg.endswith("/prog") and arg != keep:
        yield from shorter_paths(arg)
    elif isinstance(arg, int) and not isinstance(arg, bool):
        for bit in reversed(range(arg.bit_length())):
            if arg >> bit & 1:
                yield arg & ~(1 << bit)


def _weight(arg: object) -> int:
    if isinstance(arg, str):
        return len(arg)
    if isinstance(arg, int):
        return 1 + arg.bit_count()
    return 0


def _outcome(outcome: list[Any]) -> str:
    status, value = outcome
    if status == "err":
        return f"{EXCEPTIONS.get(value, 'OSError')} ({value})"
    if status == "crash":
        return f"failed: {value}"
    return f"returns {value!r}"


def _entry(entry: list[Any] | None) -> str:
    if entry is None:
        return "(none)"
    mode, uid, gid, content = entry
    kind = "d" if mode & 0o40000 else "f"
    text = "" if content is None else f" {content!r}"
    return f"{kind} {mode & 0o7777:04o} {uid}:{gid}{text}"


CHECK = KernelCheck()
