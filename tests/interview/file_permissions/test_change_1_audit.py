from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from file_permissions.driver import can, chmod, create, denials, describe, mkdir, new_system, read

from tests.interview.file_permissions.support import (
    ALICE,
    BOB,
    DAVE,
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
    pytest.mark.interview("audit"),
    pytest.mark.spec(
        "denials(system) -> tuple[tuple[int, str, str, str], ...] is for change request 1."
    ),
]

RECORD = (
    "denials(system) returns the refused operations of that system so far, oldest first, each "
    "as (uid, operation, path, errno): the uid the operation ran as, the name of the driver "
    'function ("read", "create", "mkdir" or "chmod"), the path as it was given, and the name '
    "of the errno."
)
ONLY = "Only the refusals of the permission checks are recorded: EACCES and EPERM."
NOT_OTHERS = (
    "Other refusals (ENOENT, ENOTDIR, EEXIST, EISDIR), bad input and can, which only asks, are "
    "not recorded."
)


def closed_office() -> System:
    """The office, with alice's private box: ``/srv/box`` (0700) holding ``notes`` (0600)."""
    system = office()
    directory(system, "alice", "/srv/box", "0700")
    file(system, "alice", "/srv/box/notes", "0600", "minutes")
    file(system, "alice", "/srv/notes", "0600", "minutes")
    return system


@pytest.mark.spec(
    "Security wants a record of every operation that the permission checks refuse: who was "
    "refused, doing what, where, and why.",
    RECORD,
    ONLY,
)
def test_every_permission_refusal_is_recorded_oldest_first() -> None:
    system = closed_office()

    outcomes = (
        read(system, "dave", "/srv/notes"),
        create(system, "bob", "/srv/box/new", "0644"),
        mkdir(system, "dave", "/srv/box/sub", "0755"),
        chmod(system, "bob", "/srv/notes", "0644"),
    )

    assert outcomes == ("EACCES", "EACCES", "EACCES", "EPERM")
    assert denials(system) == (
        (DAVE, "read", "/srv/notes", "EACCES"),
        (BOB, "create", "/srv/box/new", "EACCES"),
        (DAVE, "mkdir", "/srv/box/sub", "EACCES"),
        (BOB, "chmod", "/srv/notes", "EPERM"),
    )


@pytest.mark.spec(RECORD)
def test_a_refusal_on_the_way_is_recorded_with_the_path_as_given() -> None:
    system = closed_office()

    outcome = read(system, "dave", "/srv/box/missing/deeper")

    assert outcome == "EACCES"
    assert denials(system) == ((DAVE, "read", "/srv/box/missing/deeper", "EACCES"),)


@pytest.mark.spec(RECORD, "so far")
def test_a_new_system_has_no_denials_and_each_system_keeps_its_own() -> None:
    first, second = closed_office(), closed_office()
    assert denials(first) == ()

    read(first, "dave", "/srv/notes")
    read(first, "dave", "/srv/notes")

    assert denials(first) == ((DAVE, "read", "/srv/notes", "EACCES"),) * 2
    assert denials(second) == ()
    assert denials(new_system()) == ()


@pytest.mark.spec(NOT_OTHERS)
@pytest.mark.parametrize(
    ("operation", "outcome"),
    [
        (lambda system: read(system, "alice", "/srv/missing"), "ENOENT"),
        (lambda system: read(system, "alice", "/srv/notes/inside"), "ENOTDIR"),
        (lambda system: create(system, "alice", "/srv/notes", "0644"), "EEXIST"),
        (lambda system: mkdir(system, "bob", "/srv/box", "0755"), "EEXIST"),
        (lambda system: read(system, "alice", "/srv/box"), "EISDIR"),
        (lambda system: chmod(system, "alice", "/srv/missing", "0644"), "ENOENT"),
    ],
    ids=[
        "a missing name",
        "a file on the way",
        "an existing file",
        "an existing directory",
        "reading a directory",
        "chmod of a missing name",
    ],
)
def test_other_refusals_are_not_recorded(operation: Callable[[System], str], outcome: str) -> None:
    system = closed_office()

    answer = operation(system)

    assert answer == outcome
    assert denials(system) == ()


@pytest.mark.spec(NOT_OTHERS)
@pytest.mark.parametrize(
    "bad_input",
    [
        lambda system: chmod(system, "dave", "/srv/notes", "0o644"),
        lambda system: create(system, "dave", "/srv/box/new", "rw-"),
        lambda system: read(system, "zed", "/srv/notes"),
        lambda system: can(system, "dave", "/srv/notes", "q"),
    ],
    ids=["a malformed mode for chmod", "a malformed mode for create", "an unknown user", "can"],
)
def test_bad_input_is_not_recorded(bad_input: Callable[[System], object]) -> None:
    system = closed_office()

    with raises_named("ValueError"):
        bad_input(system)

    assert denials(system) == ()


@pytest.mark.spec(NOT_OTHERS)
def test_a_question_answered_no_is_not_recorded() -> None:
    system = closed_office()

    answers = (
        can(system, "dave", "/srv/notes", "r"),
        can(system, "dave", "/srv/box/notes", "r"),
        can(system, "bob", "/srv/box", "w"),
    )

    assert answers == (False, False, False)
    assert denials(system) == ()


@pytest.mark.spec("The operations answer as before: recording a refusal changes nothing else.")
def test_recording_a_refusal_changes_nothing_else() -> None:
    system = closed_office()

    outcomes = (
        chmod(system, "dave", "/srv/notes", "0777"),
        create(system, "dave", "/srv/box/new", "0644", "text"),
        read(system, "dave", "/srv/notes"),
    )

    assert outcomes == ("EPERM", "EACCES", "EACCES")
    assert describe(system, "/srv/notes") == ("0600", ALICE, STAFF)
    assert read(system, "root", "/srv/box/new") == "ENOENT"
    assert read(system, "alice", "/srv/notes") == "minutes"
    assert len(denials(system)) == len(outcomes)
