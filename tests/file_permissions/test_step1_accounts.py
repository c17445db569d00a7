import pytest
from file_permissions import FileSystem, Group, User

pytestmark = [
    pytest.mark.step(1),
    pytest.mark.spec(
        "A machine has users and groups, and a user logs in to get a session: the credentials "
        "a process acts with."
    ),
]

UNIQUE = "Names and ids are unique, among users and among groups"
MALFORMED = "names are non-empty, without :, /, spaces or newlines"
ID_RANGE = "ids are 0 .. 2**32 - 2 (2**32 - 1 is the -1 of chown(2))"
PERSONAL = "None creates a group named after the user whose gid equals the uid"
NO_UID = "without a uid, take the first id from 1000 that is free as a uid"
REFUSED = "A refused add_user adds nothing: no user, no personal group."
NAMES_IN_ERRORS = "whose message names the offending value"


@pytest.mark.spec("FileSystem() starts with the user root (uid 0, primary group root, gid 0).")
def test_a_new_machine_has_the_root_user_and_group() -> None:
    fs = FileSystem()

    root = fs.login("root")

    assert (root.uid, root.gid) == (0, 0)
    assert 0 in root.groups


@pytest.mark.spec("add_group(name, gid=None) returns Group(name, gid)")
def test_a_group_keeps_the_name_and_gid_it_was_given() -> None:
    fs = FileSystem()

    group = fs.add_group("staff", gid=500)

    assert group == Group("staff", 500)


@pytest.mark.spec("without a gid, take the first gid from 1000 that is free.")
def test_groups_without_a_gid_take_the_first_free_one_from_1000() -> None:
    fs = FileSystem()
    fs.add_group("low", gid=999)
    fs.add_group("first", gid=1000)
    fs.add_group("third", gid=1002)

    second, fourth = fs.add_group("second"), fs.add_group("fourth")

    assert (second.gid, fourth.gid) == (1001, 1003)


@pytest.mark.spec(
    "Package file_permissions exports FileSystem, Session, Stat, User, Group, Denial, "
    "PosixPolicy, AclPolicy and apply_mode, with the signatures below",
    "add_user(name, uid=None, group=None, groups=()) returns User(name, uid, gid, groups), "
    "where gid is the primary group's id and groups the frozenset of the supplementary "
    "groups' ids:",
    "groups names supplementary groups;",
)
def test_a_user_holds_the_primary_gid_and_only_the_supplementary_gids() -> None:
    fs = FileSystem()
    fs.add_group("staff", gid=500)
    fs.add_group("audio", gid=501)

    user = fs.add_user("alice", uid=1001, group="staff", groups=["audio"])

    assert user == User("alice", 1001, 500, frozenset({501}))


@pytest.mark.spec(PERSONAL, "(Debian's useradd does this)")
def test_a_user_without_a_group_gets_a_personal_group_with_gid_equal_to_uid() -> None:
    fs = FileSystem()

    user = fs.add_user("alice", uid=1234)
    again = fs.add_group("alices-friends")

    assert (user.name, user.uid, user.gid) == ("alice", 1234, 1234)
    assert fs.login("alice").gid == 1234
    assert again.gid == 1000
    with pytest.raises(ValueError, match="alice"):
        fs.add_group("alice")


@pytest.mark.spec(NO_UID, "(and, when a personal group is to be created, also free as a gid)")
def test_users_without_a_uid_take_the_first_id_free_as_uid_and_as_gid() -> None:
    fs = FileSystem()
    fs.add_group("taken", gid=1000)
    fs.add_user("first", uid=1001, group="taken")

    user = fs.add_user("alice")

    assert (user.uid, user.gid) == (1002, 1002)


@pytest.mark.spec(NO_UID, "group names the primary group;")
def test_a_user_with_a_named_primary_group_takes_a_uid_a_group_already_has_as_gid() -> None:
    fs = FileSystem()
    fs.add_group("staff", gid=1000)

    user = fs.add_user("alice", group="staff")

    assert (user.uid, user.gid) == (1000, 1000)


@pytest.mark.spec(
    "login(name, umask=0o022): a session in /, with the user's uid and primary gid.",
    "sh.groups holds the supplementary groups and the primary group, as login sets them with "
    "initgroups(3).",
)
def test_a_session_carries_the_primary_and_the_supplementary_groups() -> None:
    fs = FileSystem()
    fs.add_group("staff", gid=500)
    fs.add_group("audio", gid=501)
    fs.add_group("video", gid=502)
    fs.add_user("alice", uid=1001, group="staff", groups=["audio", "video"])

    session = fs.login("alice")

    assert (session.uid, session.gid) == (1001, 500)
    assert set(session.groups) == {500, 501, 502}


@pytest.mark.spec("login(name, umask=0o022): a session in /", "The umask is 0o000 .. 0o777.")
def test_a_session_starts_in_the_root_directory_with_the_umask_it_was_given() -> None:
    fs = FileSystem()
    fs.add_user("alice")

    default, strict, open_ = (
        fs.login("alice"),
        fs.login("alice", umask=0o077),
        fs.login("alice", umask=0o777),
    )

    assert (default.cwd, default.umask) == ("/", 0o022)
    assert (strict.cwd, strict.umask) == ("/", 0o077)
    assert open_.umask == 0o777


@pytest.mark.spec(
    "The umask is 0o000 .. 0o777.",
    "for a malformed name, mode or umask the message also says which, with the word name, mode "
    "or umask.",
)
@pytest.mark.parametrize("umask", [-1, 0o1000, 0o7777], ids=["-1", "0o1000", "0o7777"])
def test_a_umask_outside_0_to_0o777_is_refused(umask: int) -> None:
    fs = FileSystem()

    with pytest.raises(ValueError, match="umask"):
        fs.login("root", umask=umask)


@pytest.mark.spec(
    "Unknown users or groups, malformed names, ids, modes and umasks raise ValueError"
)
def test_an_unknown_user_cannot_log_in() -> None:
    fs = FileSystem()

    with pytest.raises(ValueError, match="mallory"):
        fs.login("mallory")


@pytest.mark.spec(UNIQUE, NAMES_IN_ERRORS)
@pytest.mark.parametrize(
    ("first", "second", "culprit"),
    [
        (("alice", 1001), ("alice", 1002), "alice"),
        (("alice", 1001), ("bob", 1001), "1001"),
    ],
    ids=["same name", "same uid"],
)
def test_user_names_and_uids_are_unique(
    first: tuple[str, int], second: tuple[str, int], culprit: str
) -> None:
    fs = FileSystem()
    fs.add_user(first[0], uid=first[1])

    with pytest.raises(ValueError, match=culprit):
        fs.add_user(second[0], uid=second[1])


@pytest.mark.spec(UNIQUE, NAMES_IN_ERRORS)
@pytest.mark.parametrize(
    ("first", "second", "culprit"),
    [(("staff", 500), ("staff", 501), "staff"), (("staff", 500), ("audio", 500), "500")],
    ids=["same name", "same gid"],
)
def test_group_names_and_gids_are_unique(
    first: tuple[str, int], second: tuple[str, int], culprit: str
) -> None:
    fs = FileSystem()
    fs.add_group(*first)

    with pytest.raises(ValueError, match=culprit):
        fs.add_group(*second)


@pytest.mark.spec(UNIQUE)
def test_a_user_and_a_group_may_share_a_name() -> None:
    fs = FileSystem()
    fs.add_group("staff", gid=500)

    user = fs.add_user("staff", uid=1001, group="staff")

    assert (user.name, user.gid) == ("staff", 500)


@pytest.mark.spec("A personal group whose name or gid is taken refuses the add_user.", REFUSED)
@pytest.mark.parametrize(
    ("taken", "culprit"),
    [(("alice", 700), "alice"), (("staff", 1001), "1001")],
    ids=["name", "gid"],
)
def test_a_personal_group_cannot_take_a_name_or_gid_already_used(
    taken: tuple[str, int], culprit: str
) -> None:
    fs = FileSystem()
    fs.add_group(*taken)

    with pytest.raises(ValueError, match=culprit):
        fs.add_user("alice", uid=1001)

    with pytest.raises(ValueError, match="alice"):
        fs.login("alice")


@pytest.mark.spec(REFUSED, NAMES_IN_ERRORS)
@pytest.mark.parametrize(
    ("group", "groups"),
    [("wheel", ()), (None, ("staff", "wheel"))],
    ids=["unknown primary group", "unknown supplementary group"],
)
def test_an_unknown_group_is_refused_and_nothing_is_added(
    group: str | None, groups: tuple[str, ...]
) -> None:
    fs = FileSystem()
    fs.add_group("staff")

    with pytest.raises(ValueError, match="wheel"):
        fs.add_user("alice", uid=1001, group=group, groups=groups)

    with pytest.raises(ValueError, match="alice"):
        fs.login("alice")
    assert fs.add_group("alice", gid=1001) == Group("alice", 1001)


@pytest.mark.spec(MALFORMED, "with the word name")
@pytest.mark.parametrize(
    "name",
    ["", "a:b", "a/b", "two words", "two\nlines"],
    ids=["empty", "colon", "slash", "space", "newline"],
)
def test_a_malformed_name_is_refused(name: str) -> None:
    fs = FileSystem()

    with pytest.raises(ValueError, match="name"):
        fs.add_group(name)
    with pytest.raises(ValueError, match="name"):
        fs.add_user(name)


@pytest.mark.spec(MALFORMED)
def test_a_name_may_hold_letters_digits_dots_dashes_and_underscores() -> None:
    fs = FileSystem()

    group = fs.add_group("Xavier.O-k_9")

    assert group.name == "Xavier.O-k_9"


@pytest.mark.spec(ID_RANGE, NAMES_IN_ERRORS)
@pytest.mark.parametrize("uid", [-1, 2**32 - 1], ids=["-1", "2**32 - 1"])
def test_an_id_outside_the_kernel_range_is_refused(uid: int) -> None:
    fs = FileSystem()

    with pytest.raises(ValueError, match=str(uid)):
        fs.add_user("alice", uid=uid)
    with pytest.raises(ValueError, match=str(uid)):
        fs.add_group("staff", gid=uid)


@pytest.mark.spec(ID_RANGE)
def test_the_highest_id_is_2_to_the_32_minus_2() -> None:
    fs = FileSystem()

    user = fs.add_user("alice", uid=2**32 - 2)

    assert (user.uid, user.gid) == (2**32 - 2, 2**32 - 2)
