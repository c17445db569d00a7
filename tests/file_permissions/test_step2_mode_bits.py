from __future__ import annotations

import errno
import stat
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

    from file_permissions import FileSystem

    Build = Callable[..., None]

pytestmark = [
    pytest.mark.step(2),
    pytest.mark.spec(
        "Each node has an owner (uid), a group (gid) and twelve mode bits: setuid (4000), "
        "setgid (2000), sticky (1000), then read, write, execute for the owner (700), the group "
        "(070) and others (007).",
        "In this step root builds the tree: create and mkdir directly in /, then "
        "chmod(path, int) and chown(path, user, group) to set any mode and owners.",
    ),
]

CLASS_RULE = "Only one class applies, the first that matches"
ROOT = "Root (uid 0) may read and write any file and read, write and search any directory"
NEEDS = "read needs r, write needs w, execute needs x on a regular file; each raises"
ACCESS = "access(path, want) answers without raising"


@pytest.mark.spec("It returns a Stat: mode includes the file type bits as os.stat does")
def test_root_sets_a_nodes_owner_group_and_mode(fs: FileSystem, build: Build) -> None:
    build("/notes", 0o640, "alice", "staff")
    build("/box", 0o750, "bob", "staff", is_dir=True)

    notes, box = fs.login("carol").stat("/notes"), fs.login("carol").stat("/box")

    assert (notes.mode, notes.uid, notes.gid) == (stat.S_IFREG | 0o640, 1001, 500)
    assert (box.mode, box.uid, box.gid) == (stat.S_IFDIR | 0o750, 1002, 500)


@pytest.mark.spec("The root directory / belongs to root:root, mode 0o755.")
def test_the_root_directory_belongs_to_root_with_mode_755(fs: FileSystem) -> None:
    status = fs.login("carol").stat("/")

    assert (status.mode, status.uid, status.gid) == (stat.S_IFDIR | 0o755, 0, 0)


@pytest.mark.spec(
    "and filemode, the string ls -l prints: a type letter (d or -) then three triads; setuid "
    "shows as s in the owner's x place (S when the owner has no x), setgid likewise in the "
    "group's, and sticky as t / T in the others'."
)
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
    ids=[
        "0755 dir",
        "0644 file",
        "0000 file",
        "4755 file",
        "4644 file",
        "2755 dir",
        "2745 file",
        "1777 dir",
        "1776 dir",
        "7777 file",
        "7000 dir",
        "0111 file",
    ],
)
def test_the_filemode_string_is_the_one_ls_prints(
    fs: FileSystem, build: Build, *, mode: int, is_dir: bool, expected: str
) -> None:
    build("/node", mode, is_dir=is_dir)

    assert fs.login("root").stat("/node").filemode == expected


@pytest.mark.spec(
    CLASS_RULE,
    "if the caller's uid is the owner, only the owner bits count; else if the file's group is "
    "the caller's gid or one of their supplementary groups, only the group bits count; else "
    'only the "other" bits count.',
    "----rwxrwx denies everything to its owner.",
)
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
    ids=[
        "alice 400 r granted",
        "alice 200 w granted",
        "alice 100 x granted",
        "alice 077 r denied",
        "alice 577 w denied",
        "alice 700 rwx granted",
        "alice 600 rwx denied",
        "bob 040 r granted",
        "bob 704 r denied",
        "bob 070 rwx granted",
        "carol 004 r granted",
        "carol 770 r denied",
        "carol 007 rwx granted",
        "carol 000 nothing granted",
    ],
)
def test_only_the_first_matching_class_of_owner_group_other_counts(
    fs: FileSystem, build: Build, *, user: str, mode: int, want: str, granted: bool
) -> None:
    """Alice owns the file, bob is in its group (staff), carol is neither."""
    build("/file", mode, "alice", "staff")

    assert fs.login(user).access("/file", want) is granted


@pytest.mark.spec("the caller's gid or one of their supplementary groups")
def test_a_supplementary_group_counts_as_much_as_the_primary_group(
    fs: FileSystem, build: Build
) -> None:
    fs.add_user("dave", uid=1004, group="staff")
    build("/file", 0o040, "carol", "staff")

    assert fs.login("dave").access("/file", "r")
    assert fs.login("bob").access("/file", "r")
    assert not fs.login("carol").access("/file", "r")


@pytest.mark.spec(
    ROOT, "but executes a regular file only if at least one of its three x bits is set."
)
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
    ids=[
        "file 000 rw granted",
        "file 000 x denied",
        "file 001 x granted",
        "file 010 rwx granted",
        "file 100 x granted",
        "dir 000 rwx granted",
    ],
)
def test_root_may_read_write_and_search_anything_but_executes_only_executable_files(
    fs: FileSystem, build: Build, *, mode: int, is_dir: bool, want: str, granted: bool
) -> None:
    build("/node", mode, "alice", "staff", is_dir=is_dir)

    assert fs.login("root").access("/node", want) is granted


@pytest.mark.spec(ACCESS, '("" asks whether the path exists)', "any failure to reach the node")
def test_access_of_a_missing_file_is_false(fs: FileSystem, build: Build) -> None:
    build("/locked", 0o000, "alice", "staff")

    assert not fs.login("root").access("/missing", "")
    assert fs.login("carol").access("/locked", "")


@pytest.mark.spec("want is made of the letters r, w and x, in any order")
def test_access_takes_the_letters_in_any_order(fs: FileSystem, build: Build) -> None:
    build("/file", 0o500, "alice", "staff")
    alice = fs.login("alice")

    assert (alice.access("/file", "xr"), alice.access("/file", "wr")) == (True, False)


@pytest.mark.spec(
    "Any other character is a ValueError, checked before the path, so even for a path that "
    "does not exist.",
    "whose message names the offending value",
)
@pytest.mark.parametrize("path", ["/", "/missing"], ids=["existing path", "missing path"])
@pytest.mark.parametrize("want", ["q", "rr-", "R"])
def test_access_refuses_letters_other_than_r_w_x(fs: FileSystem, path: str, want: str) -> None:
    with pytest.raises(ValueError, match=want):
        fs.login("root").access(path, want)


@pytest.mark.spec(
    NEEDS,
    "PermissionError (EACCES) otherwise.",
    "A refused system call raises the builtin OSError subclass Python raises for the same "
    "failure, with errno set as Linux sets it:",
    "EACCES | PermissionError | permission bits deny",
)
def test_reading_needs_read_permission(fs: FileSystem, build: Build) -> None:
    build("/secret", 0o640, "alice", "staff")
    fs.login("alice").write("/secret", b"plans")

    with pytest.raises(PermissionError) as denied:
        fs.login("carol").read("/secret")

    assert denied.value.errno == errno.EACCES
    assert (denied.value.filename, denied.value.strerror) == ("/secret", "Permission denied")
    assert fs.login("bob").read("/secret") == b"plans"


@pytest.mark.spec(NEEDS, "and replaces its contents; read returns the bytes last written")
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


@pytest.mark.spec(ROOT)
def test_root_reads_and_writes_a_file_nobody_may_touch(fs: FileSystem, build: Build) -> None:
    build("/locked", 0o000, "alice", "staff")
    root = fs.login("root")

    root.write("/locked", b"kept")

    assert root.read("/locked") == b"kept"


@pytest.mark.spec(NEEDS, "execute returns the session the program runs as (same ids for now).")
def test_executing_needs_execute_permission(fs: FileSystem, build: Build) -> None:
    build("/tool", 0o754, "alice", "staff")

    process = fs.login("bob").execute("/tool")

    assert (process.uid, process.gid) == (1002, 1002)
    with pytest.raises(PermissionError) as denied:
        fs.login("carol").execute("/tool")
    assert (denied.value.errno, denied.value.filename) == (errno.EACCES, "/tool")


@pytest.mark.spec("but executes a regular file only if at least one of its three x bits is set.")
def test_root_cannot_execute_a_file_without_any_execute_bit(fs: FileSystem, build: Build) -> None:
    build("/data", 0o666, "alice", "staff")

    with pytest.raises(PermissionError) as denied:
        fs.login("root").execute("/data")

    assert denied.value.errno == errno.EACCES


@pytest.mark.spec('b"" for a new file')
def test_a_new_file_reads_as_empty(fs: FileSystem, build: Build) -> None:
    build("/new", 0o644, "alice", "staff")

    assert fs.login("bob").read("/new") == b""


@pytest.mark.spec(
    "write needs an existing file (ENOENT otherwise)",
    "ENOENT | FileNotFoundError | a name that does not exist",
)
def test_writing_a_missing_file_is_enoent_and_creates_nothing(fs: FileSystem) -> None:
    root = fs.login("root")

    with pytest.raises(FileNotFoundError) as missing:
        root.write("/missing", b"data")

    assert missing.value.errno == errno.ENOENT
    assert root.listdir("/") == []


@pytest.mark.spec("stat(path) needs no permission on the node itself.")
def test_stat_needs_no_permission_on_the_node(fs: FileSystem, build: Build) -> None:
    build("/locked", 0o000, "alice", "staff")
    build("/closed", 0o000, "alice", "staff", is_dir=True)
    carol = fs.login("carol")

    assert (carol.stat("/locked").uid, carol.stat("/closed").mode) == (1001, stat.S_IFDIR)
