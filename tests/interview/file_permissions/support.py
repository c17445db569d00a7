"""The office every interview test of file_permissions starts from, in the driver's words."""

from __future__ import annotations

from typing import Any, TypeAlias

from file_permissions.driver import add_group, add_user, create, mkdir, new_system

# Whatever the driver's new_system returns: the tests only pass it back.
System: TypeAlias = Any

ALICE, BOB, CAROL, DAVE = 1001, 1002, 1003, 1004
STAFF = 500
# Carol's and Dave's own groups have their uids as gids, as Debian's useradd makes them.
CAROLS, DAVES = CAROL, DAVE


def office() -> System:
    """A machine: alice and bob have staff as primary group, carol as a supplementary one.

    Dave is in no group of theirs. ``/srv`` belongs to root, mode ``0777``: anyone may
    make their own things there. The result is whatever ``new_system`` returned.
    """
    system = new_system()
    add_group(system, "staff", STAFF)
    add_group(system, "carol", CAROLS)
    add_group(system, "dave", DAVES)
    add_user(system, "alice", ALICE, "staff")
    add_user(system, "bob", BOB, "staff")
    add_user(system, "carol", CAROL, "carol", groups=("staff",))
    add_user(system, "dave", DAVE, "dave")
    directory(system, "root", "/srv", "0777")
    return system


def directory(system: System, owner: str, path: str, mode: str) -> None:
    """Arrange: ``owner`` makes the directory ``path`` with ``mode``."""
    outcome = mkdir(system, owner, path, mode)
    assert outcome == "OK", f"arranging: mkdir {path} as {owner} gave {outcome}"


def file(system: System, owner: str, path: str, mode: str, text: str = "") -> None:
    """Arrange: ``owner`` makes the file ``path`` holding ``text``, with ``mode``."""
    outcome = create(system, owner, path, mode, text)
    assert outcome == "OK", f"arranging: create {path} as {owner} gave {outcome}"
