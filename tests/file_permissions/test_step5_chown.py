from __future__ import annotations

import errno
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

    from file_permissions import FileSystem

    Build = Callable[..., None]

pytestmark = [
    pytest.mark.step(5),
    pytest.mark.spec(
        "chown(path, user=None, group=None) is chown(2): user and group are names (which must "
        "exist) or ids"
    ),
]

ROOT = "Root changes the owner and the group to anything."
GIVE_AWAY = (
    'Anyone else: changing the owner is EPERM, except "changing" it to themselves when they '
    "already own the node."
)
CHGRP = (
    "Only the owner may change the group, and only to a group they belong to (gid or "
    "supplementary) or to the group it already has; EPERM otherwise."
)
CLEARS = (
    "On a regular file every successful chown, even by root and even one that changes nothing, "
    "clears setuid, and clears setgid when group execute is set (a setgid program)."
)
OUTSIDER = (
    "Setgid without group execute is also cleared when the caller is not root and is outside "
    "the file's group, the group it had before the call (as Linux does since 6.2)."
)
EMPTY_CHOWN = (
    "Clearing bits is a mode change: when a chown that names neither user nor group would "
    "clear bits, a caller who is neither the owner nor root gets EPERM."
)


def owners(fs: FileSystem, path: str) -> tuple[int, int]:
    status = fs.login("root").stat(path)
    return status.uid, status.gid


@pytest.mark.spec(ROOT)
@pytest.mark.parametrize(("user", "group"), [("bob", "staff"), (1002, 500)], ids=["names", "ids"])
def test_root_gives_a_node_to_any_user_and_group_by_name_or_id(
    fs: FileSystem, build: Build, user: str | int, group: str | int
) -> None:
    build("/file", 0o644, "alice", "alice")

    fs.login("root").chown("/file", user, group)

    assert owners(fs, "/file") == (1002, 500)


@pytest.mark.spec("None leaves that one unchanged.")
def test_none_leaves_the_owner_or_the_group_unchanged(fs: FileSystem, build: Build) -> None:
    build("/file", 0o644, "alice", "alice")
    root = fs.login("root")

    root.chown("/file", group="staff")
    first = owners(fs, "/file")
    root.chown("/file", "bob")

    assert first == (1001, 500)
    assert owners(fs, "/file") == (1002, 500)


@pytest.mark.spec(
    "(0 .. 2**32 - 2, taken as they are, as chown(2) takes them, even when no account has them)"
)
def test_root_may_use_ids_nobody_has(fs: FileSystem, build: Build) -> None:
    build("/file", 0o644, "alice", "alice")
    root = fs.login("root")

    root.chown("/file", 4242, 4343)
    first = owners(fs, "/file")
    root.chown("/file", 2**32 - 2, 0)

    assert first == (4242, 4343)
    assert owners(fs, "/file") == (2**32 - 2, 0)


@pytest.mark.spec(
    "An unknown name or a bad id is a ValueError before the path is looked at.",
    "Unknown users or groups, malformed names, ids, modes and umasks raise ValueError",
)
@pytest.mark.parametrize(
    ("user", "group", "culprit"),
    [("mallory", None, "mallory"), (None, "wheel", "wheel"), (2**32 - 1, None, "4294967295")],
    ids=["unknown user", "unknown group", "the -1 of chown(2)"],
)
def test_a_bad_user_or_group_is_refused_before_the_path(
    fs: FileSystem, user: str | int | None, group: str | None, culprit: str
) -> None:
    with pytest.raises(ValueError, match=culprit):
        fs.login("carol").chown("/nowhere/file", user, group)


@pytest.mark.spec(GIVE_AWAY, "EPERM | PermissionError | privilege denies:", "chown by non-root")
@pytest.mark.parametrize("user", ["alice", "bob", "carol"])
def test_only_root_gives_a_node_away(fs: FileSystem, build: Build, user: str) -> None:
    build("/file", 0o666, "alice", "staff")

    with pytest.raises(PermissionError) as denied:
        fs.login(user).chown("/file", "carol")

    assert (denied.value.errno, denied.value.filename) == (errno.EPERM, "/file")
    assert owners(fs, "/file") == (1001, 500)


@pytest.mark.spec(GIVE_AWAY)
def test_the_owner_may_chown_to_themselves(fs: FileSystem, build: Build) -> None:
    build("/file", 0o644, "alice", "staff")

    fs.login("alice").chown("/file", "alice")

    assert owners(fs, "/file") == (1001, 500)


@pytest.mark.spec(CHGRP)
def test_the_owner_may_give_the_group_to_a_group_they_belong_to(
    fs: FileSystem, build: Build
) -> None:
    build("/file", 0o644, "alice", "alice")
    alice = fs.login("alice")

    alice.chown("/file", group="staff")
    alice.chown("/file", group=1001)

    assert owners(fs, "/file") == (1001, 1001)


@pytest.mark.spec(CHGRP)
def test_the_owner_may_not_give_the_group_to_a_group_they_are_not_in(
    fs: FileSystem, build: Build
) -> None:
    build("/file", 0o644, "alice", "staff")

    with pytest.raises(PermissionError) as denied:
        fs.login("alice").chown("/file", group="carol")

    assert (denied.value.errno, denied.value.filename) == (errno.EPERM, "/file")
    assert owners(fs, "/file") == (1001, 500)


@pytest.mark.spec("or to the group it already has")
def test_the_owner_outside_the_files_group_may_keep_that_group(
    fs: FileSystem, build: Build
) -> None:
    build("/file", 0o644, "alice", "carol")

    fs.login("alice").chown("/file", "alice", "carol")

    assert owners(fs, "/file") == (1001, 1003)


@pytest.mark.spec(CHGRP)
def test_a_group_member_who_is_not_the_owner_may_not_change_the_group(
    fs: FileSystem, build: Build
) -> None:
    build("/file", 0o666, "alice", "alice")

    with pytest.raises(PermissionError) as denied:
        fs.login("bob").chown("/file", group="staff")

    assert denied.value.errno == errno.EPERM


@pytest.mark.parametrize(
    ("user", "group", "culprit"),
    [("mallory", None, "mallory"), (None, "wheel", "wheel"), (-1, None, "-1")],
    ids=["unknown user", "unknown group", "negative id"],
)
@pytest.mark.spec(
    "An unknown name or a bad id is a ValueError", "A refused operation changes nothing."
)
def test_an_unknown_or_malformed_user_or_group_is_a_value_error_and_changes_nothing(
    fs: FileSystem, build: Build, user: str | int | None, group: str | None, culprit: str
) -> None:
    build("/file", 0o644, "alice", "staff")

    with pytest.raises(ValueError, match=culprit):
        fs.login("root").chown("/file", user, group)

    assert owners(fs, "/file") == (1001, 500)


@pytest.mark.parametrize(
    ("mode", "actor", "new_owner", "after"),
    [
        (0o4755, "root", "bob", "-rwxr-xr-x"),
        (0o6755, "root", None, "-rwxr-xr-x"),
        (0o2745, "root", None, "-rwxr-Sr-x"),
        (0o6745, "alice", None, "-rwxr-Sr-x"),
        (0o2755, "alice", None, "-rwxr-xr-x"),
        (0o1755, "root", "bob", "-rwxr-xr-t"),
    ],
    ids=[
        "setuid, by root",
        "setuid and setgid program, by root, changing nothing",
        "setgid without group execute, by root",
        "setgid without group execute, by the owner in the group",
        "setgid program, by the owner",
        "sticky stays",
    ],
)
@pytest.mark.spec(CLEARS)
def test_chown_clears_setuid_and_executable_setgid_of_a_regular_file(
    fs: FileSystem, build: Build, *, mode: int, actor: str, new_owner: str | None, after: str
) -> None:
    """Root is not spared: changing the owner must not hand over a privileged program."""
    build("/tool", mode, "alice", "staff")

    fs.login(actor).chown("/tool", new_owner, "staff")

    assert fs.login("root").stat("/tool").filemode == after


@pytest.mark.spec("Directories keep their bits.")
def test_chown_keeps_the_special_bits_of_a_directory(fs: FileSystem, build: Build) -> None:
    build("/dir", 0o7777, "alice", "staff", is_dir=True)

    fs.login("root").chown("/dir", "bob", "bob")

    assert fs.login("root").stat("/dir").filemode == "drwsrwsrwt"


@pytest.mark.spec(EMPTY_CHOWN)
def test_a_non_owner_cannot_strip_setuid_with_an_empty_chown(fs: FileSystem, build: Build) -> None:
    build("/tool", 0o4777, "alice", "staff")

    with pytest.raises(PermissionError) as denied:
        fs.login("bob").chown("/tool")

    assert (denied.value.errno, denied.value.filename) == (errno.EPERM, "/tool")
    assert fs.login("root").stat("/tool").filemode == "-rwsrwxrwx"


@pytest.mark.spec(EMPTY_CHOWN)
def test_an_empty_chown_of_a_plain_file_is_allowed_to_anyone(fs: FileSystem, build: Build) -> None:
    build("/file", 0o600, "alice", "staff")

    fs.login("carol").chown("/file")

    assert owners(fs, "/file") == (1001, 500)


@pytest.mark.parametrize(
    ("mode", "writer", "after"),
    [
        (0o4777, "bob", "-rwxrwxrwx"),
        (0o6777, "bob", "-rwxrwxrwx"),
        (0o2767, "bob", "-rwxrwSrwx"),
        (0o2767, "carol", "-rwxrw-rwx"),
        (0o6777, "root", "-rwsrwsrwx"),
        (0o4666, "alice", "-rw-rw-rw-"),
    ],
    ids=[
        "setuid, by a group member",
        "setuid and setgid program, by a group member",
        "setgid without group execute, by a group member",
        "setgid without group execute, by an outsider",
        "by root",
        "setuid, by the owner",
    ],
)
@pytest.mark.spec(
    "A non-root write to a regular file clears setuid, and setgid under the same condition as "
    "chown (group execute set, or the writer outside the file's group, as since Linux 6.2).",
    "Root's writes clear nothing.",
)
def test_writing_as_non_root_clears_setuid_and_setgid_as_linux_does(
    fs: FileSystem, build: Build, mode: int, writer: str, after: str
) -> None:
    """Setgid without group execute stays unless the writer is outside the file's group."""
    build("/tool", mode, "alice", "staff")

    fs.login(writer).write("/tool", b"patched")

    assert fs.login("root").stat("/tool").filemode == after


@pytest.mark.spec(OUTSIDER)
@pytest.mark.parametrize(
    ("before", "after", "mode"),
    [("carol", "alice", "-rwxr--r-x"), ("staff", "alice", "-rwxr-Sr-x")],
    ids=["from a group the owner is outside", "from a group the owner is in"],
)
def test_the_group_before_the_call_decides_whether_setgid_goes(
    fs: FileSystem, build: Build, before: str, after: str, mode: str
) -> None:
    build("/file", 0o2745, "alice", before)

    fs.login("alice").chown("/file", group=after)

    assert fs.login("root").stat("/file").filemode == mode
