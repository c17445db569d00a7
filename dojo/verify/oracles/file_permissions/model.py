"""The implementation's side of the kernel checks: the same tree and call, through a Session."""

from __future__ import annotations

import errno
import stat
from typing import TYPE_CHECKING, Any

from dojo.verify.oracles.file_permissions.disk import PROGRAM
from dojo.verify.oracles.file_permissions.world import machine

if TYPE_CHECKING:
    from file_permissions import Session

    from dojo.verify.oracles.file_permissions.world import Node

MODE_ARGUMENT = {"chmod", "create", "mkdir"}


class SetupError(RuntimeError):
    """The implementation refused a step of building the tree, which the kernel allowed."""


def outcome(
    nodes: tuple[Node, ...], actor: str, umask: int, op: str, args: tuple[Any, ...]
) -> list[Any]:
    """``[["ok", value] or ["err", "EACCES"], tree]`` after ``op(*args)`` as ``actor``."""
    fs = machine()
    root = fs.login("root", umask=0)
    for node in nodes:
        build(root, node)
    session = fs.login(actor, umask=umask)
    try:
        result: list[Any] = ["ok", call(session, op, args)]
    except OSError as error:
        result = ["err", errno.errorcode.get(error.errno or 0, str(error.errno))]
    return [result, snapshot(root, "/")]


def build(root: Session, node: Node) -> None:
    """Make ``node`` as root; ``SetupError`` naming the call that failed."""
    steps = (
        (root.mkdir if node.is_dir else root.create, (node.path,)),
        (root.chown, (node.path, node.uid, node.gid)),
        (root.chmod, (node.path, node.mode)),
    )
    for function, arguments in steps:
        try:
            function(*arguments)
        except NotImplementedError:
            raise
        except Exception as error:
            name = getattr(function, "__name__", "call")
            raise SetupError(
                f"root.{name}{arguments!r} raised {type(error).__name__}: {error}"
            ) from error


def call(session: Session, op: str, args: tuple[Any, ...]) -> Any:  # noqa: ANN401 - any answer
    """``op`` through the session, its answer as plain JSON values."""
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


def call_code(op: str, args: tuple[Any, ...]) -> str:
    """The call as a learner types it after ``fs.login(...)``."""
    if op == "write":
        return f".write({args[0]!r}, {args[1].encode()!r})"
    if op == "chdir":
        return f".chdir({args[0]!r}); then .cwd"
    if op == "execute":
        return f".execute({args[0]!r}); then its .uid and .gid"
    if op == "program_access":
        return f".execute({args[0]!r}).access({args[1]!r}, {args[2]!r})"
    shown = ", ".join(
        f"0o{arg:o}" if index == 1 and op in MODE_ARGUMENT else repr(arg)
        for index, arg in enumerate(args)
    )
    suffix = "; then its .mode, .uid and .gid" if op == "stat" else ""
    return f".{op}({shown}){suffix}"


def snapshot(root: Session, path: str) -> dict[str, Any]:
    """Every node's ``[st_mode, uid, gid, text or None]`` under ``path``, as root sees it."""
    status = root.stat(path)
    is_dir = stat.S_ISDIR(status.mode)
    plain = not (is_dir or path.endswith("/" + PROGRAM))
    content = root.read(path).decode() if plain else None
    found = {path: [status.mode, status.uid, status.gid, content]}
    if is_dir:
        for name in root.listdir(path):
            found |= snapshot(root, path.rstrip("/") + "/" + name)
    return found
