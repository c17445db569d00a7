from __future__ import annotations

import errno
import gc
import logging
import weakref
from typing import TYPE_CHECKING

import pytest
from file_permissions import AclPolicy, Denial, FileSystem, PosixPolicy

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = pytest.mark.step(7)


def machine(policy: AclPolicy | PosixPolicy | None = None) -> FileSystem:
    """Alice and bob in staff, carol outside; /f is alice's, mode 640, group staff."""
    fs = FileSystem(policy=policy)
    fs.add_group("staff", gid=500)
    fs.add_user("alice", uid=1001, groups=["staff"])
    fs.add_user("bob", uid=1002, groups=["staff"])
    fs.add_user("carol", uid=1003)
    root = fs.login("root")
    root.create("/f")
    root.chown("/f", "alice", "staff")
    root.chmod("/f", 0o640)
    return fs


def errno_of(action: Callable[[], object]) -> int | None:
    try:
        action()
    except OSError as error:
        return error.errno
    return None


def test_a_listener_hears_of_every_denied_operation() -> None:
    fs = machine()
    heard: list[Denial] = []
    fs.subscribe(heard.append)
    carol = fs.login("carol")

    errno_of(lambda: carol.read("/f"))
    errno_of(lambda: carol.chmod("/f", 0o777))
    errno_of(lambda: carol.rename("/f", "/g"))

    assert heard == [
        Denial(uid=1003, gid=1003, operation="read", path="/f", errno=errno.EACCES),
        Denial(uid=1003, gid=1003, operation="chmod", path="/f", errno=errno.EPERM),
        Denial(uid=1003, gid=1003, operation="rename", path="/f", errno=errno.EACCES),
    ]


def test_operations_that_succeed_or_fail_otherwise_are_not_reported() -> None:
    fs = machine()
    heard: list[Denial] = []
    fs.subscribe(heard.append)
    bob = fs.login("bob")

    bob.read("/f")
    errno_of(lambda: bob.read("/missing"))
    assert not bob.access("/f", "w")

    assert heard == []


def test_every_listener_hears_and_unsubscribing_stops_the_reports() -> None:
    fs = machine()
    first: list[Denial] = []
    second: list[Denial] = []
    stop = fs.subscribe(first.append)
    fs.subscribe(second.append)
    carol = fs.login("carol")

    errno_of(lambda: carol.read("/f"))
    results = (stop(), stop())
    errno_of(lambda: carol.write("/f", b""))

    assert results == (None, None)
    assert [d.operation for d in first] == ["read"]
    assert [d.operation for d in second] == ["read", "write"]


def test_a_failing_listener_is_logged_and_neither_stops_the_others_nor_hides_the_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fs = machine()
    heard: list[Denial] = []

    def broken(denial: Denial) -> None:
        raise RuntimeError(denial.path)

    fs.subscribe(broken)
    fs.subscribe(heard.append)

    with caplog.at_level(logging.ERROR, logger="file_permissions.audit"):
        code = errno_of(lambda: fs.login("carol").read("/f"))

    assert code == errno.EACCES
    assert [d.path for d in heard] == ["/f"]
    [record] = caplog.records
    assert record.name == "file_permissions.audit"
    assert record.getMessage().startswith("audit listener ")
    assert "broken" in record.getMessage()
    assert "operation='read'" in record.getMessage()
    assert "RuntimeError" in caplog.text


def test_a_listener_may_unsubscribe_while_it_is_being_notified() -> None:
    fs = machine()
    heard: list[str] = []
    stop: Callable[[], None] = lambda: None  # noqa: E731 - replaced right below

    def once(denial: Denial) -> None:
        heard.append(denial.operation)
        stop()

    stop = fs.subscribe(once)
    fs.subscribe(lambda denial: heard.append("after " + denial.operation))
    carol = fs.login("carol")

    errno_of(lambda: carol.read("/f"))
    errno_of(lambda: carol.read("/f"))

    assert heard == ["read", "after read", "after read"]


def test_an_unsubscribed_listener_is_not_kept_alive() -> None:
    fs = machine()

    class Listener:
        def __call__(self, denial: Denial) -> None: ...

    listener = Listener()
    alive = weakref.ref(listener)
    stop = fs.subscribe(listener)
    stop()
    del listener
    gc.collect()

    assert alive() is None


def test_a_program_denied_is_reported_with_its_effective_ids() -> None:
    fs = machine()
    heard: list[Denial] = []
    fs.subscribe(heard.append)
    root = fs.login("root")
    root.create("/tool")
    root.chown("/tool", "bob", "bob")
    root.chmod("/tool", 0o4755)

    errno_of(lambda: fs.login("carol").execute("/tool").read("/f"))

    assert (heard[0].uid, heard[0].gid) == (1002, 1003)


@pytest.mark.parametrize("explicit", [False, True])
def test_without_the_acl_policy_acls_are_not_supported(*, explicit: bool) -> None:
    fs = machine(PosixPolicy() if explicit else None)

    assert errno_of(lambda: fs.login("alice").setfacl("/f", "u::rw-,g::r--,o::---")) == (
        errno.EOPNOTSUPP
    )


def test_the_acl_policy_without_acls_decides_as_the_mode_bits() -> None:
    fs = machine(AclPolicy())

    assert [fs.login(user).access("/f", "r") for user in ("alice", "bob", "carol")] == [
        True,
        True,
        False,
    ]


def test_a_named_user_entry_grants_that_user_and_the_mode_shows_the_mask() -> None:
    fs = machine(AclPolicy())

    fs.login("alice").setfacl("/f", "u::rw-,u:carol:r--,g::---,o::---")

    assert fs.login("carol").read("/f") == b""
    assert not fs.login("bob").access("/f", "r")
    assert fs.login("alice").stat("/f").filemode == "-rw-r-----"


def test_the_mask_limits_named_entries_and_the_owning_group() -> None:
    fs = machine(AclPolicy())

    fs.login("alice").setfacl("/f", "user::rw-,user:carol:rw-,group::rw-,mask::r--,other::---")

    assert fs.login("carol").access("/f", "r")
    assert not fs.login("carol").access("/f", "w")
    assert not fs.login("bob").access("/f", "w")
    assert fs.login("alice").access("/f", "w")


def test_one_group_entry_must_grant_everything_asked() -> None:
    fs = machine(AclPolicy())

    fs.login("alice").setfacl("/f", "u::rw-,g::---,g:staff:r--,g:1002:-w-,m::rwx,o::rw-")

    bob = fs.login("bob")
    assert (bob.access("/f", "r"), bob.access("/f", "w"), bob.access("/f", "rw")) == (
        True,
        True,
        False,
    )


def test_a_caller_in_a_matching_group_never_falls_back_to_other() -> None:
    fs = machine(AclPolicy())

    fs.login("alice").setfacl("/f", "u::rw-,g::---,g:carol:---,m::rwx,o::rw-")

    assert not fs.login("carol").access("/f", "r")
    assert not fs.login("bob").access("/f", "r")
    fs.login("root").chown("/f", group="root")
    assert fs.login("bob").access("/f", "r")


def test_with_a_mask_of_nothing_the_kernel_goes_back_to_the_mode_bits() -> None:
    """A quirk of Linux: the ACL is consulted only while the group class bits are not 0."""
    fs = machine(AclPolicy())

    fs.login("alice").setfacl("/f", "u::rw-,u:carol:rw-,g::r--,m::---,o::r-x")

    assert fs.login("carol").access("/f", "rx")
    assert not fs.login("carol").access("/f", "w")


def test_chmod_sets_the_mask_of_an_acl() -> None:
    fs = machine(AclPolicy())
    alice = fs.login("alice")
    alice.setfacl("/f", "u::rw-,u:carol:rw-,g::r--,m::r--,o::---")

    alice.chmod("/f", 0o664)

    assert fs.login("carol").access("/f", "w")
    assert not fs.login("bob").access("/f", "w")
    fs.add_user("dave", uid=1004)
    assert fs.login("dave").access("/f", "r")
    assert not fs.login("dave").access("/f", "w")
    assert fs.login("alice").stat("/f").filemode == "-rw-rw-r--"


def test_without_a_mask_entry_setfacl_computes_one() -> None:
    fs = machine(AclPolicy())

    fs.login("alice").setfacl("/f", "u::rw-,u:carol:-w-,g::r--,o::---")

    assert fs.login("alice").stat("/f").filemode == "-rw-rw----"


def test_an_acl_that_only_says_what_a_mode_says_becomes_that_mode() -> None:
    fs = machine(AclPolicy())

    fs.login("alice").setfacl("/f", "u::rwx,g::r-x,o::r--")

    assert fs.login("alice").stat("/f").filemode == "-rwxr-xr--"
    assert fs.login("carol").access("/f", "r")


def test_only_the_owner_or_root_sets_an_acl_and_outsiders_lose_setgid() -> None:
    fs = machine(AclPolicy())
    fs.login("root").chmod("/f", 0o2640)
    fs.login("root").chown("/f", group="carol")

    code = errno_of(lambda: fs.login("bob").setfacl("/f", "u::rw-,g::r--,o::r--"))
    fs.login("alice").setfacl("/f", "u::rw-,g::r--,o::r--")

    assert code == errno.EPERM
    assert fs.login("alice").stat("/f").filemode == "-rw-r--r--"


@pytest.mark.parametrize(
    ("acl", "culprit"),
    [
        ("u::rw-,o::---", "group::"),
        ("u::rw-,g::r--", "other::"),
        ("g::r--,o::---", "user::"),
        ("u::rw-,x::r--,g::r--,o::---", "x::r--"),
        ("u::rw-,u:mallory:r--,g::r--,o::---", "mallory"),
        ("u::rw-,g::r--,m:staff:r--,o::---", "m:staff:r--"),
        ("u::rw-,g::r--,o::---,o:staff:r--", "o:staff:r--"),
        ("u::rw-,g::r--,o::---,o::r--", "o::r--"),
        ("u::rwz,g::r--,o::---", "u::rwz"),
    ],
)
def test_a_malformed_acl_is_a_value_error_naming_the_problem(acl: str, culprit: str) -> None:
    fs = machine(AclPolicy())

    with pytest.raises(ValueError, match=culprit):
        fs.login("alice").setfacl("/f", acl)

    assert fs.login("alice").stat("/f").filemode == "-rw-r-----"


def test_a_minimal_acl_is_only_a_mode_and_chmod_later_changes_the_group_bits() -> None:
    fs = machine(AclPolicy())
    alice = fs.login("alice")
    alice.setfacl("/f", "u::rw-,g::r--,o::---")

    alice.chmod("/f", 0o660)

    assert fs.login("bob").access("/f", "w")


@pytest.mark.parametrize(("setter", "group"), [("root", "carol"), ("alice", "staff")])
def test_root_and_an_owner_in_the_group_keep_setgid_when_setting_an_acl(
    setter: str, group: str
) -> None:
    fs = machine(AclPolicy())
    fs.login("root").chown("/f", group=group)
    fs.login("root").chmod("/f", 0o2640)

    fs.login(setter).setfacl("/f", "u::rw-,u:carol:r--,g::r--,o::---")

    assert fs.login("alice").stat("/f").filemode == "-rw-r-S---"


def test_roots_overrides_hold_under_the_acl_policy() -> None:
    fs = machine(AclPolicy())
    fs.login("alice").setfacl("/f", "u::---,u:root:---,g::---,m::---,o::---")
    root = fs.login("root")

    assert root.access("/f", "rw")
    assert not root.access("/f", "x")


def test_an_acl_refusal_names_the_path() -> None:
    fs = machine(AclPolicy())

    with pytest.raises(PermissionError) as denied:
        fs.login("bob").setfacl("/f", "u::rw-,g::r--,o::---")

    assert (denied.value.errno, denied.value.filename) == (errno.EPERM, "/f")


def test_an_unsupported_acl_names_the_path() -> None:
    fs = machine()

    with pytest.raises(OSError, match="Operation not supported") as failed:
        fs.login("alice").setfacl("/f", "u::rw-,g::r--,o::---")

    assert (failed.value.errno, failed.value.filename) == (errno.EOPNOTSUPP, "/f")


def test_chmod_can_narrow_the_mask_below_a_named_entry() -> None:
    fs = machine(AclPolicy())
    alice = fs.login("alice")
    alice.setfacl("/f", "u::rw-,u:carol:rwx,g::r--,m::rwx,o::---")

    alice.chmod("/f", 0o640)

    assert fs.login("carol").access("/f", "r")
    assert not fs.login("carol").access("/f", "w")
