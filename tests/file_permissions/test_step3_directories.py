from __future__ import annotations

import errno
import os
import re
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

    from file_permissions import FileSystem

    Build = Callable[..., None]

pytestmark = pytest.mark.step(3)


@pytest.fixture
def home(build: Build) -> None:
    """/home (755 root) holds /home/alice (750 alice:staff) with a file and a folder."""
    build("/home", 0o755, is_dir=True)
    build("/home/alice", 0o750, "alice", "staff", is_dir=True)
    build("/home/alice/todo", 0o644, "alice", "staff")
    build("/home/alice/src", 0o755, "alice", "staff", is_dir=True)


def errno_of(action: Callable[[], object]) -> int | None:
    try:
        action()
    except OSError as error:
        return error.errno
    return None


@pytest.mark.usefixtures("home")
def test_every_directory_on_the_way_needs_search_permission(fs: FileSystem) -> None:
    carol, bob = fs.login("carol"), fs.login("bob")

    with pytest.raises(PermissionError) as denied:
        carol.stat("/home/alice/todo")

    assert denied.value.errno == errno.EACCES
    assert bob.stat("/home/alice/todo").uid == 1001
    assert not carol.access("/home/alice/todo", "")


@pytest.mark.usefixtures("home")
def test_a_missing_search_permission_beats_a_missing_name(fs: FileSystem) -> None:
    carol = fs.login("carol")

    with pytest.raises(PermissionError):
        carol.stat("/home/alice/nothing/here")
    with pytest.raises(FileNotFoundError):
        carol.stat("/home/nobody/here")


@pytest.mark.usefixtures("home")
@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/home/alice/todo/x", errno.ENOTDIR),
        ("/home/alice/none/x", errno.ENOENT),
        ("/home/alice/none", errno.ENOENT),
        ("", errno.ENOENT),
    ],
)
def test_a_path_through_a_file_or_a_missing_name_fails_as_linux_does(
    fs: FileSystem, path: str, code: int
) -> None:
    assert errno_of(lambda: fs.login("alice").stat(path)) == code


@pytest.mark.usefixtures("home")
def test_listing_needs_read_permission_and_gives_sorted_names(fs: FileSystem) -> None:
    alice, carol = fs.login("alice"), fs.login("carol")

    names = alice.listdir("/home/alice")

    assert names == ["src", "todo"]
    assert errno_of(lambda: carol.listdir("/home/alice")) == errno.EACCES
    assert errno_of(lambda: alice.listdir("/home/alice/todo")) == errno.ENOTDIR


def test_listing_needs_read_but_not_search_on_the_directory(fs: FileSystem, build: Build) -> None:
    build("/dropbox", 0o744, "alice", "staff", is_dir=True)
    build("/dropbox/letter", 0o644, "alice", "staff")
    carol = fs.login("carol")

    assert carol.listdir("/dropbox") == ["letter"]
    assert errno_of(lambda: carol.stat("/dropbox/letter")) == errno.EACCES


@pytest.mark.usefixtures("home")
def test_reading_a_directory_or_writing_one_is_eisdir(fs: FileSystem) -> None:
    alice = fs.login("alice")

    assert errno_of(lambda: alice.read("/home/alice/src")) == errno.EISDIR
    assert errno_of(lambda: alice.write("/home/alice/src", b"")) == errno.EISDIR
    assert errno_of(lambda: alice.write("/home/alice/new", b"")) == errno.ENOENT


@pytest.mark.usefixtures("home")
def test_a_new_file_takes_the_creators_ids_and_the_mode_minus_the_umask(fs: FileSystem) -> None:
    fs.login("alice", umask=0o027).create("/home/alice/notes", 0o666)
    fs.login("alice", umask=0o022).mkdir("/home/alice/lib", 0o777)

    notes, lib = (
        fs.login("alice").stat("/home/alice/notes"),
        fs.login("alice").stat("/home/alice/lib"),
    )

    assert (notes.filemode, notes.uid, notes.gid) == ("-rw-r-----", 1001, 1001)
    assert (lib.filemode, lib.uid, lib.gid) == ("drwxr-xr-x", 1001, 1001)
    assert fs.login("alice").read("/home/alice/notes") == b""


@pytest.mark.usefixtures("home")
@pytest.mark.parametrize("make", ["create", "mkdir"])
def test_creating_needs_write_and_search_on_the_parent(fs: FileSystem, make: str) -> None:
    bob = fs.login("bob")

    with pytest.raises(PermissionError) as denied:
        getattr(bob, make)("/home/alice/bobs")

    assert denied.value.errno == errno.EACCES
    assert fs.login("alice").listdir("/home/alice") == ["src", "todo"]


def test_write_without_search_on_the_parent_creates_nothing(fs: FileSystem, build: Build) -> None:
    build("/drop", 0o766, "alice", "staff", is_dir=True)

    assert errno_of(lambda: fs.login("carol").create("/drop/f")) == errno.EACCES
    assert fs.login("root").listdir("/drop") == []


@pytest.mark.usefixtures("home")
@pytest.mark.parametrize("path", ["/home/alice/todo", "/home/alice/src", "/", "/home/."])
@pytest.mark.parametrize("make", ["create", "mkdir"])
def test_creating_an_existing_name_is_eexist_before_any_write_check(
    fs: FileSystem, path: str, make: str
) -> None:
    bob = fs.login("bob")

    assert errno_of(lambda: getattr(bob, make)(path)) == errno.EEXIST


@pytest.mark.usefixtures("home")
@pytest.mark.parametrize("mode", [-1, 0o10000])
def test_a_creation_mode_outside_0_to_0o7777_is_refused(fs: FileSystem, mode: int) -> None:
    with pytest.raises(ValueError, match="mode"):
        fs.login("alice").create("/home/alice/x", mode)


def test_removing_a_file_needs_write_on_the_directory_not_on_the_file(
    fs: FileSystem, build: Build
) -> None:
    build("/shared", 0o770, "alice", "staff", is_dir=True)
    build("/shared/roots", 0o000)

    fs.login("bob").unlink("/shared/roots")

    assert fs.login("alice").listdir("/shared") == []


@pytest.mark.usefixtures("home")
def test_removing_needs_write_and_search_on_the_parent(fs: FileSystem) -> None:
    bob = fs.login("bob")

    assert errno_of(lambda: bob.unlink("/home/alice/todo")) == errno.EACCES
    assert errno_of(lambda: bob.rmdir("/home/alice/src")) == errno.EACCES
    assert fs.login("alice").listdir("/home/alice") == ["src", "todo"]


@pytest.mark.usefixtures("home")
@pytest.mark.parametrize(
    ("action", "path", "code"),
    [
        ("unlink", "/home/alice/src", errno.EISDIR),
        ("unlink", "/home/alice/none", errno.ENOENT),
        ("unlink", "/home/alice/.", errno.EISDIR),
        ("rmdir", "/home/alice/todo", errno.ENOTDIR),
        ("rmdir", "/home/alice", errno.ENOTEMPTY),
        ("rmdir", "/home/alice/src/.", errno.EINVAL),
        ("rmdir", "/home/alice/src/..", errno.ENOTEMPTY),
        ("rmdir", "/", errno.EBUSY),
        ("rmdir", "/home/alice/none", errno.ENOENT),
    ],
)
def test_removing_the_wrong_kind_of_node_fails_as_linux_does(
    fs: FileSystem, action: str, path: str, code: int
) -> None:
    root = fs.login("root")

    assert errno_of(lambda: getattr(root, action)(path)) == code


@pytest.mark.usefixtures("home")
def test_removing_an_empty_directory(fs: FileSystem) -> None:
    alice = fs.login("alice")

    alice.rmdir("/home/alice/src")
    alice.unlink("/home/alice/todo")

    assert alice.listdir("/home/alice") == []


@pytest.mark.usefixtures("home")
def test_renaming_moves_a_node_and_replaces_the_target(fs: FileSystem) -> None:
    alice = fs.login("alice")
    alice.create("/home/alice/draft")
    alice.write("/home/alice/draft", b"v2")

    alice.rename("/home/alice/draft", "/home/alice/todo")
    alice.rename("/home/alice/todo", "/home/alice/src/todo")

    assert alice.listdir("/home/alice") == ["src"]
    assert alice.read("/home/alice/src/todo") == b"v2"


@pytest.mark.usefixtures("home")
def test_renaming_needs_write_and_search_on_both_directories(fs: FileSystem, build: Build) -> None:
    build("/public", 0o777, is_dir=True)
    build("/public/mine", 0o644, "bob", "staff")
    bob = fs.login("bob")

    assert errno_of(lambda: bob.rename("/public/mine", "/home/alice/mine")) == errno.EACCES
    assert errno_of(lambda: bob.rename("/home/alice/todo", "/public/todo")) == errno.EACCES
    assert bob.listdir("/public") == ["mine"]


@pytest.mark.usefixtures("home")
@pytest.mark.parametrize(
    ("src", "dst", "code"),
    [
        ("/home/alice", "/home/alice/src/alice", errno.EINVAL),
        ("/home/alice/src", "/home/alice/src/x", errno.EINVAL),
        ("/home/alice/src/..", "/home/x", errno.EBUSY),
        ("/home/alice/todo", "/home/alice/.", errno.EBUSY),
        ("/home/alice/todo", "/home/alice/src", errno.EISDIR),
        ("/home/alice/src", "/home/alice/todo", errno.ENOTDIR),
        ("/home/alice/none", "/home/alice/x", errno.ENOENT),
        ("/home/alice/src/x", "/home/alice/x", errno.ENOENT),
        ("/home/alice/todo", "/home/alice/todo/x", errno.ENOTDIR),
    ],
)
def test_a_rename_linux_refuses_fails_with_its_errno(
    fs: FileSystem, src: str, dst: str, code: int
) -> None:
    root = fs.login("root")

    assert errno_of(lambda: root.rename(src, dst)) == code


def test_a_directory_cannot_replace_one_of_its_ancestors(fs: FileSystem, build: Build) -> None:
    build("/a", 0o777, is_dir=True)
    build("/a/b", 0o777, is_dir=True)

    assert errno_of(lambda: fs.login("root").rename("/a/b", "/a")) == errno.ENOTEMPTY


def test_a_directory_replaces_only_an_empty_directory(fs: FileSystem, build: Build) -> None:
    build("/a", 0o777, is_dir=True)
    build("/b", 0o777, is_dir=True)
    build("/b/c", 0o777, is_dir=True)
    root = fs.login("root")

    assert errno_of(lambda: root.rename("/a", "/b")) == errno.ENOTEMPTY
    root.rename("/a", "/b/c")
    assert root.listdir("/") == ["b"]


@pytest.mark.usefixtures("home")
def test_renaming_a_node_onto_itself_changes_nothing(fs: FileSystem) -> None:
    root = fs.login("root")

    root.rename("/home/alice/todo", "/home/alice/src/../todo")

    assert root.listdir("/home/alice") == ["src", "todo"]


def test_moving_a_directory_to_another_parent_needs_write_on_the_directory_itself(
    fs: FileSystem, build: Build
) -> None:
    build("/from", 0o777, is_dir=True)
    build("/to", 0o777, is_dir=True)
    build("/from/sealed", 0o555, "bob", "staff", is_dir=True)
    bob = fs.login("bob")

    bob.rename("/from/sealed", "/from/renamed")
    refused = errno_of(lambda: bob.rename("/from/renamed", "/to/sealed"))

    assert refused == errno.EACCES
    assert bob.listdir("/to") == []


def test_a_moved_directory_leads_back_to_its_new_parent(fs: FileSystem, build: Build) -> None:
    build("/from", 0o777, is_dir=True)
    build("/to", 0o777, is_dir=True)
    build("/from/d", 0o777, is_dir=True)
    root = fs.login("root")

    root.rename("/from/d", "/to/d")
    root.chdir("/to/d")

    assert root.cwd == "/to/d"
    assert root.listdir("..") == ["d"]


@pytest.mark.usefixtures("home")
def test_relative_paths_resolve_against_the_working_directory(fs: FileSystem) -> None:
    alice = fs.login("alice")

    alice.chdir("/home/alice/src")
    alice.create("main.py")
    alice.chdir("..")

    assert alice.cwd == "/home/alice"
    assert alice.listdir(".") == ["src", "todo"]
    assert alice.listdir("/") == ["home"]
    assert alice.listdir("src/./../src") == ["main.py"]


def test_dot_dot_of_the_root_is_the_root(fs: FileSystem) -> None:
    carol = fs.login("carol")

    carol.chdir("/../..")

    assert carol.cwd == "/"
    assert carol.listdir("..") == carol.listdir("/")


@pytest.mark.usefixtures("home")
def test_changing_directory_needs_search_and_a_directory(fs: FileSystem, build: Build) -> None:
    build("/listonly", 0o744, "alice", "staff", is_dir=True)
    carol = fs.login("carol")

    assert errno_of(lambda: carol.chdir("/listonly")) == errno.EACCES
    assert errno_of(lambda: carol.chdir("/home/alice")) == errno.EACCES
    assert errno_of(lambda: fs.login("alice").chdir("/home/alice/todo")) == errno.ENOTDIR
    assert carol.cwd == "/"


def test_dot_and_dot_dot_need_search_like_any_name(fs: FileSystem, build: Build) -> None:
    build("/a", 0o777, is_dir=True)
    build("/a/b", 0o777, is_dir=True)
    carol = fs.login("carol")
    carol.chdir("/a/b")

    fs.login("root").chmod("/a/b", 0o666)

    assert errno_of(lambda: carol.listdir("..")) == errno.EACCES
    assert errno_of(lambda: carol.stat(".")) == errno.EACCES


def test_the_working_directory_of_a_removed_directory_is_unreachable(
    fs: FileSystem, build: Build
) -> None:
    build("/gone", 0o777, is_dir=True)
    carol = fs.login("carol")
    carol.chdir("/gone")

    fs.login("root").rmdir("/gone")

    with pytest.raises(FileNotFoundError):
        _ = carol.cwd


@pytest.mark.usefixtures("home")
@pytest.mark.parametrize(
    ("who", "action", "path", "code"),
    [
        ("carol", "stat", "/home/alice/todo", errno.EACCES),
        ("carol", "stat", "/home/alice/src/x", errno.EACCES),
        ("carol", "stat", "/home/nobody", errno.ENOENT),
        ("alice", "stat", "/home/alice/none/x", errno.ENOENT),
        ("alice", "stat", "/home/alice/todo/x", errno.ENOTDIR),
        ("alice", "stat", "", errno.ENOENT),
        ("alice", "read", "/home/alice/none", errno.ENOENT),
        ("alice", "create", "/home/alice/todo", errno.EEXIST),
        ("bob", "mkdir", "/home/alice/new", errno.EACCES),
        ("alice", "unlink", "/home/alice/src", errno.EISDIR),
        ("alice", "unlink", "/home/alice/..", errno.EISDIR),
        ("bob", "unlink", "/home/alice/todo", errno.EACCES),
        ("alice", "rmdir", "/home/alice/todo", errno.ENOTDIR),
        ("alice", "rmdir", "/home/alice/src/.", errno.EINVAL),
        ("root", "rmdir", "/home/alice", errno.ENOTEMPTY),
    ],
)
def test_an_error_names_the_path_and_says_what_went_wrong_as_python_does(
    fs: FileSystem, who: str, action: str, path: str, code: int
) -> None:
    with pytest.raises(OSError, match=re.escape(os.strerror(code))) as failed:
        getattr(fs.login(who), action)(path)

    assert failed.value.errno == code
    assert (failed.value.filename, failed.value.strerror) == (path, os.strerror(code))


@pytest.mark.usefixtures("home")
@pytest.mark.parametrize(
    ("who", "src", "dst", "code"),
    [
        ("root", "/home/alice/none", "/home/x", errno.ENOENT),
        ("root", "/home/x", "/home/alice/none/x", errno.ENOENT),
        ("root", "/home/alice/src/..", "/home/x", errno.EBUSY),
        ("root", "/home/alice", "/home/alice/src/alice", errno.EINVAL),
        ("root", "/home/alice/src", "/home", errno.ENOTEMPTY),
        ("root", "/home/alice/todo", "/home/alice/src", errno.EISDIR),
        ("root", "/home/alice", "/home/alice2", errno.ENOTEMPTY),
        ("bob", "/home/alice/todo", "/home/todo", errno.EACCES),
        ("alice", "/home/alice/todo", "/home/todo", errno.EACCES),
    ],
)
def test_a_rename_error_names_both_paths_as_python_does(
    fs: FileSystem, build: Build, *, who: str, src: str, dst: str, code: int
) -> None:
    build("/home/alice2", 0o755, "alice", "staff", is_dir=True)
    build("/home/alice2/kept", 0o644, "alice", "staff")
    build("/home/x", 0o644, "alice", "staff")

    with pytest.raises(OSError, match=re.escape(os.strerror(code))) as failed:
        fs.login(who).rename(src, dst)

    assert failed.value.errno == code
    assert (failed.value.filename, failed.value.filename2) == (src, dst)


def test_a_directory_moving_away_without_write_on_itself_names_both_paths(
    fs: FileSystem, build: Build
) -> None:
    build("/from", 0o777, is_dir=True)
    build("/to", 0o777, is_dir=True)
    build("/from/sealed", 0o555, "bob", "staff", is_dir=True)

    with pytest.raises(PermissionError) as denied:
        fs.login("bob").rename("/from/sealed", "/to/sealed")

    assert (denied.value.filename, denied.value.filename2) == ("/from/sealed", "/to/sealed")
