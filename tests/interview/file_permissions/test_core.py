from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import pytest
from file_permissions.driver import (
    add_group,
    add_user,
    can,
    chmod,
    create,
    describe,
    mkdir,
    new_system,
    read,
)

from tests.interview.file_permissions.support import (
    ALICE,
    BOB,
    CAROL,
    CAROLS,
    DAVE,
    DAVES,
    STAFF,
    System,
    directory,
    file,
    office,
)
from tests.interview.support import raises_named

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = [
    pytest.mark.interview("core"),
    pytest.mark.spec(
        "Write these functions in driver.py of your package",
        "system is whatever new_system returns, and the tests only pass it back.",
        "Users and groups are named by their names, and paths are absolute, like /srv/notes.",
    ),
]

OPERATIONS = (
    "mkdir(system, user, path, mode: str) -> str, create(system, user, path, mode: str, text: "
    'str = "") -> str, read(system, user, path) -> str and chmod(system, user, path, mode: str) '
    "-> str are the operations."
)
ACTS_AS = "Each acts as user: a process with the user's uid, primary gid and supplementary groups."
ERRNO = "When Linux would refuse the operation, it returns instead the name of the errno"
UNCHANGED = "A refused operation changes nothing."
CAN = (
    "can(system, user, path, want: str) -> bool tells whether user may have every permission "
    "that want names with the letters r, w and x, as faccessat(2) with AT_EACCESS answers."
)
DESCRIBE = (
    "describe(system, path) -> tuple[str, int, int] gives, for a path that exists, the mode as "
    "four octal digits, the owner's uid and the group's gid"
)
MAKES = "mkdir makes a directory and create a file holding text, with the octal mode"
READ = "read returns the file's text."
CHMOD = "chmod sets the mode and returns"
MODE = "A mode is a string of octal digits whose value is at most 777, like 0640 or 640."
NO_SPECIAL_BITS = (
    "This system has no special bits: a mode that would set setuid, setgid or sticky, such as "
    '"4755" or "1777", is a ValueError naming it, raised before the path is looked at.'
)

USERS = {"alice": "owner", "bob": "group (primary)", "carol": "group (supplementary)"}
USERS |= {"dave": "other"}


@pytest.mark.spec(
    "The user root (uid 0) and its group root (gid 0) exist from the start.",
    "new_system() -> object returns a machine holding only the user root, the group root and "
    "the directory /.",
)
def test_a_new_system_holds_root_its_group_and_the_root_directory() -> None:
    system = new_system()

    add_user(system, "erin", 2001, "root")
    outcome = create(system, "root", "/notes", "0644")

    assert outcome == "OK"
    assert describe(system, "/notes") == ("0644", 0, 0)
    assert read(system, "erin", "/notes") == ""
    with raises_named("ValueError", naming="alice"):
        read(system, "alice", "/notes")


@pytest.mark.spec("/ is a directory owned by root and group root, with mode 0755.")
def test_the_root_directory_belongs_to_root_with_mode_0755() -> None:
    system = new_system()

    status = describe(system, "/")

    assert status == ("0755", 0, 0)
    assert read(system, "root", "/") == "EISDIR"


@pytest.mark.spec(
    "Users and groups.",
    "A user has a name, a uid, one primary group and any number of supplementary groups; a "
    "group has a name and a gid.",
    "add_group(system, name: str, gid: int) -> None adds a group.",
    "adds a user whose primary group is group and whose supplementary groups are groups.",
    ACTS_AS,
)
def test_a_user_creates_as_their_primary_group_and_reads_through_a_supplementary_one() -> None:
    system = office()
    add_group(system, "ops", 600)
    add_user(system, "erin", 2001, "ops", groups=("carol", "staff"))
    file(system, "alice", "/srv/staff-only", "0040", "for staff")

    made = create(system, "erin", "/srv/plan", "0640", "plan")

    assert made == "OK"
    assert describe(system, "/srv/plan") == ("0640", 2001, 600)
    assert read(system, "erin", "/srv/staff-only") == "for staff"
    assert read(system, "dave", "/srv/staff-only") == "EACCES"


@pytest.mark.spec(
    "User names and uids are unique, and so are group names and gids.",
    "A group name or gid that is taken or malformed is a ValueError naming it.",
    "A user name or uid that is taken or malformed, or a group that does not exist, is a "
    "ValueError naming it.",
)
@pytest.mark.parametrize(
    ("register", "named"),
    [
        (lambda system: add_user(system, "alice", 2001, "staff"), "alice"),
        (lambda system: add_user(system, "erin", ALICE, "staff"), "1001"),
        (lambda system: add_user(system, "root", 2001, "staff"), "root"),
        (lambda system: add_user(system, "erin", 0, "staff"), None),
        (lambda system: add_group(system, "staff", 600), "staff"),
        (lambda system: add_group(system, "ops", STAFF), "500"),
        (lambda system: add_group(system, "root", 600), "root"),
        (lambda system: add_group(system, "ops", 0), None),
        (lambda system: add_user(system, "erin", 2001, "nope"), "nope"),
        (lambda system: add_user(system, "erin", 2001, "staff", groups=("nope",)), "nope"),
    ],
    ids=[
        "a taken user name",
        "a taken uid",
        "root's name",
        "root's uid",
        "a taken group name",
        "a taken gid",
        "root's group name",
        "root's gid",
        "an unknown primary group",
        "an unknown supplementary group",
    ],
)
def test_a_taken_name_or_id_or_an_unknown_group_is_refused(
    register: Callable[[System], None], named: str | None
) -> None:
    system = office()

    with raises_named("ValueError", naming=named):
        register(system)


@pytest.mark.spec(
    "A name is not empty and holds no :, /, space or newline, and an id is a whole number "
    "from 0 to 4294967294.",
    "A group name or gid that is taken or malformed is a ValueError naming it.",
    "A user name or uid that is taken or malformed, or a group that does not exist, is a "
    "ValueError naming it.",
)
@pytest.mark.parametrize(
    ("register", "named"),
    [
        (lambda system: add_user(system, "", 2001, "staff"), None),
        (lambda system: add_user(system, "er:in", 2001, "staff"), "er:in"),
        (lambda system: add_user(system, "er/in", 2001, "staff"), "er/in"),
        (lambda system: add_user(system, "er in", 2001, "staff"), "er in"),
        (lambda system: add_user(system, "er\nin", 2001, "staff"), None),
        (lambda system: add_user(system, "erin", -1, "staff"), "-1"),
        (lambda system: add_user(system, "erin", 2**32 - 1, "staff"), "4294967295"),
        (lambda system: add_group(system, "o:ps", 600), "o:ps"),
        (lambda system: add_group(system, "ops", -1), "-1"),
        (lambda system: add_group(system, "ops", 2**32), "4294967296"),
    ],
    ids=[
        "an empty user name",
        "a colon",
        "a slash",
        "a space",
        "a newline",
        "a negative uid",
        "the uid that means -1",
        "a colon in a group name",
        "a negative gid",
        "a gid past the range",
    ],
)
def test_a_malformed_name_or_id_is_refused(
    register: Callable[[System], None], named: str | None
) -> None:
    system = office()

    with raises_named("ValueError", naming=named):
        register(system)


@pytest.mark.spec(
    "A name is not empty and holds no :, /, space or newline, and an id is a whole number "
    "from 0 to 4294967294."
)
@pytest.mark.parametrize(
    ("name", "uid"),
    [("Xavier", 0o7777), ("svc.backup-2", 4294967294), ("a_b", 1)],
    ids=["capitals", "dots, dashes and the highest id", "an underscore and a low id"],
)
def test_any_other_name_and_every_id_in_the_range_are_accepted(name: str, uid: int) -> None:
    system = office()

    add_group(system, name, uid)
    add_user(system, name, uid, name)

    assert create(system, name, "/srv/mine", "0600") == "OK"
    assert describe(system, "/srv/mine") == ("0600", uid, uid)


@pytest.mark.spec("A refused add_user or add_group adds nothing.")
@pytest.mark.parametrize(
    "refused",
    [
        lambda system: add_user(system, "erin", 2001, "nope"),
        lambda system: add_user(system, "erin", 2001, "staff", groups=("staff", "nope")),
        lambda system: add_user(system, "erin", ALICE, "staff"),
        lambda system: add_group(system, "erin", STAFF),
    ],
    ids=[
        "an unknown primary group",
        "an unknown supplementary group",
        "a taken uid",
        "a taken gid",
    ],
)
def test_a_refused_account_adds_nothing(refused: Callable[[System], None]) -> None:
    system = office()
    with raises_named("ValueError"):
        refused(system)

    with raises_named("ValueError", naming="erin"):
        read(system, "erin", "/srv")
    add_group(system, "erin", 2001)
    add_user(system, "erin", 2001, "erin")

    assert mkdir(system, "erin", "/srv/erin", "0700") == "OK"
    assert describe(system, "/srv/erin") == ("0700", 2001, 2001)


@pytest.mark.spec("An unknown user is a ValueError naming it, for every operation and for can.")
@pytest.mark.parametrize(
    "operation",
    [
        lambda system: mkdir(system, "zed", "/srv/zed", "0755"),
        lambda system: create(system, "zed", "/srv/zed", "0644"),
        lambda system: read(system, "zed", "/srv"),
        lambda system: chmod(system, "zed", "/srv", "0755"),
        lambda system: can(system, "zed", "/srv", "r"),
    ],
    ids=["mkdir", "create", "read", "chmod", "can"],
)
def test_an_unknown_user_is_refused(operation: Callable[[System], object]) -> None:
    system = office()

    with raises_named("ValueError", naming="zed"):
        operation(system)

    assert read(system, "root", "/srv/zed") == "ENOENT"
    assert describe(system, "/srv") == ("0777", 0, 0)


@pytest.mark.spec(
    "Files and directories.",
    "Every file and directory has an owner (a uid), a group (a gid) and nine permission bits: "
    "read, write and execute for the owner, the group and others.",
    DESCRIBE,
)
def test_every_node_has_an_owner_a_group_and_permission_bits() -> None:
    system = office()

    directory(system, "carol", "/srv/box", "0751")
    file(system, "bob", "/srv/list", "0604")

    assert describe(system, "/srv/box") == ("0751", CAROL, CAROLS)
    assert describe(system, "/srv/list") == ("0604", BOB, STAFF)


def _one_class_cases() -> list[tuple[str, str, str, bool]]:
    """Each of the nine bits alone, asked for by a user of each class: only its class has it."""
    classes = ("owner", "group", "other")
    cases = []
    for (shift, holder), (bit, letter) in itertools.product(
        zip((6, 3, 0), classes, strict=True), ((4, "r"), (2, "w"), (1, "x"))
    ):
        for user, role in USERS.items():
            granted = role.startswith(holder)
            cases.append((f"{bit << shift:04o}", user, letter, granted))
    return cases


@pytest.mark.spec(
    "A caller whose uid owns the node is in the owner class; otherwise a caller whose primary "
    "or supplementary group is the node's group is in the group class; everyone else is in the "
    "other class.",
    ACTS_AS,
    CAN,
)
@pytest.mark.parametrize(
    ("mode", "user", "want", "granted"),
    _one_class_cases(),
    ids=[
        f"{mode} {want} for the {USERS[user]} {'granted' if granted else 'denied'}"
        for mode, user, want, granted in _one_class_cases()
    ],
)
def test_each_bit_counts_for_its_own_class_only(
    mode: str, user: str, want: str, *, granted: bool
) -> None:
    system = office()
    file(system, "alice", "/srv/notes", mode)

    answer = can(system, user, "/srv/notes", want)

    assert answer is granted


@pytest.mark.spec(
    "One class decides.",
    "Only the bits of that one class count: an owner whose owner bits deny is denied even when "
    "the group or other bits would allow.",
    "Reading a file needs read permission on it.",
    READ,
    ERRNO,
)
@pytest.mark.parametrize(
    ("mode", "user", "outcome"),
    [
        ("0077", "alice", "EACCES"),
        ("0707", "bob", "EACCES"),
        ("0707", "carol", "EACCES"),
        ("0707", "dave", "minutes"),
        ("0470", "alice", "minutes"),
        ("0470", "bob", "minutes"),
        ("0470", "carol", "minutes"),
        ("0470", "dave", "EACCES"),
        ("0337", "alice", "EACCES"),
        ("0737", "carol", "EACCES"),
    ],
    ids=[
        "the owner denied though group and others may",
        "a primary group member denied though others may",
        "a supplementary group member denied though others may",
        "the others allowed",
        "the owner allowed",
        "a primary group member allowed",
        "a supplementary group member allowed",
        "the others denied",
        "the owner with every bit but read",
        "a group member with every bit but read",
    ],
)
def test_only_the_class_that_applies_counts_when_reading(
    mode: str, user: str, outcome: str
) -> None:
    system = office()
    file(system, "alice", "/srv/notes", mode, "minutes")

    answer = read(system, user, "/srv/notes")

    assert answer == outcome


@pytest.mark.spec(
    "Root.",
    "Root may read and write every file, and read, write and search every directory, whatever "
    "the bits.",
)
def test_root_reads_writes_and_searches_whatever_the_bits() -> None:
    system = office()
    directory(system, "alice", "/srv/vault", "0700")
    file(system, "alice", "/srv/vault/secret", "0000", "the code")
    assert chmod(system, "alice", "/srv/vault", "0000") == "OK"

    text = read(system, "root", "/srv/vault/secret")

    assert text == "the code"
    assert can(system, "root", "/srv/vault/secret", "rw") is True
    assert can(system, "root", "/srv/vault", "rwx") is True
    assert create(system, "root", "/srv/vault/more", "0600") == "OK"
    assert mkdir(system, "root", "/srv/vault/sub", "0700") == "OK"
    assert can(system, "alice", "/srv/vault/secret", "r") is False


@pytest.mark.spec(
    "Root executes a file only if at least one of its three execute bits is set.", CAN
)
@pytest.mark.parametrize(
    ("mode", "runs"),
    [
        ("0000", False),
        ("0666", False),
        ("0100", True),
        ("0010", True),
        ("0001", True),
        ("0777", True),
    ],
    ids=["no bits", "every bit but execute", "owner x", "group x", "other x", "every bit"],
)
def test_root_executes_a_file_only_if_some_execute_bit_is_set(mode: str, *, runs: bool) -> None:
    system = office()
    file(system, "alice", "/srv/tool", mode)

    answer = can(system, "root", "/srv/tool", "x")

    assert answer is runs
    assert can(system, "root", "/srv/tool", "rwx") is runs


@pytest.mark.spec(
    "Search along the path.",
    "Every directory a path passes through, including the one that holds the last name, needs "
    "execute (search) permission.",
)
@pytest.mark.parametrize(
    "closed",
    ["/", "/srv/a", "/srv/a/b"],
    ids=["the root directory", "a directory on the way", "the directory holding the file"],
)
def test_every_directory_on_the_way_needs_search_permission(closed: str) -> None:
    system = office()
    directory(system, "alice", "/srv/a", "0777")
    directory(system, "alice", "/srv/a/b", "0777")
    file(system, "alice", "/srv/a/b/notes", "0666", "minutes")
    owner = "root" if closed == "/" else "alice"
    assert chmod(system, owner, closed, "0776") == "OK"

    outcomes = (
        read(system, "dave", "/srv/a/b/notes"),
        create(system, "dave", "/srv/a/b/new", "0644"),
        chmod(system, "dave", "/srv/a/b/notes", "0644"),
    )

    assert outcomes == ("EACCES", "EACCES", "EACCES")
    assert can(system, "dave", "/srv/a/b/notes", "r") is False
    assert read(system, owner, "/srv/a/b/notes") == "minutes"


@pytest.mark.spec(
    "Every directory a path passes through, including the one that holds the last name, needs "
    "execute (search) permission."
)
def test_search_needs_execute_and_not_read() -> None:
    system = office()
    directory(system, "alice", "/srv/a", "0711")
    file(system, "alice", "/srv/a/notes", "0644", "minutes")

    text = read(system, "dave", "/srv/a/notes")

    assert text == "minutes"
    assert chmod(system, "alice", "/srv/a", "0766") == "OK"
    assert read(system, "dave", "/srv/a/notes") == "EACCES"


@pytest.mark.spec(
    "The walk checks each directory before it looks inside, so a directory without search "
    "permission refuses with EACCES even when the name after it does not exist."
)
@pytest.mark.parametrize(
    "path",
    ["/srv/a/missing", "/srv/a/missing/deeper", "/srv/a/notes/inside"],
    ids=["a missing name", "a missing directory", "a file on the way"],
)
def test_a_directory_without_search_refuses_before_anything_inside_it(path: str) -> None:
    system = office()
    directory(system, "alice", "/srv/a", "0700")
    file(system, "alice", "/srv/a/notes", "0644")

    outcomes = (read(system, "dave", path), create(system, "dave", path, "0644"))

    assert outcomes == ("EACCES", "EACCES")
    assert mkdir(system, "dave", path, "0755") == "EACCES"
    assert chmod(system, "dave", path, "0644") == "EACCES"


@pytest.mark.spec(
    "A name that does not exist is ENOENT, and a file where the path needs a directory is ENOTDIR.",
    OPERATIONS,
    ERRNO,
)
@pytest.mark.parametrize(
    ("path", "outcome"),
    [
        ("/srv/missing", "ENOENT"),
        ("/srv/missing/notes", "ENOENT"),
        ("/srv/notes/inside", "ENOTDIR"),
        ("/srv/notes/inside/deeper", "ENOTDIR"),
    ],
    ids=["a missing name", "a missing directory", "a file as the parent", "a file on the way"],
)
def test_a_missing_name_is_enoent_and_a_file_on_the_way_is_enotdir(path: str, outcome: str) -> None:
    system = office()
    file(system, "alice", "/srv/notes", "0777")

    outcomes = {
        "read": read(system, "alice", path),
        "chmod": chmod(system, "alice", path, "0644"),
        "create under it": create(system, "alice", f"{path}/new", "0644"),
        "mkdir under it": mkdir(system, "alice", f"{path}/new", "0755"),
    }

    assert outcomes == dict.fromkeys(outcomes, outcome)
    assert can(system, "alice", path, "r") is False


@pytest.mark.spec(
    "Creating.",
    "Creating a file or a directory needs write and search permission on the directory that "
    "will hold it.",
    MAKES,
)
@pytest.mark.parametrize(
    ("user", "mode", "outcome"),
    [
        ("dave", "0773", "OK"),
        ("dave", "0775", "EACCES"),
        ("dave", "0776", "EACCES"),
        ("dave", "0771", "EACCES"),
        ("dave", "0772", "EACCES"),
        ("carol", "0737", "OK"),
        ("carol", "0757", "EACCES"),
        ("alice", "0300", "OK"),
        ("alice", "0500", "EACCES"),
        ("alice", "0677", "EACCES"),
    ],
    ids=[
        "others with write and search",
        "others with read and search",
        "others with read and write",
        "others with search only",
        "others with write only",
        "the group with write and search",
        "the group with read and search",
        "the owner with write and search",
        "the owner with read and search",
        "the owner with read and write",
    ],
)
def test_creating_needs_write_and_search_on_the_directory(
    user: str, mode: str, outcome: str
) -> None:
    system = office()
    directory(system, "alice", "/srv/box", "0777")
    assert chmod(system, "alice", "/srv/box", mode) == "OK"

    outcomes = (
        create(system, user, "/srv/box/file", "0644"),
        mkdir(system, user, "/srv/box/dir", "0755"),
    )

    assert outcomes == (outcome, outcome)


@pytest.mark.spec(
    "The new node belongs to the creator's uid and primary group, with exactly the mode asked: "
    "this system has no umask.",
    MAKES,
    'and each returns "OK"',
    DESCRIBE,
)
@pytest.mark.parametrize(
    ("user", "owner", "group"),
    [("alice", ALICE, STAFF), ("carol", CAROL, CAROLS), ("dave", DAVE, DAVES)],
    ids=["alice, primary group staff", "carol, primary group carol", "dave"],
)
@pytest.mark.parametrize(
    ("mode", "shown"),
    [("0777", "0777"), ("0666", "0666"), ("0000", "0000"), ("0751", "0751"), ("640", "0640")],
    ids=["0777", "0666", "0000", "0751", "three digits"],
)
def test_a_new_node_belongs_to_its_creator_with_exactly_the_mode_asked(
    user: str, owner: int, group: int, mode: str, shown: str
) -> None:
    system = office()

    made = (
        create(system, user, "/srv/file", mode),
        mkdir(system, user, "/srv/dir", mode),
    )

    assert made == ("OK", "OK")
    assert describe(system, "/srv/file") == (shown, owner, group)
    assert describe(system, "/srv/dir") == (shown, owner, group)


@pytest.mark.spec(
    "A name that exists already is EEXIST, reported before a missing write permission on the "
    "directory (the search of the walk still comes first).",
    UNCHANGED,
)
@pytest.mark.parametrize(
    ("box", "outcome"),
    [("0777", "EEXIST"), ("0755", "EEXIST"), ("0776", "EACCES")],
    ids=["in a writable directory", "without write on it", "without search on it"],
)
def test_an_existing_name_is_eexist_after_the_walk_and_before_write(box: str, outcome: str) -> None:
    system = office()
    directory(system, "alice", "/srv/box", "0777")
    file(system, "alice", "/srv/box/file", "0640", "original")
    directory(system, "alice", "/srv/box/dir", "0750")
    assert chmod(system, "alice", "/srv/box", box) == "OK"

    outcomes = {
        (make.__name__, name): make(system, "dave", f"/srv/box/{name}", "0666")
        for make in (create, mkdir)
        for name in ("file", "dir")
    }

    assert outcomes == dict.fromkeys(outcomes, outcome)
    assert describe(system, "/srv/box/file") == ("0640", ALICE, STAFF)
    assert describe(system, "/srv/box/dir") == ("0750", ALICE, STAFF)
    assert read(system, "alice", "/srv/box/file") == "original"


@pytest.mark.spec(UNCHANGED)
def test_a_refused_creation_leaves_no_node_behind() -> None:
    system = office()
    directory(system, "alice", "/srv/box", "0755")

    outcomes = (
        create(system, "dave", "/srv/box/file", "0644", "text"),
        mkdir(system, "dave", "/srv/box/dir", "0755"),
    )

    assert outcomes == ("EACCES", "EACCES")
    assert read(system, "root", "/srv/box/file") == "ENOENT"
    assert read(system, "root", "/srv/box/dir") == "ENOENT"


@pytest.mark.spec(
    "The text is stored whatever the mode, as the descriptor open(2) returns to the creator is "
    "writable.",
    READ,
)
@pytest.mark.parametrize(
    ("mode", "owner_reads"),
    [("0000", "EACCES"), ("0444", "minutes"), ("0644", "minutes")],
    ids=["no bits", "read only", "read and write"],
)
def test_the_text_is_stored_whatever_the_mode(mode: str, owner_reads: str) -> None:
    system = office()

    file(system, "alice", "/srv/notes", mode, "minutes")

    assert read(system, "root", "/srv/notes") == "minutes"
    assert read(system, "alice", "/srv/notes") == owner_reads
    assert describe(system, "/srv/notes") == (mode, ALICE, STAFF)


@pytest.mark.spec(READ)
def test_a_file_made_without_text_reads_as_empty() -> None:
    system = office()
    file(system, "alice", "/srv/empty", "0644")

    text = read(system, "dave", "/srv/empty")

    assert text == ""


@pytest.mark.spec(
    "Reading.",
    "Reading a directory is EISDIR once read permission on it is granted, and EACCES before.",
)
@pytest.mark.parametrize(
    ("user", "mode", "outcome"),
    [
        ("dave", "0755", "EISDIR"),
        ("dave", "0744", "EISDIR"),
        ("dave", "0711", "EACCES"),
        ("alice", "0300", "EACCES"),
        ("root", "0000", "EISDIR"),
    ],
    ids=[
        "readable and searchable",
        "readable, not searchable",
        "searchable, not readable",
        "the owner without read",
        "root without any bit",
    ],
)
def test_reading_a_directory_is_eisdir_once_read_is_granted(
    user: str, mode: str, outcome: str
) -> None:
    system = office()
    directory(system, "alice", "/srv/box", mode)

    answer = read(system, user, "/srv/box")

    assert answer == outcome


@pytest.mark.spec(
    "Changing the mode.",
    "Only the owner or root may change a node's mode",
    CHMOD,
    "The new mode is octal, like 0640 or 640.",
    MODE,
)
@pytest.mark.parametrize(
    ("user", "mode", "shown"),
    [
        ("alice", "0600", "0600"),
        ("alice", "640", "0640"),
        ("alice", "7", "0007"),
        ("alice", "0", "0000"),
        ("root", "0751", "0751"),
        ("root", "00644", "0644"),
    ],
    ids=[
        "the owner, four digits",
        "the owner, three digits",
        "the owner, one digit",
        "the owner, zero",
        "root",
        "root, five digits",
    ],
)
def test_the_owner_or_root_changes_the_mode(user: str, mode: str, shown: str) -> None:
    system = office()
    file(system, "alice", "/srv/notes", "0644")
    directory(system, "alice", "/srv/box", "0755")

    outcomes = (chmod(system, user, "/srv/notes", mode), chmod(system, user, "/srv/box", mode))

    assert outcomes == ("OK", "OK")
    assert describe(system, "/srv/notes") == (shown, ALICE, STAFF)
    assert describe(system, "/srv/box") == (shown, ALICE, STAFF)


@pytest.mark.spec(
    "anyone else gets EPERM, even with every permission bit granted.",
    ERRNO,
    UNCHANGED,
)
@pytest.mark.parametrize("user", ["bob", "carol", "dave"], ids=USERS.get)
def test_anyone_else_gets_eperm_even_with_every_bit_granted(user: str) -> None:
    system = office()
    file(system, "alice", "/srv/notes", "0777")
    directory(system, "alice", "/srv/box", "0777")

    outcomes = (chmod(system, user, "/srv/notes", "0700"), chmod(system, user, "/srv/box", "0700"))

    assert outcomes == ("EPERM", "EPERM")
    assert describe(system, "/srv/notes") == ("0777", ALICE, STAFF)
    assert describe(system, "/srv/box") == ("0777", ALICE, STAFF)


@pytest.mark.spec("Nothing is needed on the node itself, only search permission on the way to it.")
def test_the_owner_needs_nothing_on_the_node_but_search_on_the_way() -> None:
    system = office()
    directory(system, "alice", "/srv/box", "0700")
    file(system, "alice", "/srv/box/notes", "0000")

    unlocked = chmod(system, "alice", "/srv/box/notes", "0600")

    assert unlocked == "OK"
    assert chmod(system, "alice", "/srv/box", "0600") == "OK"
    assert chmod(system, "alice", "/srv/box/notes", "0644") == "EACCES"
    assert chmod(system, "dave", "/srv/box/notes", "0644") == "EACCES"
    assert describe(system, "/srv/box/notes") == ("0600", ALICE, STAFF)


@pytest.mark.spec(MODE)
@pytest.mark.parametrize("mode", ["777", "00777", "0"], ids=["777", "five digits", "zero"])
def test_every_octal_mode_up_to_777_is_accepted(mode: str) -> None:
    system = office()
    file(system, "alice", "/srv/notes", "0644")

    outcomes = (
        create(system, "alice", "/srv/new", mode),
        mkdir(system, "alice", "/srv/dir", mode),
        chmod(system, "alice", "/srv/notes", mode),
    )

    assert outcomes == ("OK", "OK", "OK")


MALFORMED = pytest.mark.spec(
    MODE,
    'A malformed mode, such as "", "8", "0o640", "10000" or "rw-r-----", is a ValueError '
    "naming it, raised before the path is looked at.",
)
SPECIAL_BIT = pytest.mark.spec(NO_SPECIAL_BITS)


@pytest.mark.spec(UNCHANGED)
@pytest.mark.parametrize(
    "mode",
    [
        pytest.param("", id="empty", marks=MALFORMED),
        pytest.param("8", id="not an octal digit", marks=MALFORMED),
        pytest.param("0o640", id="a Python prefix", marks=MALFORMED),
        pytest.param("10000", id="above 7777", marks=MALFORMED),
        pytest.param("rw-r-----", id="letters", marks=MALFORMED),
        pytest.param(" 644", id="a leading space", marks=MALFORMED),
        pytest.param("64 4", id="a space inside", marks=MALFORMED),
        pytest.param("4755", id="setuid", marks=SPECIAL_BIT),
        pytest.param("2755", id="setgid", marks=SPECIAL_BIT),
        pytest.param("1777", id="sticky", marks=SPECIAL_BIT),
        pytest.param("7777", id="all three special bits", marks=SPECIAL_BIT),
        pytest.param("01000", id="sticky after a zero", marks=SPECIAL_BIT),
        pytest.param("00004000", id="setuid after zeros", marks=SPECIAL_BIT),
    ],
)
@pytest.mark.parametrize(
    ("operation", "path"),
    [
        (mkdir, "/srv/missing/new"),
        (create, "/srv/missing/new"),
        (chmod, "/srv/missing"),
        (mkdir, "/srv/new"),
        (create, "/srv/new"),
        (chmod, "/srv/notes"),
    ],
    ids=[
        "mkdir under a missing directory",
        "create under a missing directory",
        "chmod of a missing file",
        "mkdir",
        "create",
        "chmod",
    ],
)
def test_a_malformed_or_special_mode_is_refused_before_the_path_is_looked_at(
    operation: Callable[[System, str, str, str], str], path: str, mode: str
) -> None:
    system = office()
    file(system, "alice", "/srv/notes", "0640")

    with raises_named("ValueError", naming=mode):
        operation(system, "alice", path, mode)

    assert describe(system, "/srv/notes") == ("0640", ALICE, STAFF)
    assert read(system, "root", "/srv/new") == "ENOENT"


@pytest.mark.spec(CAN, "Asking without doing.")
@pytest.mark.parametrize(
    ("user", "want", "answer"),
    [
        ("alice", "rw", True),
        ("alice", "wr", True),
        ("alice", "rwx", False),
        ("bob", "r", True),
        ("bob", "rw", False),
        ("bob", "w", False),
        ("dave", "x", True),
        ("dave", "rx", False),
    ],
    ids=[
        "the owner, read and write",
        "letters in any order",
        "one letter denied",
        "the group, read",
        "the group, read and write",
        "the group, write",
        "others, execute",
        "others, read and execute",
    ],
)
def test_can_grants_only_when_every_letter_is_granted(
    user: str, want: str, *, answer: bool
) -> None:
    system = office()
    file(system, "alice", "/srv/notes", "0641")

    granted = can(system, user, "/srv/notes", want)

    assert granted is answer


@pytest.mark.spec(
    "The system also answers whether a user may read, write or execute a path, without doing "
    "anything; a path the user cannot reach gets the answer no.",
    "A path the user cannot reach, because a name is missing or a directory on the way denies "
    "search, is False.",
)
@pytest.mark.parametrize(
    ("user", "path"),
    [
        ("dave", "/srv/missing"),
        ("root", "/srv/missing"),
        ("dave", "/srv/closed/notes"),
        ("dave", "/srv/open/notes/inside"),
    ],
    ids=["a missing name", "a missing name, for root", "no search on the way", "a file on the way"],
)
def test_can_is_false_for_a_path_the_user_cannot_reach(user: str, path: str) -> None:
    system = office()
    for box, mode in (("closed", "0770"), ("open", "0777")):
        directory(system, "alice", f"/srv/{box}", "0777")
        file(system, "alice", f"/srv/{box}/notes", "0777", "minutes")
        assert chmod(system, "alice", f"/srv/{box}", mode) == "OK"

    answer = can(system, user, path, "r")

    assert answer is False
    assert can(system, "dave", "/srv/open/notes", "rwx") is True
    assert describe(system, "/srv/open/notes") == ("0777", ALICE, STAFF)
    assert read(system, "alice", "/srv/closed/notes") == "minutes"


@pytest.mark.spec(
    "Any other character in want is a ValueError naming want, even for a path that does not exist."
)
@pytest.mark.parametrize("want", ["q", "rwz", "R", "r w", "rw+"])
@pytest.mark.parametrize("path", ["/srv/notes", "/srv/missing"], ids=["a file", "a missing path"])
def test_can_refuses_letters_other_than_r_w_and_x(want: str, path: str) -> None:
    system = office()
    file(system, "alice", "/srv/notes", "0777")

    with raises_named("ValueError", naming=want):
        can(system, "alice", path, want)


@pytest.mark.spec(DESCRIBE, "as the administrator sees them, without any permission check.")
def test_describe_needs_no_permission() -> None:
    system = office()
    directory(system, "alice", "/srv/vault", "0700")
    file(system, "alice", "/srv/vault/secret", "0007")
    assert chmod(system, "alice", "/srv/vault", "0000") == "OK"
    assert chmod(system, "root", "/", "0700") == "OK"

    status = describe(system, "/srv/vault/secret")

    assert status == ("0007", ALICE, STAFF)
    assert describe(system, "/srv/vault") == ("0000", ALICE, STAFF)
    assert describe(system, "/") == ("0700", 0, 0)
