from __future__ import annotations

import errno
from typing import TYPE_CHECKING

import pytest

from tests.file_permissions.support import errno_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from file_permissions import FileSystem

    Build = Callable[..., None]

pytestmark = pytest.mark.step(6)

STICKY = (
    "Sticky directories (1000, t): an entry may be removed, renamed away or replaced only by "
    "the entry's owner, the directory's owner or root"
)
SETGID_DIR = (
    "Setgid directories (2000 on a directory): a new entry takes the directory's group instead "
    "of the creator's gid; a new subdirectory is setgid too, so the rule spreads."
)
PROGRAMS = (
    "Setuid and setgid programs: execute returns a session whose uid is the file's owner when "
    "the file is setuid, and whose gid is the file's group when it is setgid and "
    "group-executable"
)
REAL_IDS = (
    "access answers for the real ids, as access(2) does: a setuid-root program's access is "
    "that of the user who ran it, with no root overrides, while its read has them"
)


@pytest.fixture
def public(build: Build) -> None:
    """/public is like /tmp (1777, owned by alice); bob and carol each have a file in it."""
    build("/public", 0o1777, "alice", "staff", is_dir=True)
    build("/public/bobs", 0o666, "bob", "staff")
    build("/public/carols", 0o666, "carol", "carol")


@pytest.mark.usefixtures("public")
@pytest.mark.spec(STICKY, "others get EPERM", "the sticky rule")
def test_in_a_sticky_directory_only_the_owner_removes_a_file(fs: FileSystem) -> None:
    bob = fs.login("bob")

    refused = errno_of(lambda: bob.unlink("/public/carols"))
    bob.unlink("/public/bobs")

    assert refused == errno.EPERM
    assert fs.login("root").listdir("/public") == ["carols"]


@pytest.mark.usefixtures("public")
@pytest.mark.spec(STICKY)
@pytest.mark.parametrize("remover", ["alice", "root"])
def test_the_directorys_owner_and_root_may_remove_any_file(fs: FileSystem, remover: str) -> None:
    fs.login(remover).unlink("/public/carols")

    assert fs.login("root").listdir("/public") == ["bobs"]


@pytest.mark.usefixtures("public")
@pytest.mark.spec(STICKY)
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
@pytest.mark.spec(STICKY)
def test_a_file_may_be_renamed_within_a_sticky_directory_by_its_owner(fs: FileSystem) -> None:
    fs.login("bob").rename("/public/bobs", "/public/bobs2")

    assert fs.login("root").listdir("/public") == ["bobs2", "carols"]


@pytest.mark.spec("checked after the w+x check on the directory (EACCES wins)")
def test_missing_write_permission_beats_the_sticky_rule(fs: FileSystem, build: Build) -> None:
    build("/shelf", 0o1755, "alice", "staff", is_dir=True)
    build("/shelf/carols", 0o666, "carol", "carol")

    assert errno_of(lambda: fs.login("bob").unlink("/shelf/carols")) == errno.EACCES


@pytest.mark.spec(SETGID_DIR)
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


@pytest.mark.spec("mkdir ignores setuid and setgid in its mode argument (keeping sticky)")
def test_mkdir_ignores_setuid_and_setgid_in_its_mode_but_keeps_sticky(
    fs: FileSystem, build: Build
) -> None:
    build("/plain", 0o777, is_dir=True)
    alice = fs.login("alice", umask=0)

    alice.mkdir("/plain/d", 0o7777)

    assert alice.stat("/plain/d").filemode == "drwxrwxrwt"


@pytest.mark.spec("create keeps all twelve bits of mode & ~umask.")
def test_create_keeps_the_special_bits_of_its_mode(fs: FileSystem, build: Build) -> None:
    build("/plain", 0o777, is_dir=True)
    alice = fs.login("alice", umask=0o022)

    alice.create("/plain/tool", 0o6755)

    assert alice.stat("/plain/tool").filemode == "-rwsr-sr-x"


@pytest.mark.spec(
    "A new file created setgid and group-executable in such a directory loses setgid when the "
    "creator (not root) is outside the directory's group."
)
@pytest.mark.parametrize(
    ("user", "mode", "after"),
    [
        ("carol", 0o2755, "-rwxr-xr-x"),
        ("bob", 0o2755, "-rwxr-sr-x"),
        ("root", 0o2755, "-rwxr-sr-x"),
        ("carol", 0o2745, "-rwxr-Sr-x"),
    ],
    ids=["an outsider", "a member", "root", "an outsider, without group execute"],
)
def test_a_creator_outside_a_setgid_directorys_group_cannot_make_a_setgid_program_in_it(
    fs: FileSystem, build: Build, user: str, mode: int, after: str
) -> None:
    build("/project", 0o2777, "alice", "staff", is_dir=True)

    fs.login(user).create("/project/tool", mode)

    assert fs.login("root").stat("/project/tool").filemode == after


@pytest.mark.spec(PROGRAMS, "Every other call uses the effective ids.")
def test_a_setuid_program_runs_as_its_owner(fs: FileSystem, build: Build) -> None:
    build("/passwd", 0o4755, "root", "root")
    build("/shadow", 0o600, "root", "root")
    carol = fs.login("carol")

    program = carol.execute("/passwd")

    assert (program.uid, program.gid, program.groups) == (0, 1003, carol.groups)
    assert program.read("/shadow") == b""
    with pytest.raises(PermissionError):
        carol.read("/shadow")


@pytest.mark.spec(PROGRAMS)
def test_a_setgid_program_runs_with_its_group(fs: FileSystem, build: Build) -> None:
    build("/report", 0o2755, "alice", "staff")
    build("/ledger", 0o460, "alice", "staff")

    program = fs.login("carol").execute("/report")

    assert (program.uid, program.gid) == (1003, 500)
    assert program.read("/ledger") == b""


@pytest.mark.spec("setgid without group execute leaves the gid as it was.")
def test_setgid_without_group_execute_does_not_change_the_group(
    fs: FileSystem, build: Build
) -> None:
    build("/locked", 0o2705, "alice", "staff")

    program = fs.login("carol").execute("/locked")

    assert (program.uid, program.gid) == (1003, 1003)


@pytest.mark.spec("The supplementary groups, umask and working directory stay.")
def test_a_program_keeps_the_umask_and_working_directory(fs: FileSystem, build: Build) -> None:
    build("/bin", 0o755, is_dir=True)
    build("/bin/tool", 0o4755, "alice", "staff")
    carol = fs.login("carol", umask=0o077)
    carol.chdir("/bin")

    program = carol.execute("tool")

    assert (program.umask, program.cwd, program.uid) == (0o077, "/bin", 1001)


@pytest.mark.spec("A directory cannot be executed (EACCES).")
def test_a_directory_cannot_be_executed(fs: FileSystem, build: Build) -> None:
    build("/dir", 0o4777, "alice", "staff", is_dir=True)

    with pytest.raises(PermissionError) as denied:
        fs.login("root").execute("/dir")

    assert (denied.value.errno, denied.value.filename) == (errno.EACCES, "/dir")


@pytest.mark.usefixtures("public")
@pytest.mark.parametrize(
    ("action", "args"),
    [
        ("unlink", ("/public/carols",)),
        ("rename", ("/public/carols", "/public/mine")),
        ("rename", ("/public/bobs", "/public/carols")),
    ],
    ids=["unlink", "rename away", "rename onto"],
)
@pytest.mark.spec("others get EPERM", "the error's strerror is os.strerror(errno) and its filename")
def test_a_sticky_refusal_names_the_paths_given(
    fs: FileSystem, action: str, args: tuple[str, ...]
) -> None:
    with pytest.raises(PermissionError) as denied:
        getattr(fs.login("bob"), action)(*args)

    assert denied.value.errno == errno.EPERM
    second = args[1] if action == "rename" else None
    assert (denied.value.filename, denied.value.filename2) == (args[0], second)


@pytest.mark.usefixtures("public")
@pytest.mark.spec("and before the type checks.")
@pytest.mark.parametrize(
    ("action", "path"),
    [("rmdir", "/public/carols"), ("unlink", "/public/carolsdir")],
    ids=["rmdir of a file", "unlink of a directory"],
)
def test_the_sticky_rule_comes_before_the_type_checks(
    fs: FileSystem, build: Build, action: str, path: str
) -> None:
    build("/public/carolsdir", 0o777, "carol", "carol", is_dir=True)

    assert errno_of(lambda: getattr(fs.login("bob"), action)(path)) == errno.EPERM


@pytest.mark.spec(
    "Real and effective ids: the ids a program's session acts with (sh.uid, sh.gid) are its "
    "effective ids",
    REAL_IDS,
)
def test_a_setuid_root_program_asks_access_as_the_user_who_ran_it(
    fs: FileSystem, build: Build
) -> None:
    build("/passwd", 0o4755, "root", "root")
    build("/shadow", 0o600, "root", "root")
    build("/carols", 0o600, "carol", "carol")

    program = fs.login("carol").execute("/passwd")

    assert program.uid == 0
    assert program.read("/shadow") == b""
    assert not program.access("/shadow", "r")
    assert program.access("/carols", "rw")


@pytest.mark.spec(
    "its real ids stay those of the session that logged in, through any number of execute calls.",
    REAL_IDS,
)
def test_the_real_ids_stay_through_a_chain_of_programs(fs: FileSystem, build: Build) -> None:
    build("/su-bob", 0o4755, "bob", "bob")
    build("/su-alice", 0o6755, "alice", "staff")
    build("/bobs", 0o600, "bob", "bob")
    build("/carols", 0o600, "carol", "carol")

    program = fs.login("carol").execute("/su-bob").execute("/su-alice")

    assert (program.uid, program.gid) == (1001, 500)
    assert not program.access("/bobs", "r")
    assert program.access("/carols", "r")


@pytest.mark.spec(
    "root running another user's setuid program keeps root's overrides for access only.",
    "Every other call uses the effective ids.",
)
def test_root_running_a_setuid_program_keeps_its_overrides_for_access_only(
    fs: FileSystem, build: Build
) -> None:
    build("/su-alice", 0o4755, "alice", "staff")
    build("/bobs", 0o600, "bob", "bob")
    build("/closed", 0o700, "bob", "bob", is_dir=True)

    program = fs.login("root").execute("/su-alice")

    assert program.access("/bobs", "rw")
    assert program.access("/closed", "rx")
    assert errno_of(lambda: program.read("/bobs")) == errno.EACCES
    assert errno_of(lambda: program.listdir("/closed")) == errno.EACCES


@pytest.mark.spec(REAL_IDS)
def test_a_setgid_program_asks_access_with_the_real_gid_on_the_whole_walk(
    fs: FileSystem, build: Build
) -> None:
    build("/report", 0o2755, "alice", "staff")
    build("/staffonly", 0o710, "alice", "staff", is_dir=True)
    build("/staffonly/ledger", 0o444, "alice", "staff")
    build("/ledger", 0o460, "alice", "staff")

    program = fs.login("carol").execute("/report")

    assert program.read("/ledger") == b""
    assert program.read("/staffonly/ledger") == b""
    assert not program.access("/ledger", "r")
    assert not program.access("/staffonly/ledger", "")
