"""Shared arrangements: a machine with a few users, and a way to build a tree as root."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

    from file_permissions import FileSystem


@pytest.fixture
def fs() -> FileSystem:
    """Root, plus alice and bob in group staff, and carol outside it."""
    # Imported here: pytest loads this file before ``--impl`` puts the package on sys.path.
    machine: FileSystem = importlib.import_module("file_permissions").FileSystem()
    machine.add_group("staff", gid=500)
    machine.add_user("alice", uid=1001, groups=["staff"])
    machine.add_user("bob", uid=1002, groups=["staff"])
    machine.add_user("carol", uid=1003)
    return machine


@pytest.fixture
def build(fs: FileSystem) -> Callable[..., None]:
    """``build(path, mode, owner="root", group="root", *, is_dir=False)``, done as root."""
    root = fs.login("root", umask=0)

    def make(
        path: str, mode: int, owner: str = "root", group: str = "root", *, is_dir: bool = False
    ) -> None:
        if is_dir:
            root.mkdir(path)
        else:
            root.create(path)
        root.chown(path, owner, group)
        root.chmod(path, mode)

    return make
