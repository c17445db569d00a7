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

OWNER_ONLY = "Only the owner or root may change a node's mode (EPERM otherwise)"
LOSES_SETGID = (
    "A non-root owner who is not in the node's group (neither gid nor supplementary) silently "
    "loses setgid: the call succeeds without it."
)
SYMBOLIC = (
    "chmod(path, str) is /bin/chmod -- MODE path (GNU coreutils): the mode is computed by "
    "apply_mode(MODE, current, is_dir=..., umask=session umask), then set as chmod(2) would."
)
DIRECTORIES = "Directories: setuid and setgid stay as they are unless the mode mentions them"


@pytest.mark.spec(OWNER_ONLY, "chmod(path, int) is chmod(2): the new mode is the int")
def test_the_owner_changes_the_mode(fs: FileSystem, build: Build) -> None:
    build("/mine", 0o600, "alice", "staff")

    fs.login("alice").chmod("/mine", 0o640)

    assert fs.login("alice").stat("/mine").filemode == "-rw-r-----"


@pytest.mark.spec("nothing is needed on the node itself")
def test_chmod_needs_no_permission_on_the_file_itself(fs: FileSystem, build: Build) -> None:
    build("/mine", 0o000, "alice", "staff")

    fs.login("alice").chmod("/mine", "u+r")

    assert fs.login("alice").read("/mine") == b""


@pytest.mark.spec(
    OWNER_ONLY,
    "EPERM | PermissionError | privilege denies: chmod by a non-owner",
    "A refused operation changes nothing.",
)
@pytest.mark.parametrize("mode", [0o777, "a+rwx"], ids=["octal", "symbolic"])
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


@pytest.mark.spec("only search permission on the way")
def test_chmod_needs_search_permission_on_the_way(fs: FileSystem, build: Build) -> None:
    build("/private", 0o700, "bob", "staff", is_dir=True)
    build("/private/mine", 0o600, "alice", "staff")

    with pytest.raises(PermissionError) as denied:
        fs.login("alice").chmod("/private/mine", 0o644)

    assert denied.value.errno == errno.EACCES


Case = tuple[str, int, bool, int, int]  # spec, old mode, is_dir, umask, new mode


def _name(spec: str, old: int, is_dir: bool, umask: int, new: int) -> str:  # noqa: FBT001
    kind = " dir" if is_dir else ""
    mask = f" umask {umask:03o}" if umask != 0o022 else ""
    return f"{spec} {old:o}{kind}{mask} -> {new:o}"


def cases(*rows: Case) -> pytest.MarkDecorator:
    """Parametrize over ``rows``, each named by what it computes: ``u+x 644 -> 744``."""
    return pytest.mark.parametrize(
        ("spec", "old", "is_dir", "umask", "new"),
        rows,
        ids=[_name(*row) for row in rows],
    )


@pytest.mark.spec(
    "Its grammar:",
    "u, g, o select the owner's, group's and others' bits with setuid, setgid and sticky "
    "respectively; a all of them.",
)
@cases(
    ("u+x", 0o644, False, 0o022, 0o744),
    ("g-w", 0o664, False, 0o022, 0o644),
    ("o=r", 0o640, False, 0o022, 0o644),
    ("u=rwx,g=rx,o=", 0o000, False, 0o022, 0o750),
    ("ug+rw,o-rwx", 0o007, False, 0o022, 0o660),
    ("a-x", 0o755, True, 0o022, 0o644),
    ("u+rw-x+x", 0o000, False, 0o022, 0o700),
    ("ugoa+r", 0o000, False, 0o777, 0o444),
    ("u=rwx", 0o4755, False, 0o022, 0o755),
    ("o=rx", 0o1777, True, 0o022, 0o775),
    ("g=", 0o2775, False, 0o022, 0o705),
    ("u+", 0o644, False, 0o022, 0o644),
)
def test_who_letters_select_the_classes_an_action_changes(
    *, spec: str, old: int, is_dir: bool, umask: int, new: int
) -> None:
    assert apply_mode(spec, old, is_dir=is_dir, umask=umask) == new


@pytest.mark.spec(
    "No who-letters: as a, but bits set in the umask are not changed (+w with umask 022 adds "
    "only u+w; = clears everything, then sets only the bits the umask allows)."
)
@cases(
    ("+x", 0o644, False, 0o022, 0o755),
    ("+w", 0o444, False, 0o022, 0o644),
    ("+w", 0o444, False, 0o000, 0o666),
    ("-w", 0o666, False, 0o022, 0o466),
    ("=", 0o7777, False, 0o022, 0o0000),
    ("=rw", 0o4777, False, 0o027, 0o640),
    ("+r", 0o000, False, 0o777, 0o000),
)
def test_without_who_letters_the_umask_limits_the_change(
    *, spec: str, old: int, is_dir: bool, umask: int, new: int
) -> None:
    assert apply_mode(spec, old, is_dir=is_dir, umask=umask) == new


@pytest.mark.spec(
    "X: x, if the node is a directory or already has some x bit (checked when the action "
    "applies, so u+x,a+X on a plain file gives x to all)."
)
@cases(
    ("a+X", 0o644, False, 0o022, 0o644),
    ("a+X", 0o744, False, 0o022, 0o755),
    ("a+X", 0o644, True, 0o022, 0o755),
    ("a=rX", 0o700, False, 0o022, 0o555),
    ("u+x,a+X", 0o644, False, 0o022, 0o755),
    ("u+x+X", 0o600, False, 0o022, 0o700),
    ("g+x,o+X", 0o600, False, 0o022, 0o611),
    ("a-x,a+X", 0o755, False, 0o022, 0o644),
    ("a-x+X", 0o711, False, 0o022, 0o600),
)
def test_capital_x_looks_at_the_mode_when_its_action_applies(
    *, spec: str, old: int, is_dir: bool, umask: int, new: int
) -> None:
    assert apply_mode(spec, old, is_dir=is_dir, umask=umask) == new


@pytest.mark.spec(
    "A copy (g=u, o+g) takes the rwx bits (never s or t) the named class has at that moment, "
    "after the clauses and actions before it: u=rwx,g=u on 0o000 gives 0o770."
)
@cases(
    ("g=u", 0o750, False, 0o022, 0o770),
    ("o=g", 0o750, False, 0o022, 0o755),
    ("go=u-w", 0o700, False, 0o022, 0o755),
    ("u=g,g=o", 0o461, False, 0o022, 0o611),
    ("g=u", 0o600, False, 0o022, 0o660),
    ("o=u", 0o600, False, 0o022, 0o606),
    ("u=rwx,g=u", 0o000, False, 0o022, 0o770),
    ("u+w,o=u", 0o400, False, 0o022, 0o606),
    ("g=o,o=g", 0o705, False, 0o022, 0o755),
    ("g=u", 0o4700, False, 0o022, 0o4770),
    ("o=g", 0o2070, False, 0o022, 0o2077),
    ("+u", 0o640, False, 0o022, 0o644),
)
def test_a_copy_takes_the_bits_the_class_has_at_that_moment(
    *, spec: str, old: int, is_dir: bool, umask: int, new: int
) -> None:
    assert apply_mode(spec, old, is_dir=is_dir, umask=umask) == new


@pytest.mark.spec(
    "s sets setuid with u and setgid with g (nothing with o alone); t is the sticky bit with o "
    "or a; without who-letters both apply."
)
@cases(
    ("+t", 0o777, True, 0o022, 0o1777),
    ("o-t", 0o1777, True, 0o022, 0o777),
    ("a+t", 0o777, True, 0o022, 0o1777),
    ("u+t", 0o777, True, 0o022, 0o777),
    ("g+t", 0o777, True, 0o022, 0o777),
    ("u+s", 0o755, False, 0o022, 0o4755),
    ("g+s", 0o755, True, 0o022, 0o2755),
    ("o+s", 0o755, False, 0o022, 0o755),
    ("+s", 0o755, False, 0o077, 0o6755),
    ("+s", 0o755, True, 0o022, 0o6755),
    ("a=rwxst", 0o000, False, 0o022, 0o7777),
    ("u-s,g-s", 0o6755, False, 0o022, 0o755),
)
def test_s_and_t_set_the_special_bits_of_the_classes_named(
    *, spec: str, old: int, is_dir: bool, umask: int, new: int
) -> None:
    assert apply_mode(spec, old, is_dir=is_dir, umask=umask) == new


@pytest.mark.spec(
    "An octal action (=755, -022, +1000) changes all bits and ignores the umask", "Its grammar:"
)
@cases(
    ("755", 0o4644, False, 0o022, 0o755),
    ("0", 0o4755, False, 0o022, 0o000),
    ("7777", 0o000, False, 0o022, 0o7777),
    ("640", 0o777, False, 0o027, 0o640),
    ("4755", 0o700, True, 0o022, 0o4755),
    ("=755", 0o644, False, 0o077, 0o755),
    ("-022", 0o777, False, 0o022, 0o755),
    ("+1000", 0o755, True, 0o077, 0o1755),
    ("u+x,=644", 0o700, False, 0o022, 0o644),
    ("000000755", 0o644, False, 0o022, 0o755),
)
def test_octal_modes_and_octal_actions_ignore_the_umask(
    *, spec: str, old: int, is_dir: bool, umask: int, new: int
) -> None:
    assert apply_mode(spec, old, is_dir=is_dir, umask=umask) == new


@pytest.mark.spec(
    DIRECTORIES,
    "a numeric mode of fewer than five digits (755, 0755) keeps them, 00755 clears them",
)
@pytest.mark.parametrize(
    ("spec", "new"),
    [("755", 0o6755), ("0755", 0o6755), ("00755", 0o755), ("2755", 0o6755), ("5755", 0o7755)],
    ids=["755", "0755", "00755", "2755", "5755"],
)
def test_an_octal_mode_of_fewer_than_five_digits_keeps_a_directorys_setuid_and_setgid(
    spec: str, new: int
) -> None:
    assert apply_mode(spec, 0o6700, is_dir=True) == new


@pytest.mark.spec(
    DIRECTORIES,
    "a symbolic action keeps them unless it names s for them (u+s, g-s, a=rs, +s) or is an octal "
    "action (=755).",
)
@pytest.mark.parametrize(
    ("spec", "new"),
    [("a=rx,u+w", 0o6755), ("g=u", 0o6770), ("u=rwx,g-s", 0o4700), ("=755", 0o755), ("a=", 0o6000)],
    ids=["a=rx,u+w", "g=u", "u=rwx,g-s", "=755", "a="],
)
def test_symbolic_modes_keep_setuid_and_setgid_of_a_directory_unless_s_is_named(
    spec: str, new: int
) -> None:
    assert apply_mode(spec, 0o6700, is_dir=True) == new


@pytest.mark.spec(
    "apply_mode(spec, mode, *, is_dir=False, umask=0o022) -> int is pure: it returns the new "
    "permission bits and changes nothing."
)
def test_apply_mode_defaults_to_a_regular_file_and_the_umask_022() -> None:
    assert (apply_mode("+w", 0o444), apply_mode("+x", 0o644)) == (0o644, 0o755)
    assert apply_mode("a+X", 0o644) == 0o644


@pytest.mark.spec("File type bits in mode are ignored and not returned.")
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
    ids=repr,
)
@pytest.mark.spec(
    "Anything else is invalid:",
    "An invalid mode is a ValueError whose message holds invalid mode: and the mode's repr "
    "(invalid mode: 'u+q'), as GNU chmod words it.",
    "it is allowed only without who-letters and must end its clause (u=755 and =755+x are "
    "invalid).",
)
def test_a_mode_chmod_rejects_is_a_value_error_naming_it(spec: str) -> None:
    with pytest.raises(ValueError, match=re.escape(f"invalid mode: {spec!r}")):
        apply_mode(spec, 0o644)


@pytest.mark.spec("A umask outside 0o000 .. 0o777 is a ValueError.")
@pytest.mark.parametrize("umask", [-1, 0o1000], ids=["-1", "0o1000"])
def test_apply_mode_refuses_a_malformed_umask(umask: int) -> None:
    with pytest.raises(ValueError, match="umask"):
        apply_mode("+r", 0o644, umask=umask)


@pytest.mark.spec(SYMBOLIC)
def test_symbolic_chmod_uses_the_sessions_umask(fs: FileSystem, build: Build) -> None:
    build("/mine", 0o600, "alice", "staff")

    fs.login("alice", umask=0o077).chmod("/mine", "+x")
    fs.login("alice", umask=0o002).chmod("/mine", "+r")

    assert fs.login("alice").stat("/mine").filemode == "-rwxr--r--"


@pytest.mark.spec(SYMBOLIC)
def test_symbolic_chmod_uses_the_kind_of_node(fs: FileSystem, build: Build) -> None:
    build("/dir", 0o2700, "alice", "staff", is_dir=True)
    build("/file", 0o2700, "alice", "staff")
    alice = fs.login("alice")

    alice.chmod("/dir", "755")
    alice.chmod("/file", "755")

    assert alice.stat("/dir").filemode == "drwxr-sr-x"
    assert alice.stat("/file").filemode == "-rwxr-xr-x"


@pytest.mark.spec(
    "A malformed mode, int or str, is a ValueError before the path is even looked at, and "
    "changes nothing.",
    "(0 .. 0o7777, else ValueError)",
)
@pytest.mark.parametrize("mode", ["u+z", -1, 0o10000], ids=["u+z", "-1", "0o10000"])
def test_a_malformed_mode_is_refused_before_the_path_and_changes_nothing(
    fs: FileSystem, build: Build, mode: str | int
) -> None:
    build("/mine", 0o640, "alice", "staff")

    with pytest.raises(ValueError, match="mode"):
        fs.login("carol").chmod("/nowhere/mine", mode)
    with pytest.raises(ValueError, match="mode"):
        fs.login("alice").chmod("/mine", mode)

    assert fs.login("alice").stat("/mine").filemode == "-rw-r-----"


@pytest.mark.spec("only search permission on the way")
def test_chmod_of_a_missing_file_is_enoent(fs: FileSystem) -> None:
    with pytest.raises(FileNotFoundError):
        fs.login("root").chmod("/missing", "u+r")


@pytest.mark.spec(LOSES_SETGID)
@pytest.mark.parametrize(("user", "kept"), [("alice", True), ("carol", False), ("root", True)])
def test_a_non_root_owner_outside_the_files_group_silently_loses_setgid(
    fs: FileSystem, build: Build, user: str, *, kept: bool
) -> None:
    build("/tool", 0o755, user, "staff")

    fs.login(user).chmod("/tool", 0o2755)

    assert fs.login("root").stat("/tool").filemode == ("-rwxr-sr-x" if kept else "-rwxr-xr-x")


@pytest.mark.spec(LOSES_SETGID, SYMBOLIC)
def test_setgid_is_lost_through_a_symbolic_mode_too(fs: FileSystem, build: Build) -> None:
    build("/dir", 0o755, "carol", "staff", is_dir=True)

    fs.login("carol").chmod("/dir", "g+s,o+t")

    assert fs.login("carol").stat("/dir").filemode == "drwxr-xr-t"
