"""The machine the kernel checks share: three users, two groups, and generated trees of nodes.

The same accounts exist in memory (``machine``) and, as bare ids, on the real system: the
forked children that act for a user take its uid, gid and groups. Paths in a case are the
model's; ``disk.Disk`` maps them under a folder in /tmp.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from file_permissions import FileSystem

if TYPE_CHECKING:
    import random
    from collections.abc import Iterator

    from file_permissions import AclPolicy

GROUPS = {"g1": 20101, "g2": 20102}
# name: (uid, primary group or None for a personal one, supplementary groups)
USERS = {"u1": (20001, None, ("g1",)), "u2": (20002, "g1", ("g2",)), "u3": (20003, None, ())}
# What the kernel is told for each actor: uid, gid and every group (the primary one too).
IDS = {
    "root": (0, 0, (0,)),
    "u1": (20001, 20001, (20001, 20101)),
    "u2": (20002, 20101, (20101, 20102)),
    "u3": (20003, 20003, (20003,)),
}
UIDS = (0, 20001, 20002, 20003)
GIDS = (0, 20001, 20003, 20101, 20102)
NAMES = "abc"


def machine(policy: AclPolicy | None = None) -> FileSystem:
    """A new file system with the groups and users, under ``policy`` (the default when None)."""
    fs = FileSystem() if policy is None else FileSystem(policy=policy)
    for name, gid in GROUPS.items():
        fs.add_group(name, gid)
    for name, (uid, group, groups) in USERS.items():
        fs.add_user(name, uid=uid, group=group, groups=groups)
    return fs


def machine_code(policy: str = "") -> str:
    """``machine()`` as the calls a learner can type."""
    lines = [f"fs = FileSystem({policy})"]
    lines += [f'fs.add_group("{name}", {gid})' for name, gid in GROUPS.items()]
    for name, (uid, group, groups) in USERS.items():
        extra = "" if group is None else f', group="{group}"'
        extra += f", groups={groups!r}" if groups else ""
        lines.append(f'fs.add_user("{name}", uid={uid}{extra})')
    return "\n".join(lines)


@attrs.frozen
class Node:
    """A node of a generated tree, made as root in this order, then given owners and mode."""

    path: str
    is_dir: bool
    mode: int
    uid: int
    gid: int

    def code(self) -> str:
        """How root makes it in memory."""
        make = "mkdir" if self.is_dir else "create"
        return (
            f'root.{make}("{self.path}"); root.chown("{self.path}", {self.uid}, {self.gid});'
            f' root.chmod("{self.path}", 0o{self.mode:04o})'
        )

    def simpler(self) -> Iterator[Node]:
        """The node owned by root, then with each mode bit cleared, special bits first."""
        if self.uid:
            yield attrs.evolve(self, uid=0)
        if self.gid:
            yield attrs.evolve(self, gid=0)
        for bit in reversed(range(12)):
            if self.mode >> bit & 1:
                yield attrs.evolve(self, mode=self.mode & ~(1 << bit))


def random_mode(rng: random.Random, *, is_dir: bool = False) -> int:
    """Any mode at times; usually most rwx bits and a few special bits (sticky on directories)."""
    if rng.random() < 0.2:
        return rng.randrange(0o10000)
    mode = sum(1 << bit for bit in range(9) if rng.random() < 0.65)
    sticky = 0o1000 if rng.random() < (0.3 if is_dir else 0.1) else 0
    return mode | sticky | sum(1 << bit for bit in range(10, 12) if rng.random() < 0.12)


def random_tree(rng: random.Random) -> tuple[Node, ...]:
    """One to seven nodes under /, owned by anyone, parents before children."""
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


def smaller_trees(nodes: tuple[Node, ...], keep: str = "") -> Iterator[tuple[Node, ...]]:
    """The tree without one node (and what it holds), then with one node simpler.

    ``keep`` names a node that stays (the program a case executes).
    """
    for node in nodes:
        if keep != node.path and not keep.startswith(node.path + "/"):
            inside = node.path + "/"
            yield tuple(n for n in nodes if n != node and not n.path.startswith(inside))
    for index, node in enumerate(nodes):
        for simpler in node.simpler():
            yield (*nodes[:index], simpler, *nodes[index + 1 :])


def shorter_paths(path: str) -> Iterator[str]:
    """``path`` with one component left out, keeping at least one."""
    absolute = path.startswith("/")
    names = path.strip("/").split("/")
    for index in range(len(names) if len(names) > 1 else 0):
        rest = "/".join(names[:index] + names[index + 1 :])
        yield "/" + rest if absolute else rest


def tree_size(nodes: tuple[Node, ...]) -> tuple[int, int, int]:
    """Fewer nodes, then fewer mode bits, then fewer nodes owned by others than root."""
    bits = sum(node.mode.bit_count() for node in nodes)
    owners = sum((node.uid != 0) + (node.gid != 0) for node in nodes)
    return len(nodes), bits, owners


def has_special_directory(nodes: tuple[Node, ...]) -> bool:
    """Whether a directory of the tree is sticky or setgid (step 6's rules apply)."""
    return any(node.is_dir and node.mode & 0o3000 for node in nodes)


def tree_code(nodes: tuple[Node, ...]) -> list[str]:
    """The lines that make ``nodes`` as root."""
    return ['root = fs.login("root", umask=0)', *(node.code() for node in nodes)]
