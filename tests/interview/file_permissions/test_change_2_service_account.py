from __future__ import annotations

import pytest
from file_permissions.driver import add_group, add_user, can, chmod, create, describe, mkdir, read

from tests.interview.file_permissions.support import ALICE, STAFF, System, directory, file, office
from tests.interview.support import raises_named

pytestmark = [pytest.mark.interview("service-account")]

BACKUP = 34
READ_SEARCH = "CAP_DAC_READ_SEARCH"
ACCOUNT = (
    'add_user(..., capabilities=("CAP_DAC_READ_SEARCH",)) adds an account whose operations run '
    "with the Linux capability CAP_DAC_READ_SEARCH"
)
GRANTS = (
    "After the bits deny, the capability grants a directory any request without w, and a file "
    "a request for r alone: rx on a file is still decided by the bits."
)
CAN = "can answers with the capability too, as faccessat(2) with AT_EACCESS does."


def backed_up_office() -> System:
    """The office and the backup account; alice keeps ``/srv/box`` (0000) and its files."""
    system = office()
    add_group(system, "backup", BACKUP)
    add_user(system, "backup", BACKUP, "backup", capabilities=(READ_SEARCH,))
    directory(system, "alice", "/srv/box", "0700")
    directory(system, "alice", "/srv/box/deep", "0700")
    file(system, "alice", "/srv/box/deep/notes", "0000", "minutes")
    file(system, "alice", "/srv/box/tool", "0001")
    for path in ("/srv/box/deep", "/srv/box"):
        assert chmod(system, "alice", path, "0000") == "OK"
    return system


@pytest.mark.spec(
    "The backup service gets an account of its own, not root: it must read every file and "
    "search every directory, and change nothing.",
    ACCOUNT,
)
def test_the_service_reads_every_file_through_every_directory() -> None:
    system = backed_up_office()

    text = read(system, "backup", "/srv/box/deep/notes")

    assert text == "minutes"
    assert read(system, "dave", "/srv/box/deep/notes") == "EACCES"
    assert read(system, "alice", "/srv/box/deep/notes") == "EACCES"


@pytest.mark.spec(GRANTS, CAN)
@pytest.mark.parametrize(
    ("path", "want", "granted"),
    [
        ("/srv/box", "r", True),
        ("/srv/box", "x", True),
        ("/srv/box", "rx", True),
        ("/srv/box", "w", False),
        ("/srv/box", "wx", False),
        ("/srv/box", "rwx", False),
        ("/srv/box/deep/notes", "r", True),
        ("/srv/box/deep/notes", "x", False),
        ("/srv/box/deep/notes", "rx", False),
        ("/srv/box/deep/notes", "w", False),
        ("/srv/box/deep/notes", "rw", False),
        ("/srv/box/tool", "x", True),
        ("/srv/box/tool", "rx", False),
    ],
    ids=[
        "a directory, read",
        "a directory, search",
        "a directory, read and search",
        "a directory, write",
        "a directory, write and search",
        "a directory, everything",
        "a file, read",
        "a file, execute",
        "a file, read and execute",
        "a file, write",
        "a file, read and write",
        "a file others may execute, execute",
        "a file others may execute, read and execute",
    ],
)
def test_the_capability_grants_directories_all_but_write_and_files_read_alone(
    path: str, want: str, *, granted: bool
) -> None:
    system = backed_up_office()

    answer = can(system, "backup", path, want)

    assert answer is granted


@pytest.mark.spec(
    "Everything else is as for an ordinary user: creating needs write permission on the "
    "directory (EACCES), and only the owner or root may change a mode (EPERM).",
    GRANTS,
)
def test_the_service_changes_nothing_of_others() -> None:
    system = backed_up_office()
    directory(system, "alice", "/srv/shelf", "0755")
    file(system, "alice", "/srv/shelf/notes", "0644", "minutes")

    outcomes = (
        create(system, "backup", "/srv/shelf/copy", "0644"),
        mkdir(system, "backup", "/srv/shelf/copies", "0755"),
        create(system, "backup", "/srv/box/copy", "0644"),
        chmod(system, "backup", "/srv/shelf/notes", "0666"),
        chmod(system, "backup", "/srv/box/deep/notes", "0444"),
    )

    assert outcomes == ("EACCES", "EACCES", "EACCES", "EPERM", "EPERM")
    assert read(system, "root", "/srv/shelf/copy") == "ENOENT"
    assert describe(system, "/srv/shelf/notes") == ("0644", ALICE, STAFF)
    assert describe(system, "/srv/box/deep/notes") == ("0000", ALICE, STAFF)


@pytest.mark.spec("Everything else is as for an ordinary user")
def test_the_service_owns_what_it_makes_as_any_user_does() -> None:
    system = backed_up_office()

    made = create(system, "backup", "/srv/catalogue", "0600", "index")

    assert made == "OK"
    assert describe(system, "/srv/catalogue") == ("0600", BACKUP, BACKUP)
    assert chmod(system, "backup", "/srv/catalogue", "0640") == "OK"
    assert read(system, "dave", "/srv/catalogue") == "EACCES"


@pytest.mark.spec("capabilities is for change request 2, and empty until then.", ACCOUNT)
def test_an_account_without_the_capability_is_an_ordinary_user() -> None:
    system = backed_up_office()
    add_group(system, "nightly", 35)
    add_user(system, "nightly", 35, "nightly", capabilities=())

    outcome = read(system, "nightly", "/srv/box/deep/notes")

    assert outcome == "EACCES"
    assert can(system, "nightly", "/srv/box", "rx") is False
    assert can(system, "backup", "/srv/box", "rx") is True


@pytest.mark.spec(
    "Any other capability name is a ValueError naming it, and the account is not added."
)
@pytest.mark.parametrize(
    ("capabilities", "named"),
    [
        (("CAP_DAC_OVERRIDE",), "CAP_DAC_OVERRIDE"),
        (("CAP_SYS_ADMIN",), "CAP_SYS_ADMIN"),
        ((READ_SEARCH, "CAP_CHOWN"), "CAP_CHOWN"),
        (("",), None),
    ],
    ids=["CAP_DAC_OVERRIDE", "CAP_SYS_ADMIN", "a known and an unknown one", "an empty name"],
)
def test_any_other_capability_is_refused_and_the_account_not_added(
    capabilities: tuple[str, ...], named: str | None
) -> None:
    system = backed_up_office()
    add_group(system, "nightly", 35)

    with raises_named("ValueError", naming=named):
        add_user(system, "nightly", 35, "nightly", capabilities=capabilities)

    with raises_named("ValueError", naming="nightly"):
        read(system, "nightly", "/srv")
    add_user(system, "nightly", 35, "nightly")
    assert read(system, "nightly", "/srv/box/deep/notes") == "EACCES"
