"""Programs against the kernel: the ids ``execute`` gives, and ``access`` from inside. Needs root.

The program is a copy of ``id``, so the kernel's answer is what it prints when run as the
actor: the effective uid and gid a setuid or setgid program gets. ``access`` inside a
program asks with the real ids, as ``access(2)`` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from dojo.verify.oracles.file_permissions.disk import PROGRAM
from dojo.verify.oracles.file_permissions.operations import KernelCheck, OpCase
from dojo.verify.oracles.file_permissions.world import (
    GIDS,
    UIDS,
    Node,
    random_mode,
    random_path,
    random_tree,
)

if TYPE_CHECKING:
    import random


def program_case(rng: random.Random) -> OpCase:
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
    return OpCase(nodes, actor, 0o022, "execute", (target,))


def program_access_case(rng: random.Random) -> OpCase:
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


class ProgramsCheck(KernelCheck):
    """The credentials a program runs with."""

    def generate(self, rng: random.Random, index: int) -> OpCase:
        """Executing a copy of ``id``, a directory or a missing name."""
        del index
        return program_case(rng)


class ProgramAccessCheck(KernelCheck):
    """``access`` inside a program."""

    def generate(self, rng: random.Random, index: int) -> OpCase:
        """Executing a setuid or setgid program, then asking ``access`` inside it."""
        del index
        return program_access_case(rng)

    def step(self, case: OpCase) -> int | None:
        """Step 6: real and effective ids."""
        del case
        return 6


PROGRAMS = ProgramsCheck()
PROGRAM_ACCESS = ProgramAccessCheck()
