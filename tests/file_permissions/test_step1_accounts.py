import pytest
from file_permissions import FileSystem

pytestmark = pytest.mark.step(1)


def test_a_new_machine_has_the_root_user_and_group() -> None:
    fs = FileSystem()

    root = fs.login("root")

    assert (root.uid, root.gid) == (0, 0)
    assert 0 in root.groups


def test_a_group_keeps_the_name_and_gid_it_was_given() -> None:
    fs = FileSystem()

    group = fs.add_group("staff", gid=500)

    assert (group.name, group.gid) == ("staff", 500)


def test_groups_without_a_gid_take_the_first_free_one_from_1000() -> None:
    fs = FileSystem()
    fs.add_group("first", gid=1000)

    second = fs.add_group("second")

    assert second.gid == 1001


def test_a_user_without_a_group_gets_a_personal_group_with_gid_equal_to_uid() -> None:
    fs = FileSystem()

    user = fs.add_user("alice", uid=1234)
    again = fs.add_group("alices-friends")

    assert (user.name, user.uid, user.gid) == ("alice", 1234, 1234)
    assert fs.login("alice").gid == 1234
    assert again.gid == 1000


def test_users_without_a_uid_take_the_first_id_free_as_uid_and_as_gid() -> None:
    fs = FileSystem()
    fs.add_group("taken", gid=1000)

    user = fs.add_user("alice")

    assert (user.uid, user.gid) == (1001, 1001)


def test_a_session_carries_the_primary_and_the_supplementary_groups() -> None:
    fs = FileSystem()
    fs.add_group("staff", gid=500)
    fs.add_group("audio", gid=501)
    fs.add_group("video", gid=502)
    fs.add_user("alice", uid=1001, group="staff", groups=["audio", "video"])

    session = fs.login("alice")

    assert (session.uid, session.gid) == (1001, 500)
    assert set(session.groups) == {500, 501, 502}


def test_a_session_starts_in_the_root_directory_with_the_umask_it_was_given() -> None:
    fs = FileSystem()
    fs.add_user("alice")

    default, strict = fs.login("alice"), fs.login("alice", umask=0o077)

    assert (default.cwd, default.umask) == ("/", 0o022)
    assert (strict.cwd, strict.umask) == ("/", 0o077)


@pytest.mark.parametrize("umask", [-1, 0o1000, 0o7777])
def test_a_umask_outside_0_to_0o777_is_refused(umask: int) -> None:
    fs = FileSystem()

    with pytest.raises(ValueError, match="umask"):
        fs.login("root", umask=umask)


def test_an_unknown_user_cannot_log_in() -> None:
    fs = FileSystem()

    with pytest.raises(ValueError, match="mallory"):
        fs.login("mallory")


@pytest.mark.parametrize(
    ("first", "second", "culprit"),
    [
        (("alice", 1001), ("alice", 1002), "alice"),
        (("alice", 1001), ("bob", 1001), "1001"),
    ],
)
def test_user_names_and_uids_are_unique(
    first: tuple[str, int], second: tuple[str, int], culprit: str
) -> None:
    fs = FileSystem()
    fs.add_user(first[0], uid=first[1])

    with pytest.raises(ValueError, match=culprit):
        fs.add_user(second[0], uid=second[1])


@pytest.mark.parametrize(
    ("first", "second", "culprit"),
    [(("staff", 500), ("staff", 501), "staff"), (("staff", 500), ("audio", 500), "500")],
)
def test_group_names_and_gids_are_unique(
    first: tuple[str, int], second: tuple[str, int], culprit: str
) -> None:
    fs = FileSystem()
    fs.add_group(*first)

    with pytest.raises(ValueError, match=culprit):
        fs.add_group(*second)


def test_a_personal_group_cannot_take_a_name_already_used() -> None:
    fs = FileSystem()
    fs.add_group("alice", gid=700)

    with pytest.raises(ValueError, match="alice"):
        fs.add_user("alice", uid=1001)


@pytest.mark.parametrize(("group", "groups"), [("wheel", ()), (None, ("staff", "wheel"))])
def test_an_unknown_group_is_refused_and_the_user_is_not_added(
    group: str | None, groups: tuple[str, ...]
) -> None:
    fs = FileSystem()
    fs.add_group("staff")

    with pytest.raises(ValueError, match="wheel"):
        fs.add_user("alice", group=group, groups=groups)

    with pytest.raises(ValueError, match="alice"):
        fs.login("alice")


@pytest.mark.parametrize("name", ["", "a:b", "a/b", "two words"])
def test_a_malformed_name_is_refused(name: str) -> None:
    fs = FileSystem()

    with pytest.raises(ValueError, match="name"):
        fs.add_group(name)


@pytest.mark.parametrize("uid", [-1, 2**32 - 1])
def test_a_uid_outside_the_kernel_range_is_refused(uid: int) -> None:
    fs = FileSystem()

    with pytest.raises(ValueError, match=str(uid)):
        fs.add_user("alice", uid=uid)


def test_a_name_may_hold_letters_digits_dots_dashes_and_underscores() -> None:
    fs = FileSystem()

    group = fs.add_group("Xavier.O-k_9")

    assert group.name == "Xavier.O-k_9"


def test_a_user_with_a_named_primary_group_takes_a_uid_a_group_already_has_as_gid() -> None:
    fs = FileSystem()
    fs.add_group("staff", gid=1000)

    user = fs.add_user("alice", group="staff")

    assert (user.uid, user.gid) == (1000, 1000)
