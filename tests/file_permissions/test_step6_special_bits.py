from __future__ import annotations

import errno
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

    from file_permissions import FileSystem

    Build = Callable[..., None]

pytestmark = pytest.mark.step(6)


@pytest.fixture
def public(build: Build) -> None:
    """/public is like /tmp (1777, owned by alice); bob and carol each have a file in it."""
    build("/public", 0o1777, "alice", "staff", is_dir=True)
    build("/public/bobs", 0o666, "bob", "staff")
    build("/public/carols", 0o666, "carol", "carol")


def errno_of(action: Callable[[], object]) -> int | None:
    try:
        action()
    except OSError as error:
        return error.errno
    return None


@pytest.mark.usefixtures("public")
def test_in_a_sticky_directory_only_the_owner_removes_a_file(fs: FileSystem) -> None:
    bob = fs.login("bob")

    refused = errno_of(lambda: bob.unlink("/public/carols"))
    bob.unlink("/public/bobs")

    assert refused == errno.EPERM
    assert fs.login("root").listdir("/public") == ["carols"]


@pytest.mark.usefixtures("public")
@pytest.mark.parametrize("remover", ["alice", "root"])
def test_the_directorys_owner_and_root_may_remove_any_file(fs: FileSystem, remover: str) -> None:
    fs.login(remover).unlink("/public/carols")

    assert fs.login("root").listdir("/public") == ["bobs"]


@pytest.mark.usefixtures("public")
def test_the_sticky_rule_applies_to_directories_and_to_renames(
    fs: FileSystem, build: Build
) -> None:
    build("/public/carolsdir", 0o777, "carol", "carol", is_dir=True)
    bob = fs.login("bob")

    assert errno_of(lambda: bob.rmdir("/public/carolsdir")) == errno.EPERM
    assert errno_of(lambda: bob.rename("/public/carols", "/public/mine")) == errno.EPERM
    assert errno_of(lambda: bob.rename("/public/bobs", "/public/carols")) == errno.EPERM
    assert fs.login("root").listdir("/public") == ["bobs", "carols", "carolsdir"]


@pytest.mark.usefixtures("public")
def test_a_file_may_be_renamed_within_a_sticky_directory_by_its_owner(fs: FileSystem) -> None:
    fs.login("bob").rename("/public/bobs", "/public/bobs2")

    assert fs.login("root").listdir("/public") == ["bobs2", "carols"]


def test_missing_write_permission_beats_the_sticky_rule(fs: FileSystem, build: Build) -> None:
    build("/shelf", 0o1755, "alice", "staff", is_dir=True)
    build("/shelf/carols", 0o666, "carol", "carol")

    assert errno_of(lambda: fs.login("bob").unlink("/shelf/carols")) == errno.EACCES


def test_a_new_node_in_a_setgid_directory_takes_the_directorys_group(
    fs: FileSystem, build: Build
) -> None:
    build("/project", 0o2777, "alice", "staff", is_dir=True)
    carol = fs.login("carol")

    carol.create("/project/notes")
    carol.mkdir("/project/sub")
    carol.mkdir("/project/sub/deeper", 0o755)

    assert carol.stat("/project/notes").gid == 500
    assert (carol.stat("/project/sub").gid, carol.stat("/project/sub").filemode) == (
        500,
        "drwxr-sr-x",
    )
    assert carol.stat("/project/sub/deeper").filemode == "drwxr-sr-x"


def test_mkdir_ignores_setuid_and_setgid_in_its_mode_but_keeps_sticky(
    fs: FileSystem, build: Build
) -> None:
    build("/plain", 0o777, is_dir=True)
    alice = fs.login("alice", umask=0)

    alice.mkdir("/plain/d", 0o7777)

    assert alice.stat("/plain/d").filemode == "drwxrwxrwt"


def test_create_keeps_the_special_bits_of_its_mode(fs: FileSystem, build: Build) -> None:
    build("/plain", 0o777, is_dir=True)
    alice = fs.login("alice", umask=0o022)

    alice.create("/plain/tool", 0o6755)

    assert alice.stat("/plain/tool").filemode == "-rwsr-sr-x"


@pytest.mark.parametrize(("user", "after"), [("carol", "-rwxr-xr-x"), ("bob", "-rwxr-sr-x")])
def test_a_creator_outside_a_setgid_directorys_group_cannot_make_a_setgid_program_in_it(
    fs: FileSystem, build: Build, user: str, after: str
) -> None:
    build("/project", 0o2777, "alice", "staff", is_dir=True)

    fs.login(user).create("/project/tool", 0o2755)

    assert fs.login("root").stat("/project/tool").filemode == after


def test_a_setuid_program_runs_as_its_owner(fs: FileSystem, build: Build) -> None:
    build("/passwd", 0o4755, "root", "root")
    build("/shadow", 0o600, "root", "root")
    carol = fs.login("carol")

    program = carol.execute("/passwd")

    assert (program.uid, program.gid, program.groups) == (0, 1003, carol.groups)
    assert program.read("/shadow") == b""
    with pytest.raises(PermissionError):
        carol.read("/shadow")


def test_a_setgid_program_runs_with_its_group(fs: FileSystem, build: Build) -> None:
    build("/report", 0o2755, "alice", "staff")
    build("/ledger", 0o460, "alice", "staff")

    program = fs.login("carol").execute("/report")

    assert (program.uid, program.gid) == (1003, 500)
    assert program.read("/ledger") == b""


def test_setgid_without_group_execute_does_not_change_the_group(
    fs: FileSystem, build: Build
) -> None:
    build("/locked", 0o2705, "alice", "staff")

    program = fs.login("carol").execute("/locked")

    assert (program.uid, program.gid) == (1003, 1003)


def test_a_program_keeps_the_umask_and_working_directory(fs: FileSystem, build: Build) -> None:
    build("/bin", 0o755, is_dir=True)
    build("/bin/tool", 0o4755, "alice", "staff")
    carol = fs.login("carol", umask=0o077)
    carol.chdir("/bin")

    program = carol.execute("tool")

    assert (program.umask, program.cwd, program.uid) == (0o077, "/bin", 1001)


def test_a_directory_cannot_be_executed(fs: FileSystem, build: Build) -> None:
    build("/dir", 0o4777, "alice", "staff", is_dir=True)

    assert errno_of(lambda: fs.login("root").execute("/dir")) == errno.EACCES


@pytest.mark.usefixtures("public")
@pytest.mark.parametrize(
    ("action", "args"),
    [
        ("unlink", ("/public/carols",)),
        ("rename", ("/public/carols", "/public/mine")),
        ("rename", ("/public/bobs", "/public/carols")),
    ],
)
def test_a_sticky_refusal_names_the_paths_given(
    fs: FileSystem, action: str, args: tuple[str, ...]
) -> None:
    with pytest.raises(PermissionError) as denied:
        getattr(fs.login("bob"), action)(*args)

    assert denied.value.errno == errno.EPERM
    second = args[1] if action == "rename" else None
    assert (denied.value.filename, denied.value.filename2) == (args[0], second)
