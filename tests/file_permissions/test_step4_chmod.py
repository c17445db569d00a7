from __future__ import annotations

import errno
import re
from typing import TYPE_CHECKING

import pytest
from file_permissions import apply_mode

if TYPE_CHECKING:
    from collections.abc import Callable

    from file_permissions import FileSystem

    Build = Callable[..., None]

pytestmark = pytest.mark.step(4)


def test_the_owner_changes_the_mode(fs: FileSystem, build: Build) -> None:
    build("/mine", 0o600, "alice", "staff")

    fs.login("alice").chmod("/mine", 0o640)

    assert fs.login("alice").stat("/mine").filemode == "-rw-r-----"


def test_chmod_needs_no_permission_on_the_file_itself(fs: FileSystem, build: Build) -> None:
    build("/mine", 0o000, "alice", "staff")

    fs.login("alice").chmod("/mine", "u+r")

    assert fs.login("alice").read("/mine") == b""


@pytest.mark.parametrize("mode", [0o777, "a+rwx"])
def test_only_the_owner_or_root_may_change_the_mode(
    fs: FileSystem, build: Build, mode: int | str
) -> None:
    build("/mine", 0o664, "alice", "staff")

    with pytest.raises(PermissionError) as denied:
        fs.login("bob").chmod("/mine", mode)

    assert (denied.value.errno, denied.value.filename) == (errno.EPERM, "/mine")
    assert fs.login("bob").stat("/mine").filemode == "-rw-rw-r--"
    fs.login("root").chmod("/mine", mode)
    assert fs.login("bob").stat("/mine").filemode == "-rwxrwxrwx"


def test_chmod_needs_search_permission_on_the_way(fs: FileSystem, build: Build) -> None:
    build("/private", 0o700, "bob", "staff", is_dir=True)
    build("/private/mine", 0o600, "alice", "staff")

    with pytest.raises(PermissionError) as denied:
        fs.login("alice").chmod("/private/mine", 0o644)

    assert denied.value.errno == errno.EACCES


@pytest.mark.parametrize(
    ("spec", "old", "is_dir", "umask", "new"),
    [
        ("755", 0o4644, False, 0o022, 0o755),
        ("u+x", 0o644, False, 0o022, 0o744),
        ("g-w", 0o664, False, 0o022, 0o644),
        ("o=r", 0o640, False, 0o022, 0o644),
        ("u=rwx,g=rx,o=", 0o000, False, 0o022, 0o750),
        ("ug+rw,o-rwx", 0o007, False, 0o022, 0o660),
        ("a-x", 0o755, True, 0o022, 0o644),
        ("a+X", 0o644, False, 0o022, 0o644),
        ("a+X", 0o744, False, 0o022, 0o755),
        ("a+X", 0o644, True, 0o022, 0o755),
        ("+x", 0o644, False, 0o022, 0o755),
        ("+w", 0o444, False, 0o022, 0o644),
        ("+w", 0o444, False, 0o000, 0o666),
        ("-w", 0o666, False, 0o022, 0o466),
        ("=", 0o7777, False, 0o022, 0o0000),
        ("=rw", 0o4777, False, 0o027, 0o640),
        ("g=u", 0o750, False, 0o022, 0o770),
        ("o=g", 0o750, False, 0o022, 0o755),
        ("go=u-w", 0o700, False, 0o022, 0o755),
        ("u=g,g=o", 0o461, False, 0o022, 0o611),
        ("+t", 0o777, True, 0o022, 0o1777),
        ("o-t", 0o1777, True, 0o022, 0o777),
        ("u+t", 0o777, True, 0o022, 0o777),
        ("u+s", 0o755, False, 0o022, 0o4755),
        ("g+s", 0o755, True, 0o022, 0o2755),
        ("o+s", 0o755, False, 0o022, 0o755),
        ("+s", 0o755, False, 0o077, 0o6755),
        ("a=rwxst", 0o000, False, 0o022, 0o7777),
        ("u-s,g-s", 0o6755, False, 0o022, 0o755),
        ("=755", 0o644, False, 0o077, 0o755),
        ("-022", 0o777, False, 0o022, 0o755),
        ("u+x,=644", 0o700, False, 0o022, 0o644),
        ("u+rw-x+x", 0o000, False, 0o022, 0o700),
        ("ugoa+r", 0o000, False, 0o777, 0o444),
        ("0", 0o4755, False, 0o022, 0o000),
        ("a=rX", 0o700, False, 0o022, 0o555),
        ("g=u", 0o600, False, 0o022, 0o660),
        ("7777", 0o000, False, 0o022, 0o7777),
        ("640", 0o777, False, 0o027, 0o640),
        ("+s", 0o755, True, 0o022, 0o6755),
        ("4755", 0o700, True, 0o022, 0o4755),
        ("o=u", 0o600, False, 0o022, 0o606),
    ],
)
def test_apply_mode_computes_what_gnu_chmod_computes(
    *, spec: str, old: int, is_dir: bool, umask: int, new: int
) -> None:
    assert apply_mode(spec, old, is_dir=is_dir, umask=umask) == new


@pytest.mark.parametrize(
    ("spec", "new"),
    [("755", 0o6755), ("0755", 0o6755), ("00755", 0o755), ("2755", 0o6755), ("5755", 0o7755)],
)
def test_an_octal_mode_of_fewer_than_five_digits_keeps_a_directorys_setuid_and_setgid(
    spec: str, new: int
) -> None:
    assert apply_mode(spec, 0o6700, is_dir=True) == new


@pytest.mark.parametrize(
    ("spec", "new"),
    [("a=rx,u+w", 0o6755), ("g=u", 0o6770), ("u=rwx,g-s", 0o4700), ("=755", 0o755), ("a=", 0o6000)],
)
def test_symbolic_modes_keep_setuid_and_setgid_of_a_directory_unless_s_is_named(
    spec: str, new: int
) -> None:
    assert apply_mode(spec, 0o6700, is_dir=True) == new


def test_apply_mode_defaults_to_a_regular_file_and_the_umask_022() -> None:
    assert (apply_mode("+w", 0o444), apply_mode("+x", 0o644)) == (0o644, 0o755)
    assert apply_mode("a+X", 0o644) == 0o644


def test_apply_mode_ignores_and_drops_the_file_type_bits() -> None:
    assert apply_mode("go+r", 0o40700, is_dir=True) == 0o744


@pytest.mark.parametrize(
    "spec",
    [
        "",
        "u",
        "8",
        "rwx",
        "u+q",
        "10000",
        "u=755",
        "=755+x",
        "a+r,",
        ",a+r",
        "u+rw,",
        "ug+7",
        "+7x",
        "=10000",
    ],
)
def test_a_mode_chmod_rejects_is_a_value_error_naming_it(spec: str) -> None:
    with pytest.raises(ValueError, match=re.escape(f"invalid mode: {spec!r}")):
        apply_mode(spec, 0o644)


@pytest.mark.parametrize("umask", [-1, 0o1000])
def test_apply_mode_refuses_a_malformed_umask(umask: int) -> None:
    with pytest.raises(ValueError, match="umask"):
        apply_mode("+r", 0o644, umask=umask)


def test_symbolic_chmod_uses_the_sessions_umask(fs: FileSystem, build: Build) -> None:
    build("/mine", 0o600, "alice", "staff")

    fs.login("alice", umask=0o077).chmod("/mine", "+x")
    fs.login("alice", umask=0o002).chmod("/mine", "+r")

    assert fs.login("alice").stat("/mine").filemode == "-rwxr--r--"


def test_symbolic_chmod_uses_the_kind_of_node(fs: FileSystem, build: Build) -> None:
    build("/dir", 0o2700, "alice", "staff", is_dir=True)
    build("/file", 0o2700, "alice", "staff")
    alice = fs.login("alice")

    alice.chmod("/dir", "755")
    alice.chmod("/file", "755")

    assert alice.stat("/dir").filemode == "drwxr-sr-x"
    assert alice.stat("/file").filemode == "-rwxr-xr-x"


@pytest.mark.parametrize("mode", ["u+z", -1, 0o10000])
def test_a_malformed_mode_is_refused_before_the_path_and_changes_nothing(
    fs: FileSystem, build: Build, mode: str | int
) -> None:
    build("/mine", 0o640, "alice", "staff")

    with pytest.raises(ValueError, match="mode"):
        fs.login("carol").chmod("/nowhere/mine", mode)
    with pytest.raises(ValueError, match="mode"):
        fs.login("alice").chmod("/mine", mode)

    assert fs.login("alice").stat("/mine").filemode == "-rw-r-----"


def test_chmod_of_a_missing_file_is_enoent(fs: FileSystem) -> None:
    with pytest.raises(FileNotFoundError):
        fs.login("root").chmod("/missing", "u+r")


@pytest.mark.parametrize(("user", "kept"), [("alice", True), ("carol", False), ("root", True)])
def test_a_non_root_owner_outside_the_files_group_silently_loses_setgid(
    fs: FileSystem, build: Build, user: str, *, kept: bool
) -> None:
    build("/tool", 0o755, user, "staff")

    fs.login(user).chmod("/tool", 0o2755)

    assert fs.login("root").stat("/tool").filemode == ("-rwxr-sr-x" if kept else "-rwxr-xr-x")


def test_setgid_is_lost_through_a_symbolic_mode_too(fs: FileSystem, build: Build) -> None:
    build("/dir", 0o755, "carol", "staff", is_dir=True)

    fs.login("carol").chmod("/dir", "g+s,o+t")

    assert fs.login("carol").stat("/dir").filemode == "drwxr-xr-t"
