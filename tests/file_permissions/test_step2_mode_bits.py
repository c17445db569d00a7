from __future__ import annotations

import errno
import stat
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

    from file_permissions import FileSystem

    Build = Callable[..., None]

pytestmark = pytest.mark.step(2)


def test_root_sets_a_nodes_owner_group_and_mode(fs: FileSystem, build: Build) -> None:
    build("/notes", 0o640, "alice", "staff")
    build("/box", 0o750, "bob", "staff", is_dir=True)

    notes, box = fs.login("carol").stat("/notes"), fs.login("carol").stat("/box")

    assert (notes.mode, notes.uid, notes.gid) == (stat.S_IFREG | 0o640, 1001, 500)
    assert (box.mode, box.uid, box.gid) == (stat.S_IFDIR | 0o750, 1002, 500)


def test_the_root_directory_belongs_to_root_with_mode_755(fs: FileSystem) -> None:
    status = fs.login("carol").stat("/")

    assert (status.mode, status.uid, status.gid) == (stat.S_IFDIR | 0o755, 0, 0)


@pytest.mark.parametrize(
    ("mode", "is_dir", "expected"),
    [
        (0o755, True, "drwxr-xr-x"),
        (0o644, False, "-rw-r--r--"),
        (0o000, False, "----------"),
        (0o4755, False, "-rwsr-xr-x"),
        (0o4644, False, "-rwSr--r--"),
        (0o2755, True, "drwxr-sr-x"),
        (0o2745, False, "-rwxr-Sr-x"),
        (0o1777, True, "drwxrwxrwt"),
        (0o1776, True, "drwxrwxrwT"),
        (0o7777, False, "-rwsrwsrwt"),
        (0o7000, True, "d--S--S--T"),
        (0o111, False, "---x--x--x"),
    ],
)
def test_the_filemode_string_is_the_one_ls_prints(
    fs: FileSystem, build: Build, *, mode: int, is_dir: bool, expected: str
) -> None:
    build("/node", mode, is_dir=is_dir)

    assert fs.login("root").stat("/node").filemode == expected


@pytest.mark.parametrize(
    ("user", "mode", "want", "granted"),
    [
        ("alice", 0o400, "r", True),
        ("alice", 0o200, "w", True),
        ("alice", 0o100, "x", True),
        ("alice", 0o077, "r", False),
        ("alice", 0o577, "w", False),
        ("alice", 0o700, "rwx", True),
        ("alice", 0o600, "rwx", False),
        ("bob", 0o040, "r", True),
        ("bob", 0o704, "r", False),
        ("bob", 0o070, "rwx", True),
        ("carol", 0o004, "r", True),
        ("carol", 0o770, "r", False),
        ("carol", 0o007, "rwx", True),
        ("carol", 0o000, "", True),
    ],
)
def test_only_the_first_matching_class_of_owner_group_other_counts(
    fs: FileSystem, build: Build, *, user: str, mode: int, want: str, granted: bool
) -> None:
    """Alice owns the file, bob is in its group (staff), carol is neither."""
    build("/file", mode, "alice", "staff")

    assert fs.login(user).access("/file", want) is granted


def test_a_supplementary_group_counts_as_much_as_the_primary_group(
    fs: FileSystem, build: Build
) -> None:
    fs.add_user("dave", uid=1004, group="staff")
    build("/file", 0o040, "carol", "staff")

    assert fs.login("dave").access("/file", "r")
    assert fs.login("bob").access("/file", "r")
    assert not fs.login("carol").access("/file", "r")


@pytest.mark.parametrize(
    ("mode", "is_dir", "want", "granted"),
    [
        (0o000, False, "rw", True),
        (0o000, False, "x", False),
        (0o001, False, "x", True),
        (0o010, False, "rwx", True),
        (0o100, False, "x", True),
        (0o000, True, "rwx", True),
    ],
)
def test_root_may_read_write_and_search_anything_but_executes_only_executable_files(
    fs: FileSystem, build: Build, *, mode: int, is_dir: bool, want: str, granted: bool
) -> None:
    build("/node", mode, "alice", "staff", is_dir=is_dir)

    assert fs.login("root").access("/node", want) is granted


def test_access_of_a_missing_file_is_false(fs: FileSystem) -> None:
    assert not fs.login("root").access("/missing", "")


@pytest.mark.parametrize("want", ["q", "rr-", "R"])
def test_access_refuses_letters_other_than_r_w_x(fs: FileSystem, want: str) -> None:
    with pytest.raises(ValueError, match=want):
        fs.login("root").access("/", want)


def test_reading_needs_read_permission(fs: FileSystem, build: Build) -> None:
    build("/secret", 0o640, "alice", "staff")
    fs.login("alice").write("/secret", b"plans")

    with pytest.raises(PermissionError) as denied:
        fs.login("carol").read("/secret")

    assert denied.value.errno == errno.EACCES
    assert (denied.value.filename, denied.value.strerror) == ("/secret", "Permission denied")
    assert fs.login("bob").read("/secret") == b"plans"


def test_writing_needs_write_permission_and_replaces_the_contents(
    fs: FileSystem, build: Build
) -> None:
    build("/log", 0o664, "alice", "staff")
    fs.login("bob").write("/log", b"first")

    with pytest.raises(PermissionError) as denied:
        fs.login("carol").write("/log", b"second")

    assert denied.value.errno == errno.EACCES
    fs.login("alice").write("/log", b"third")
    assert fs.login("carol").read("/log") == b"third"


def test_root_reads_and_writes_a_file_nobody_may_touch(fs: FileSystem, build: Build) -> None:
    build("/locked", 0o000, "alice", "staff")
    root = fs.login("root")

    root.write("/locked", b"kept")

    assert root.read("/locked") == b"kept"


def test_executing_needs_execute_permission(fs: FileSystem, build: Build) -> None:
    build("/tool", 0o754, "alice", "staff")

    process = fs.login("bob").execute("/tool")

    assert (process.uid, process.gid) == (1002, 1002)
    with pytest.raises(PermissionError) as denied:
        fs.login("carol").execute("/tool")
    assert denied.value.errno == errno.EACCES


def test_root_cannot_execute_a_file_without_any_execute_bit(fs: FileSystem, build: Build) -> None:
    build("/data", 0o666, "alice", "staff")

    with pytest.raises(PermissionError) as denied:
        fs.login("root").execute("/data")

    assert denied.value.errno == errno.EACCES
