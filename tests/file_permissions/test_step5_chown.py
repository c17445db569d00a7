from __future__ import annotations

import errno
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

    from file_permissions import FileSystem

    Build = Callable[..., None]

pytestmark = pytest.mark.step(5)


def owners(fs: FileSystem, path: str) -> tuple[int, int]:
    status = fs.login("root").stat(path)
    return status.uid, status.gid


@pytest.mark.parametrize(("user", "group"), [("bob", "staff"), (1002, 500)])
def test_root_gives_a_node_to_any_user_and_group_by_name_or_id(
    fs: FileSystem, build: Build, user: str | int, group: str | int
) -> None:
    build("/file", 0o644, "alice", "alice")

    fs.login("root").chown("/file", user, group)

    assert owners(fs, "/file") == (1002, 500)


def test_none_leaves_the_owner_or_the_group_unchanged(fs: FileSystem, build: Build) -> None:
    build("/file", 0o644, "alice", "alice")
    root = fs.login("root")

    root.chown("/file", group="staff")
    first = owners(fs, "/file")
    root.chown("/file", "bob")

    assert first == (1001, 500)
    assert owners(fs, "/file") == (1002, 500)


def test_root_may_use_ids_nobody_has(fs: FileSystem, build: Build) -> None:
    build("/file", 0o644, "alice", "alice")

    fs.login("root").chown("/file", 4242, 4343)

    assert owners(fs, "/file") == (4242, 4343)


@pytest.mark.parametrize("user", ["alice", "bob", "carol"])
def test_only_root_gives_a_node_away(fs: FileSystem, build: Build, user: str) -> None:
    build("/file", 0o666, "alice", "staff")

    with pytest.raises(PermissionError) as denied:
        fs.login(user).chown("/file", "carol")

    assert (denied.value.errno, denied.value.filename) == (errno.EPERM, "/file")
    assert owners(fs, "/file") == (1001, 500)


def test_the_owner_may_chown_to_themselves(fs: FileSystem, build: Build) -> None:
    build("/file", 0o644, "alice", "staff")

    fs.login("alice").chown("/file", "alice")

    assert owners(fs, "/file") == (1001, 500)


def test_the_owner_may_give_the_group_to_a_group_they_belong_to(
    fs: FileSystem, build: Build
) -> None:
    build("/file", 0o644, "alice", "alice")
    alice = fs.login("alice")

    alice.chown("/file", group="staff")
    alice.chown("/file", group=1001)

    assert owners(fs, "/file") == (1001, 1001)


def test_the_owner_may_not_give_the_group_to_a_group_they_are_not_in(
    fs: FileSystem, build: Build
) -> None:
    build("/file", 0o644, "alice", "staff")

    with pytest.raises(PermissionError) as denied:
        fs.login("alice").chown("/file", group="carol")

    assert (denied.value.errno, denied.value.filename) == (errno.EPERM, "/file")
    assert owners(fs, "/file") == (1001, 500)


def test_the_owner_outside_the_files_group_may_keep_that_group(
    fs: FileSystem, build: Build
) -> None:
    build("/file", 0o644, "alice", "carol")

    fs.login("alice").chown("/file", "alice", "carol")

    assert owners(fs, "/file") == (1001, 1003)


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
)
def test_chown_clears_setuid_and_executable_setgid_of_a_regular_file(
    fs: FileSystem, build: Build, *, mode: int, actor: str, new_owner: str | None, after: str
) -> None:
    """Root is not spared: changing the owner must not hand over a privileged program."""
    build("/tool", mode, "alice", "staff")

    fs.login(actor).chown("/tool", new_owner, "staff")

    assert fs.login("root").stat("/tool").filemode == after


def test_chown_keeps_the_special_bits_of_a_directory(fs: FileSystem, build: Build) -> None:
    build("/dir", 0o7777, "alice", "staff", is_dir=True)

    fs.login("root").chown("/dir", "bob", "bob")

    assert fs.login("root").stat("/dir").filemode == "drwsrwsrwt"


def test_a_non_owner_cannot_strip_setuid_with_an_empty_chown(fs: FileSystem, build: Build) -> None:
    build("/tool", 0o4777, "alice", "staff")

    with pytest.raises(PermissionError) as denied:
        fs.login("bob").chown("/tool")

    assert (denied.value.errno, denied.value.filename) == (errno.EPERM, "/tool")
    assert fs.login("root").stat("/tool").filemode == "-rwsrwxrwx"


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
)
def test_writing_as_non_root_clears_setuid_and_setgid_as_linux_does(
    fs: FileSystem, build: Build, mode: int, writer: str, after: str
) -> None:
    """Setgid without group execute stays unless the writer is outside the file's group."""
    build("/tool", mode, "alice", "staff")

    fs.login(writer).write("/tool", b"patched")

    assert fs.login("root").stat("/tool").filemode == after
