from __future__ import annotations

import errno
import gc
import logging
import re
import weakref
from typing import TYPE_CHECKING

import pytest
from file_permissions import AclPolicy, Denial, FileSystem, PosixPolicy

from tests.file_permissions.support import errno_of

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = [
    pytest.mark.step(7),
    pytest.mark.spec(
        "A stretch step in two parts: an audit trail (Observer) and the permission decision as "
        "a replaceable policy (Strategy), with POSIX ACLs as the second policy."
    ),
]

HEARS = (
    "fs.subscribe(listener) -> unsubscribe: listener(denial) is called for every PermissionError "
    "(EACCES or EPERM) any session of fs gets, before the error reaches the caller."
)
DENIAL = (
    "Denial(uid, gid, operation, path, errno): the session's ids (for a program, the effective "
    'ones), the method\'s name ("read", "chmod", ...), the path it was given (for rename, '
    "the source) and the errno."
)
ORDER = (
    "Listeners are told in the order they subscribed; calling unsubscribe stops the reports, and "
    "calling it again does nothing."
)
POLICIES = (
    "FileSystem(policy=None): PosixPolicy() (the default) decides with the mode bits, as in the "
    "steps before; AclPolicy() also honours access ACLs."
)
ENTRIES = "Entries are separated by commas"
SETFACL = "sh.setfacl(path, acl) sets a node's access ACL, as setfacl --set."
SHOWS = (
    "The mode then shows the ACL: owner bits from u::, group bits from the mask (or from g:: "
    "without one), other bits from o::."
)
DECISION = "The decision (AclPolicy), for a caller who is not root:"
ORDER_OF_CHECKS = "setfacl checks, in this order:"


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


@pytest.mark.spec(HEARS, DENIAL)
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


@pytest.mark.spec(
    "Other failures (ENOENT, ValueError, ...) and access (a question, not an operation) are "
    "not reported."
)
def test_operations_that_succeed_or_fail_otherwise_are_not_reported() -> None:
    fs = machine()
    heard: list[Denial] = []
    fs.subscribe(heard.append)
    bob = fs.login("bob")

    bob.read("/f")
    errno_of(lambda: bob.read("/missing"))
    assert not bob.access("/f", "w")

    assert heard == []


@pytest.mark.spec(ORDER)
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


@pytest.mark.spec(
    "A listener that raises is logged on the file_permissions.audit logger and skipped: the "
    "others still hear, the caller still gets its PermissionError."
)
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


@pytest.mark.spec("A listener may unsubscribe (itself or another) while being notified.", ORDER)
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


@pytest.mark.spec("An unsubscribed listener is not kept alive by the file system.")
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


@pytest.mark.spec("(for a program, the effective ones)")
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


@pytest.mark.spec(POLICIES, "ACL support (under PosixPolicy, OSError EOPNOTSUPP")
@pytest.mark.parametrize("explicit", [False, True])
def test_without_the_acl_policy_acls_are_not_supported(*, explicit: bool) -> None:
    fs = machine(PosixPolicy() if explicit else None)

    assert errno_of(lambda: fs.login("alice").setfacl("/f", "u::rw-,g::r--,o::---")) == (
        errno.EOPNOTSUPP
    )


@pytest.mark.spec(POLICIES)
def test_the_acl_policy_without_acls_decides_as_the_mode_bits() -> None:
    fs = machine(AclPolicy())

    assert [fs.login(user).access("/f", "r") for user in ("alice", "bob", "carol")] == [
        True,
        True,
        False,
    ]


@pytest.mark.spec(
    SETFACL, "a named user entry for the caller: its perms, limited by the mask;", SHOWS
)
def test_a_named_user_entry_grants_that_user_and_the_mode_shows_the_mask() -> None:
    fs = machine(AclPolicy())

    fs.login("alice").setfacl("/f", "u::rw-,u:carol:r--,g::---,o::---")

    assert fs.login("carol").read("/f") == b""
    assert not fs.login("bob").access("/f", "r")
    assert fs.login("alice").stat("/f").filemode == "-rw-r-----"


@pytest.mark.spec(
    "user, group, mask, other may be spelled out.",
    "a named user entry for the caller: its perms, limited by the mask;",
    "the first whose perms alone grant everything asked grants it if the mask also allows",
    "the owner: the owner bits only;",
)
def test_the_mask_limits_named_entries_and_the_owning_group() -> None:
    fs = machine(AclPolicy())

    fs.login("alice").setfacl("/f", "user::rw-,user:carol:rw-,group::rw-,mask::r--,other::---")

    assert fs.login("carol").access("/f", "r")
    assert not fs.login("carol").access("/f", "w")
    assert not fs.login("bob").access("/f", "w")
    assert fs.login("alice").access("/f", "w")


@pytest.mark.spec(
    DECISION,
    "the caller's groups: each matching entry (the owning group, named groups) is tried; the "
    "first whose perms alone grant everything asked grants it if the mask also allows, else "
    "denies; if entries matched but none granted, denied;",
    "GROUP likewise a group name or a gid.",
)
def test_one_group_entry_must_grant_everything_asked() -> None:
    fs = machine(AclPolicy())

    fs.login("alice").setfacl("/f", "u::rw-,g::---,g:staff:r--,g:1002:-w-,m::rwx,o::rw-")

    bob = fs.login("bob")
    assert (bob.access("/f", "r"), bob.access("/f", "w"), bob.access("/f", "rw")) == (
        True,
        True,
        False,
    )


@pytest.mark.spec("the first whose perms alone grant everything asked grants it")
def test_an_entry_that_grants_part_of_the_request_does_not_stop_the_search() -> None:
    fs = machine(AclPolicy())

    fs.login("alice").setfacl("/f", "u::rw-,g::r--,g:1002:rw-,m::rwx,o::---")

    assert fs.login("bob").access("/f", "rw")
    assert not fs.login("alice").access("/f", "x")


@pytest.mark.spec("if entries matched but none granted, denied;", "otherwise the o:: entry.")
def test_a_caller_in_a_matching_group_never_falls_back_to_other() -> None:
    fs = machine(AclPolicy())

    fs.login("alice").setfacl("/f", "u::rw-,g::---,g:carol:---,m::rwx,o::rw-")

    assert not fs.login("carol").access("/f", "r")
    assert not fs.login("bob").access("/f", "r")
    fs.login("root").chown("/f", group="root")
    assert fs.login("bob").access("/f", "r")


@pytest.mark.spec(
    "if the group class bits of the mode (the mask) are all clear, Linux does not look at the "
    "ACL at all: the plain class rule of step 2 decides;"
)
def test_with_a_mask_of_nothing_the_kernel_goes_back_to_the_mode_bits() -> None:
    """A quirk of Linux: the ACL is consulted only while the group class bits are not 0."""
    fs = machine(AclPolicy())

    fs.login("alice").setfacl("/f", "u::rw-,u:carol:rw-,g::r--,m::---,o::r-x")

    assert fs.login("carol").access("/f", "rx")
    assert not fs.login("carol").access("/f", "w")


@pytest.mark.spec("chmod of a node with an ACL sets u::, the mask (from the group bits) and o::.")
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


@pytest.mark.spec(
    "Without a mask entry, an ACL with named entries gets the mask setfacl computes: the union "
    "of the named users', the owning group's and the named groups' perms.",
    SHOWS,
)
def test_without_a_mask_entry_setfacl_computes_one() -> None:
    fs = machine(AclPolicy())

    fs.login("alice").setfacl("/f", "u::rw-,u:carol:-w-,g::r--,o::---")

    assert fs.login("alice").stat("/f").filemode == "-rw-rw----"


@pytest.mark.spec(
    "An ACL with no named entries and no mask says nothing a mode cannot: it just sets the mode."
)
def test_an_acl_that_only_says_what_a_mode_says_becomes_that_mode() -> None:
    fs = machine(AclPolicy())

    fs.login("alice").setfacl("/f", "u::rwx,g::r-x,o::r--")

    assert fs.login("alice").stat("/f").filemode == "-rwxr-xr--"
    assert fs.login("carol").access("/f", "r")


@pytest.mark.spec(
    "then that the caller is the owner or root (EPERM)",
    "As with chmod, a non-root owner outside the file's group loses setgid.",
)
def test_only_the_owner_or_root_sets_an_acl_and_outsiders_lose_setgid() -> None:
    fs = machine(AclPolicy())
    fs.login("root").chmod("/f", 0o2640)
    fs.login("root").chown("/f", group="carol")

    code = errno_of(lambda: fs.login("bob").setfacl("/f", "u::rw-,g::r--,o::r--"))
    fs.login("alice").setfacl("/f", "u::rw-,g::r--,o::r--")

    assert code == errno.EPERM
    assert fs.login("alice").stat("/f").filemode == "-rw-r--r--"


@pytest.mark.spec(
    "u::, g:: and o:: are required; no entry may repeat; m and o take no name.",
    "Anything else is a ValueError naming the entry; a missing required entry is named in full, "
    "as user::, group:: or other::.",
    "USER is a user name, which must exist",
)
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


@pytest.mark.spec("it just sets the mode.")
def test_a_minimal_acl_is_only_a_mode_and_chmod_later_changes_the_group_bits() -> None:
    fs = machine(AclPolicy())
    alice = fs.login("alice")
    alice.setfacl("/f", "u::rw-,g::r--,o::---")

    alice.chmod("/f", 0o660)

    assert fs.login("bob").access("/f", "w")


@pytest.mark.spec("As with chmod, a non-root owner outside the file's group loses setgid.")
@pytest.mark.parametrize(("setter", "group"), [("root", "carol"), ("alice", "staff")])
def test_root_and_an_owner_in_the_group_keep_setgid_when_setting_an_acl(
    setter: str, group: str
) -> None:
    fs = machine(AclPolicy())
    fs.login("root").chown("/f", group=group)
    fs.login("root").chmod("/f", 0o2640)

    fs.login(setter).setfacl("/f", "u::rw-,u:carol:r--,g::r--,o::---")

    assert fs.login("alice").stat("/f").filemode == "-rw-r-S---"


@pytest.mark.spec("Root's overrides apply after a denial, as in step 2.")
def test_roots_overrides_hold_under_the_acl_policy() -> None:
    fs = machine(AclPolicy())
    fs.login("alice").setfacl("/f", "u::---,u:root:---,g::---,m::---,o::---")
    root = fs.login("root")

    assert root.access("/f", "rw")
    assert not root.access("/f", "x")


@pytest.mark.spec(
    "then that the caller is the owner or root (EPERM)",
    "its filename is the path the call was given",
)
def test_an_acl_refusal_names_the_path() -> None:
    fs = machine(AclPolicy())

    with pytest.raises(PermissionError) as denied:
        fs.login("bob").setfacl("/f", "u::rw-,g::r--,o::---")

    assert (denied.value.errno, denied.value.filename) == (errno.EPERM, "/f")


@pytest.mark.spec("EOPNOTSUPP | OSError | setfacl without ACL support (step 7)")
def test_an_unsupported_acl_names_the_path() -> None:
    fs = machine()

    with pytest.raises(OSError, match="Operation not supported") as failed:
        fs.login("alice").setfacl("/f", "u::rw-,g::r--,o::---")

    assert (failed.value.errno, failed.value.filename) == (errno.EOPNOTSUPP, "/f")


@pytest.mark.spec("chmod of a node with an ACL sets u::, the mask (from the group bits)")
def test_chmod_can_narrow_the_mask_below_a_named_entry() -> None:
    fs = machine(AclPolicy())
    alice = fs.login("alice")
    alice.setfacl("/f", "u::rw-,u:carol:rwx,g::r--,m::rwx,o::---")

    alice.chmod("/f", 0o640)

    assert fs.login("carol").access("/f", "r")
    assert not fs.login("carol").access("/f", "w")


@pytest.mark.spec("The rules that do not depend on the policy (sticky, setgid, chown, ...) stay")
def test_the_rules_outside_the_decision_hold_under_the_acl_policy() -> None:
    fs = machine(AclPolicy())
    root = fs.login("root")
    root.mkdir("/pub")
    root.chmod("/pub", 0o1777)
    fs.login("carol").create("/pub/carols")
    fs.login("alice").setfacl("/f", "u::rw-,u:carol:rw-,g::r--,o::---")

    sticky = errno_of(lambda: fs.login("bob").unlink("/pub/carols"))
    give_away = errno_of(lambda: fs.login("alice").chown("/f", "bob"))

    assert (sticky, give_away) == (errno.EPERM, errno.EPERM)


@pytest.mark.spec(
    "PERMS is at most three characters in the order r, w, x, each either that letter or - "
    "(rw-, rw, r-x)."
)
@pytest.mark.parametrize(
    ("perms", "granted"),
    [("rw-", "rw"), ("rw", "rw"), ("r-x", "rx"), ("-w", "w"), ("x", "x"), ("", "")],
    ids=["rw-", "rw", "r-x", "-w", "x", "nothing"],
)
def test_perms_may_leave_out_trailing_letters_but_keep_their_order(
    perms: str, granted: str
) -> None:
    fs = machine(AclPolicy())

    fs.login("alice").setfacl("/f", f"u::rw-,u:carol:{perms},g::---,m::rwx,o::---")

    carol = fs.login("carol")
    assert [want for want in ("r", "w", "x") if carol.access("/f", want)] == list(granted)


@pytest.mark.spec("PERMS is at most three characters in the order r, w, x")
@pytest.mark.parametrize("perms", ["wr", "rwxx", "xr", "r--w"])
def test_perms_out_of_order_are_a_value_error(perms: str) -> None:
    fs = machine(AclPolicy())

    with pytest.raises(ValueError, match=re.escape(f"u:carol:{perms}")):
        fs.login("alice").setfacl("/f", f"u::rw-,u:carol:{perms},g::---,o::---")


@pytest.mark.spec("USER is a user name, which must exist, or a uid, taken as it is")
def test_a_named_user_may_be_given_by_uid_even_one_no_account_has() -> None:
    fs = machine(AclPolicy())

    fs.login("alice").setfacl("/f", "u::rw-,u:1003:rw-,u:4242:r--,g::---,o::---")

    assert fs.login("carol").access("/f", "w")
    assert fs.login("alice").stat("/f").filemode == "-rw-rw----"


@pytest.mark.spec("the owner: the owner bits only;")
def test_the_owner_is_decided_by_the_owner_bits_even_with_an_entry_naming_them() -> None:
    fs = machine(AclPolicy())

    fs.login("alice").setfacl("/f", "u::---,u:alice:rw-,g::rw-,o::rw-")

    assert not fs.login("alice").access("/f", "r")
    assert fs.login("bob").access("/f", "r")


@pytest.mark.spec(ORDER_OF_CHECKS, "the ACL text (ValueError, before the path is looked at)")
@pytest.mark.parametrize("policy", [AclPolicy, PosixPolicy], ids=["acl", "posix"])
def test_a_malformed_acl_is_refused_before_the_path(
    policy: type[AclPolicy | PosixPolicy],
) -> None:
    fs = machine(policy())

    with pytest.raises(ValueError, match="u::rwz"):
        fs.login("carol").setfacl("/nowhere/f", "u::rwz,g::r--,o::---")


@pytest.mark.spec(ORDER_OF_CHECKS, "the walk, ACL support", "then that the caller is the owner")
@pytest.mark.parametrize(
    ("policy", "who", "path", "code"),
    [
        (PosixPolicy, "alice", "/missing", errno.ENOENT),
        (PosixPolicy, "carol", "/f", errno.EOPNOTSUPP),
        (AclPolicy, "carol", "/missing", errno.ENOENT),
        (AclPolicy, "carol", "/f", errno.EPERM),
    ],
    ids=[
        "the walk before support",
        "support before the owner",
        "the walk before the owner",
        "the owner",
    ],
)
def test_setfacl_checks_the_walk_then_support_then_the_owner(
    policy: type[AclPolicy | PosixPolicy], who: str, path: str, code: int
) -> None:
    fs = machine(policy())

    assert errno_of(lambda: fs.login(who).setfacl(path, "u::rw-,g::r--,o::---")) == code
    assert fs.login("alice").stat("/f").filemode == "-rw-r-----"


@pytest.mark.spec(HEARS, "Other failures (ENOENT, ValueError, ...)")
def test_a_value_error_or_a_refusal_other_than_permission_is_not_reported() -> None:
    fs = machine(AclPolicy())
    heard: list[Denial] = []
    fs.subscribe(heard.append)
    alice = fs.login("alice")

    with pytest.raises(ValueError, match="u::rwz"):
        alice.setfacl("/f", "u::rwz,g::r--,o::---")
    errno_of(lambda: alice.rmdir("/f/x"))
    errno_of(lambda: fs.login("carol").setfacl("/f", "u::rw-,g::r--,o::---"))

    assert [(d.operation, d.errno) for d in heard] == [("setfacl", errno.EPERM)]


@pytest.mark.spec(ORDER)
def test_listeners_hear_in_the_order_they_subscribed() -> None:
    fs = machine()
    heard: list[str] = []

    def listener(name: str) -> Callable[[Denial], None]:
        return lambda denial: heard.append(f"{name} {denial.operation}")

    for name in ("first", "second", "third"):
        fs.subscribe(listener(name))

    errno_of(lambda: fs.login("carol").read("/f"))

    assert heard == ["first read", "second read", "third read"]


@pytest.mark.spec("A listener may unsubscribe (itself or another) while being notified.")
def test_a_listener_may_unsubscribe_another_while_being_notified() -> None:
    fs = machine()
    heard: list[str] = []
    stop_second: Callable[[], None] = lambda: None  # noqa: E731 - replaced right below

    def first(denial: Denial) -> None:
        heard.append("first " + denial.operation)
        stop_second()

    fs.subscribe(first)
    stop_second = fs.subscribe(lambda denial: heard.append("second " + denial.operation))
    carol = fs.login("carol")

    errno_of(lambda: carol.read("/f"))
    errno_of(lambda: carol.write("/f", b""))

    assert heard[0] == "first read"
    assert heard[-1] == "first write"
    assert "second write" not in heard
