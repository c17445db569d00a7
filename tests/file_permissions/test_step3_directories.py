from __future__ import annotations

import errno
import os
import re
from typing import TYPE_CHECKING

import pytest

from tests.file_permissions.support import errno_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from file_permissions import FileSystem

    Build = Callable[..., None]

pytestmark = [
    pytest.mark.step(3),
    pytest.mark.spec(
        "Paths are absolute (/a/b) or relative to the session's working directory; empty "
        "components are ignored, . is the directory itself and .. its parent (/.. is /)."
    ),
]

SEARCH = "every directory the walk passes through needs x (search) permission"
CREATING = "Creating (create, mkdir) needs w and x on the parent."
DELETING = "Deleting (unlink, rmdir) needs w and x on the parent and nothing on the node."
RENAMING = "Renaming rename(src, dst) checks, in this order:"
NAMES_PATH = "its filename is the path the call was given"
UNCHANGED = "A refused operation changes nothing."


@pytest.fixture
def home(build: Build) -> None:
    """/home (755 root) holds /home/alice (750 alice:staff) with a file and a folder."""
    build("/home", 0o755, is_dir=True)
    build("/home/alice", 0o750, "alice", "staff", is_dir=True)
    build("/home/alice/todo", 0o644, "alice", "staff")
    build("/home/alice/src", 0o755, "alice", "staff", is_dir=True)


@pytest.mark.usefixtures("home")
@pytest.mark.spec(SEARCH, "including the one that holds the last name")
def test_every_directory_on_the_way_needs_search_permission(fs: FileSystem) -> None:
    carol, bob = fs.login("carol"), fs.login("bob")

    with pytest.raises(PermissionError) as denied:
        carol.stat("/home/alice/todo")

    assert denied.value.errno == errno.EACCES
    assert bob.stat("/home/alice/todo").uid == 1001
    assert not carol.access("/home/alice/todo", "")


@pytest.mark.usefixtures("home")
@pytest.mark.spec(
    "The walk checks each directory before looking inside it, so a missing search permission "
    "on the way is EACCES even when the name after it does not exist (ENOENT).",
    "When several apply, raise the one Linux reports (the steps say which).",
)
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
    ids=["through a file", "through a missing name", "a missing name", "the empty path"],
)
@pytest.mark.spec(
    "A file on the way is ENOTDIR.",
    "The empty path is ENOENT.",
    "ENOTDIR | NotADirectoryError | a file where a directory is needed",
)
def test_a_path_through_a_file_or_a_missing_name_fails_as_linux_does(
    fs: FileSystem, path: str, code: int
) -> None:
    assert errno_of(lambda: fs.login("alice").stat(path)) == code


@pytest.mark.usefixtures("home")
@pytest.mark.spec(
    "listdir needs r on the directory (not x) and returns its names, sorted, without . and .."
)
def test_listing_needs_read_permission_and_gives_sorted_names(fs: FileSystem) -> None:
    alice, carol = fs.login("alice"), fs.login("carol")

    names = alice.listdir("/home/alice")

    assert names == ["src", "todo"]
    assert errno_of(lambda: carol.listdir("/home/alice")) == errno.EACCES
    assert errno_of(lambda: alice.listdir("/home/alice/todo")) == errno.ENOTDIR


@pytest.mark.spec("listdir needs r on the directory (not x)")
def test_listing_needs_read_but_not_search_on_the_directory(fs: FileSystem, build: Build) -> None:
    build("/dropbox", 0o744, "alice", "staff", is_dir=True)
    build("/dropbox/letter", 0o644, "alice", "staff")
    carol = fs.login("carol")

    assert carol.listdir("/dropbox") == ["letter"]
    assert errno_of(lambda: carol.stat("/dropbox/letter")) == errno.EACCES


@pytest.mark.usefixtures("home")
@pytest.mark.spec(
    "read of a directory is EISDIR once r is granted (EACCES before); write to a directory is "
    "always EISDIR, whatever its mode.",
    "EISDIR | IsADirectoryError | a directory where a file is needed",
)
def test_reading_a_directory_or_writing_one_is_eisdir(fs: FileSystem, build: Build) -> None:
    build("/home/alice/closed", 0o000, "alice", "staff", is_dir=True)
    alice = fs.login("alice")

    assert errno_of(lambda: alice.read("/home/alice/src")) == errno.EISDIR
    assert errno_of(lambda: alice.read("/home/alice/closed")) == errno.EACCES
    assert errno_of(lambda: alice.write("/home/alice/src", b"")) == errno.EISDIR
    assert errno_of(lambda: alice.write("/home/alice/closed", b"")) == errno.EISDIR
    assert errno_of(lambda: alice.write("/home/alice/new", b"")) == errno.ENOENT


@pytest.mark.spec("both are ENOTDIR for a file, checked before the permission.")
@pytest.mark.parametrize("action", ["listdir", "chdir"])
def test_listing_or_entering_a_file_is_enotdir_before_any_permission(
    fs: FileSystem, build: Build, action: str
) -> None:
    build("/locked", 0o000, "alice", "staff")

    assert errno_of(lambda: getattr(fs.login("carol"), action)("/locked")) == errno.ENOTDIR


@pytest.mark.usefixtures("home")
@pytest.mark.spec(
    "The new node's owner is the session's uid, its group the session's gid, its mode "
    "mode & ~umask; mkdir drops setuid and setgid from mode."
)
def test_a_new_file_takes_the_creators_ids_and_the_mode_minus_the_umask(fs: FileSystem) -> None:
    fs.login("alice", umask=0o027).create("/home/alice/notes", 0o666)
    fs.login("alice", umask=0o022).mkdir("/home/alice/lib", 0o777)
    fs.login("alice", umask=0).mkdir("/home/alice/special", 0o6777)

    alice = fs.login("alice")
    notes, lib = alice.stat("/home/alice/notes"), alice.stat("/home/alice/lib")

    assert (notes.filemode, notes.uid, notes.gid) == ("-rw-r-----", 1001, 1001)
    assert (lib.filemode, lib.uid, lib.gid) == ("drwxr-xr-x", 1001, 1001)
    assert alice.stat("/home/alice/special").filemode == "drwxrwxrwx"
    assert alice.read("/home/alice/notes") == b""
    assert alice.listdir("/home/alice/lib") == []


@pytest.mark.usefixtures("home")
@pytest.mark.spec(CREATING, UNCHANGED)
@pytest.mark.parametrize("make", ["create", "mkdir"])
def test_creating_needs_write_and_search_on_the_parent(fs: FileSystem, make: str) -> None:
    bob = fs.login("bob")

    with pytest.raises(PermissionError) as denied:
        getattr(bob, make)("/home/alice/bobs")

    assert denied.value.errno == errno.EACCES
    assert fs.login("alice").listdir("/home/alice") == ["src", "todo"]


@pytest.mark.spec(CREATING, UNCHANGED)
def test_write_without_search_on_the_parent_creates_nothing(fs: FileSystem, build: Build) -> None:
    build("/drop", 0o766, "alice", "staff", is_dir=True)

    assert errno_of(lambda: fs.login("carol").create("/drop/f")) == errno.EACCES
    assert fs.login("root").listdir("/drop") == []


@pytest.mark.usefixtures("home")
@pytest.mark.spec(
    "An existing name is EEXIST, reported before a missing write permission; ., .. and / "
    "always exist.",
    "EEXIST | FileExistsError | creating a name that exists",
)
@pytest.mark.parametrize(
    "path", ["/home/alice/todo", "/home/alice/src", "/", "/home/.", "/home/alice/.."]
)
@pytest.mark.parametrize("make", ["create", "mkdir"])
def test_creating_an_existing_name_is_eexist_before_any_write_check(
    fs: FileSystem, path: str, make: str
) -> None:
    bob = fs.login("bob")

    assert errno_of(lambda: getattr(bob, make)(path)) == errno.EEXIST


@pytest.mark.usefixtures("home")
@pytest.mark.spec(
    "A mode outside 0 .. 0o7777 is a ValueError.", "with the word name, mode or umask"
)
@pytest.mark.parametrize("mode", [-1, 0o10000], ids=["-1", "0o10000"])
@pytest.mark.parametrize("make", ["create", "mkdir"])
def test_a_creation_mode_outside_0_to_0o7777_is_refused(
    fs: FileSystem, mode: int, make: str
) -> None:
    with pytest.raises(ValueError, match="mode"):
        getattr(fs.login("alice"), make)("/home/alice/x", mode)

    assert fs.login("alice").listdir("/home/alice") == ["src", "todo"]


@pytest.mark.spec(DELETING)
def test_removing_a_file_needs_write_on_the_directory_not_on_the_file(
    fs: FileSystem, build: Build
) -> None:
    build("/shared", 0o770, "alice", "staff", is_dir=True)
    build("/shared/roots", 0o000)

    fs.login("bob").unlink("/shared/roots")

    assert fs.login("alice").listdir("/shared") == []


@pytest.mark.usefixtures("home")
@pytest.mark.spec(DELETING, UNCHANGED, "After the permission check:")
def test_removing_needs_write_and_search_on_the_parent(fs: FileSystem) -> None:
    bob = fs.login("bob")

    assert errno_of(lambda: bob.unlink("/home/alice/todo")) == errno.EACCES
    assert errno_of(lambda: bob.rmdir("/home/alice/src")) == errno.EACCES
    assert errno_of(lambda: bob.unlink("/home/alice/src")) == errno.EACCES
    assert errno_of(lambda: bob.rmdir("/home/alice/todo")) == errno.EACCES
    assert errno_of(lambda: bob.rmdir("/home/alice")) == errno.EACCES
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
    ids=[
        "unlink a directory",
        "unlink a missing name",
        "unlink dot",
        "rmdir a file",
        "rmdir a non-empty directory",
        "rmdir dot",
        "rmdir dot-dot",
        "rmdir the root",
        "rmdir a missing name",
    ],
)
@pytest.mark.spec(
    "unlink of a directory is EISDIR, rmdir of a file is ENOTDIR, of a non-empty directory "
    "ENOTEMPTY.",
    "unlink of . or .. is EISDIR; rmdir of . is EINVAL, of .. ENOTEMPTY, of / EBUSY.",
    "ENOTEMPTY, EINVAL, EBUSY | OSError | rmdir of a non-empty directory, of ., of /",
)
def test_removing_the_wrong_kind_of_node_fails_as_linux_does(
    fs: FileSystem, action: str, path: str, code: int
) -> None:
    root = fs.login("root")

    assert errno_of(lambda: getattr(root, action)(path)) == code


@pytest.mark.usefixtures("home")
@pytest.mark.spec(DELETING)
def test_removing_an_empty_directory(fs: FileSystem) -> None:
    alice = fs.login("alice")

    alice.rmdir("/home/alice/src")
    alice.unlink("/home/alice/todo")

    assert alice.listdir("/home/alice") == []


@pytest.mark.usefixtures("home")
@pytest.mark.spec(
    RENAMING,
    "if dst exists, deleting it (w+x on its directory, then a file cannot replace a directory, "
    "EISDIR, nor a directory a file, ENOTDIR); otherwise creating in its directory (w+x);",
)
def test_renaming_moves_a_node_and_replaces_the_target(fs: FileSystem) -> None:
    alice = fs.login("alice")
    alice.create("/home/alice/draft")
    alice.write("/home/alice/draft", b"v2")

    alice.rename("/home/alice/draft", "/home/alice/todo")
    alice.rename("/home/alice/todo", "/home/alice/src/todo")

    assert alice.listdir("/home/alice") == ["src"]
    assert alice.read("/home/alice/src/todo") == b"v2"


@pytest.mark.usefixtures("home")
@pytest.mark.spec(
    "removing src from its directory: w+x on that directory;",
    "otherwise creating in its directory (w+x);",
    UNCHANGED,
)
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
        ("/home/alice/none", "/home/alice/..", errno.EBUSY),
        ("/nowhere/x", "/home/alice/todo/x", errno.ENOENT),
        ("/home/alice/todo/x", "/nowhere/x", errno.ENOTDIR),
    ],
    ids=[
        "a directory into itself",
        "a directory into its child",
        "dot-dot as the source",
        "dot as the target",
        "a file onto a directory",
        "a directory onto a file",
        "a missing source",
        "a source under a missing name",
        "a target under a file",
        "dot-dot as the target of a missing source",
        "the source walk first: missing",
        "the source walk first: through a file",
    ],
)
@pytest.mark.spec(
    RENAMING,
    "both walks (src first), as above;",
    "EBUSY when either last name is ., .. or /;",
    "ENOENT when src does not exist;",
    "EINVAL when src is a directory and dst would be inside it;",
    "then a file cannot replace a directory, EISDIR, nor a directory a file, ENOTDIR",
)
def test_a_rename_linux_refuses_fails_with_its_errno(
    fs: FileSystem, src: str, dst: str, code: int
) -> None:
    root = fs.login("root")

    assert errno_of(lambda: root.rename(src, dst)) == code


@pytest.mark.spec("ENOTEMPTY when dst is src's parent or one of its ancestors;")
def test_a_directory_cannot_replace_one_of_its_ancestors(fs: FileSystem, build: Build) -> None:
    build("/a", 0o777, is_dir=True)
    build("/a/b", 0o777, is_dir=True)

    assert errno_of(lambda: fs.login("root").rename("/a/b", "/a")) == errno.ENOTEMPTY


@pytest.mark.spec("a directory replaces only an empty directory (ENOTEMPTY).")
def test_a_directory_replaces_only_an_empty_directory(fs: FileSystem, build: Build) -> None:
    build("/a", 0o777, is_dir=True)
    build("/b", 0o777, is_dir=True)
    build("/b/c", 0o777, is_dir=True)
    root = fs.login("root")

    assert errno_of(lambda: root.rename("/a", "/b")) == errno.ENOTEMPTY
    root.rename("/a", "/b/c")
    assert root.listdir("/") == ["b"]


@pytest.mark.usefixtures("home")
@pytest.mark.spec("if src and dst are the same node: nothing happens, successfully;")
def test_renaming_a_node_onto_itself_changes_nothing(fs: FileSystem) -> None:
    root = fs.login("root")

    root.rename("/home/alice/todo", "/home/alice/src/../todo")

    assert root.listdir("/home/alice") == ["src", "todo"]


@pytest.mark.usefixtures("home")
@pytest.mark.spec("if src and dst are the same node: nothing happens, successfully;")
def test_renaming_a_node_onto_itself_needs_no_write_permission(fs: FileSystem) -> None:
    bob = fs.login("bob")

    bob.rename("/home/alice/todo", "/home/alice/./todo")

    assert bob.listdir("/home/alice") == ["src", "todo"]


@pytest.mark.spec(
    RENAMING,
    "EINVAL when src is a directory and dst would be inside it;",
    "ENOTEMPTY when dst is src's parent or one of its ancestors;",
)
@pytest.mark.parametrize(
    ("src", "dst", "code"),
    [("/pub/d", "/pub/d/e/x", errno.EINVAL), ("/pub/d/e", "/pub", errno.ENOTEMPTY)],
    ids=["into itself", "onto an ancestor"],
)
def test_the_loop_checks_come_before_any_write_permission(
    fs: FileSystem, build: Build, src: str, dst: str, code: int
) -> None:
    build("/pub", 0o755, is_dir=True)
    build("/pub/d", 0o755, is_dir=True)
    build("/pub/d/e", 0o755, is_dir=True)

    assert errno_of(lambda: fs.login("carol").rename(src, dst)) == code


@pytest.mark.spec(
    RENAMING,
    "removing src from its directory: w+x on that directory;",
    "if dst exists, deleting it (w+x on its directory",
    "a directory moving to a different parent needs w on itself (its .. changes);",
)
@pytest.mark.parametrize(
    ("src", "dst"),
    [("/shut/f", "/open/d"), ("/open/f", "/shut/d"), ("/open/sealed", "/other/full")],
    ids=["source directory before the type", "target directory before the type", "w on itself"],
)
def test_permission_on_the_way_is_checked_before_the_types_and_emptiness(
    fs: FileSystem, build: Build, src: str, dst: str
) -> None:
    for folder in ("/shut", "/open", "/other"):
        build(folder, 0o755 if folder == "/shut" else 0o777, is_dir=True)
    build("/shut/f", 0o644)
    build("/shut/d", 0o777, is_dir=True)
    build("/open/f", 0o644)
    build("/open/d", 0o777, is_dir=True)
    build("/open/sealed", 0o555, "bob", "staff", is_dir=True)
    build("/other/full", 0o777, is_dir=True)
    build("/other/full/x", 0o644)

    assert errno_of(lambda: fs.login("bob").rename(src, dst)) == errno.EACCES


@pytest.mark.spec("a directory moving to a different parent needs w on itself (its .. changes);")
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


@pytest.mark.spec("(its .. changes)")
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
@pytest.mark.spec("cwd is the working directory's absolute path, without . or ..")
def test_relative_paths_resolve_against_the_working_directory(fs: FileSystem) -> None:
    alice = fs.login("alice")

    alice.chdir("/home/alice/src")
    alice.create("main.py")
    alice.chdir("..")

    assert alice.cwd == "/home/alice"
    assert alice.listdir(".") == ["src", "todo"]
    assert alice.listdir("/") == ["home"]
    assert alice.listdir("src/./../src") == ["main.py"]
    assert alice.listdir("//home///alice/") == ["src", "todo"]
    alice.chdir("src/.././src/.")
    assert alice.cwd == "/home/alice/src"


@pytest.mark.spec("it follows the directory when it is renamed")
def test_the_working_directory_follows_a_rename(fs: FileSystem, build: Build) -> None:
    build("/from", 0o777, is_dir=True)
    build("/to", 0o777, is_dir=True)
    build("/from/d", 0o777, is_dir=True)
    carol = fs.login("carol")
    carol.chdir("/from/d")

    fs.login("root").rename("/from/d", "/to/e")

    assert carol.cwd == "/to/e"


@pytest.mark.spec("(/.. is /)")
def test_dot_dot_of_the_root_is_the_root(fs: FileSystem) -> None:
    carol = fs.login("carol")

    carol.chdir("/../..")

    assert carol.cwd == "/"
    assert carol.listdir("..") == carol.listdir("/")


@pytest.mark.usefixtures("home")
@pytest.mark.spec("chdir needs x on it; both are ENOTDIR for a file")
def test_changing_directory_needs_search_and_a_directory(fs: FileSystem, build: Build) -> None:
    build("/listonly", 0o744, "alice", "staff", is_dir=True)
    carol = fs.login("carol")

    assert errno_of(lambda: carol.chdir("/listonly")) == errno.EACCES
    assert errno_of(lambda: carol.chdir("/home/alice")) == errno.EACCES
    assert errno_of(lambda: fs.login("alice").chdir("/home/alice/todo")) == errno.ENOTDIR
    assert carol.cwd == "/"


@pytest.mark.spec(
    ". and .. are names like any other: the directory they are looked up in needs x "
    '(stat(".") needs x on the working directory, stat("../b") on it and on its parent).'
)
def test_dot_and_dot_dot_need_search_like_any_name(fs: FileSystem, build: Build) -> None:
    build("/a", 0o777, is_dir=True)
    build("/a/b", 0o777, is_dir=True)
    carol = fs.login("carol")
    carol.chdir("/a/b")

    fs.login("root").chmod("/a/b", 0o666)

    assert errno_of(lambda: carol.listdir("..")) == errno.EACCES
    assert errno_of(lambda: carol.stat(".")) == errno.EACCES
    assert errno_of(lambda: carol.stat("../b")) == errno.EACCES
    assert errno_of(lambda: carol.stat("/a/b/../b")) == errno.EACCES
    assert carol.stat("/a/b").uid == 0


@pytest.mark.spec("after the directory is removed, reading cwd raises FileNotFoundError.")
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
    ids=lambda value: value if isinstance(value, str) else errno.errorcode[value],
)
@pytest.mark.spec(
    "As Python's os functions do, the error's strerror is os.strerror(errno) and its filename "
    "is the path the call was given"
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
    ids=lambda value: value if isinstance(value, str) else errno.errorcode[value],
)
@pytest.mark.spec(
    "(rename sets filename to the source and filename2 to the destination, whichever of them "
    "failed)"
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


@pytest.mark.spec("rename sets filename to the source and filename2 to the destination")
def test_a_directory_moving_away_without_write_on_itself_names_both_paths(
    fs: FileSystem, build: Build
) -> None:
    build("/from", 0o777, is_dir=True)
    build("/to", 0o777, is_dir=True)
    build("/from/sealed", 0o555, "bob", "staff", is_dir=True)

    with pytest.raises(PermissionError) as denied:
        fs.login("bob").rename("/from/sealed", "/to/sealed")

    assert (denied.value.filename, denied.value.filename2) == ("/from/sealed", "/to/sealed")


@pytest.mark.spec(
    "As Python's os functions do, the error's strerror is os.strerror(errno) and its filename "
    "is the path the call was given",
    "read of a directory is EISDIR once r is granted",
    "both are ENOTDIR for a file, checked before the permission.",
)
@pytest.mark.parametrize(
    ("action", "path", "code"),
    [
        ("read", "/box", errno.EISDIR),
        ("write", "/box", errno.EISDIR),
        ("write", "/file", errno.EACCES),
        ("listdir", "/file", errno.ENOTDIR),
        ("listdir", "/unlisted", errno.EACCES),
        ("chdir", "/file", errno.ENOTDIR),
        ("chdir", "/unsearchable", errno.EACCES),
    ],
    ids=[
        "read of a directory",
        "write of a directory",
        "write without w",
        "listdir of a file",
        "listdir without r",
        "chdir into a file",
        "chdir without x",
    ],
)
def test_a_refusal_on_the_node_itself_names_the_path(
    fs: FileSystem, build: Build, action: str, path: str, code: int
) -> None:
    build("/box", 0o755, is_dir=True)
    build("/file", 0o644)
    build("/unlisted", 0o333, is_dir=True)
    build("/unsearchable", 0o666, is_dir=True)
    carol = fs.login("carol")
    args = (path, b"") if action == "write" else (path,)

    with pytest.raises(OSError, match=re.escape(os.strerror(code))) as failed:
        getattr(carol, action)(*args)

    assert (failed.value.errno, failed.value.filename) == (code, path)


@pytest.mark.usefixtures("home")
@pytest.mark.spec("relative to the session's working directory")
def test_access_resolves_a_relative_path_against_the_working_directory(fs: FileSystem) -> None:
    alice = fs.login("alice")
    alice.chdir("/home/alice")

    assert alice.access("todo", "r")
    assert alice.access("src/..", "x")
    assert not alice.access("none", "")
