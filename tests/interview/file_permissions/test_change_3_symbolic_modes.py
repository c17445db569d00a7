from __future__ import annotations

import pytest
from file_permissions.driver import chmod, describe, read

from tests.interview.file_permissions.support import ALICE, STAFF, directory, file, office
from tests.interview.support import raises_named

pytestmark = [pytest.mark.interview("symbolic-modes")]

GRAMMAR = (
    "chmod also takes the symbolic modes of GNU chmod: clauses separated by commas, each made "
    "of who-letters (u, g, o, a) and then one or more actions, each an operator (+, -, =) "
    "followed by permission letters (r, w, x, X), possibly none."
)
OPERATORS = (
    "+ adds the letters' bits to each class named, - removes them, and = sets the class's bits "
    "to exactly them (u= clears the owner's)."
)
NO_WHO = "Without who-letters, a clause applies to all three classes, as a does"
CAPITAL_X = (
    "X is execute for a directory, or for a file that already has some execute bit when the "
    "action applies (so u+x,a+X on 0644 gives 0755)."
)
IN_ORDER = (
    "Clauses and actions apply in order, each to the result of the one before (u=r+w gives the "
    "owner rw)."
)
MALFORMED = (
    "A malformed mode, such as u, u+q, a+r, or x+u, is a ValueError naming it, raised before "
    "the path is looked at"
)
SPECIAL = "and so is a mode that would set a special bit (u+s, +t)."


def changed(old: str, mode: str, *, is_dir: bool = False) -> str:
    """The mode alice's file (or directory) with mode ``old`` has after she runs chmod ``mode``."""
    system = office()
    (directory if is_dir else file)(system, "alice", "/srv/node", old)
    outcome = chmod(system, "alice", "/srv/node", mode)
    assert outcome == "OK", f"chmod {mode} gave {outcome}"
    new, _, _ = describe(system, "/srv/node")
    return new


@pytest.mark.spec("Users want to say chmod u+x and chmod go-w, not only octal modes.", GRAMMAR)
@pytest.mark.parametrize(
    ("old", "mode", "new"),
    [
        ("0644", "u+x", "0744"),
        ("0777", "go-w", "0755"),
        ("0644", "a-r", "0200"),
        ("0444", "ug+w", "0664"),
        ("0751", "ugo-x", "0640"),
        ("0640", "g-r+w", "0620"),
        ("0600", "u-w+x", "0500"),
        ("0640", "+", "0640"),
    ],
    ids=["u+x", "go-w", "a-r", "ug+w", "ugo-x", "g-r+w", "u-w+x", "an action without letters"],
)
def test_a_symbolic_mode_adds_and_removes_bits_for_the_classes_named(
    old: str, mode: str, new: str
) -> None:
    assert changed(old, mode) == new


@pytest.mark.spec(OPERATORS)
@pytest.mark.parametrize(
    ("old", "mode", "new"),
    [
        ("0640", "o=r", "0644"),
        ("0755", "u=rw,go=", "0600"),
        ("0644", "g=", "0604"),
        ("0000", "u=rwx,g=rx,o=", "0750"),
        ("0777", "a=x", "0111"),
        ("0123", "go=wx", "0133"),
    ],
    ids=["o=r", "u=rw,go=", "g=", "u=rwx,g=rx,o=", "a=x", "go=wx"],
)
def test_equals_sets_exactly_the_bits_named_for_each_class_named(
    old: str, mode: str, new: str
) -> None:
    assert changed(old, mode) == new


@pytest.mark.spec(NO_WHO, "this system has none")
@pytest.mark.parametrize(
    ("old", "mode", "new"),
    [
        ("0000", "+x", "0111"),
        ("0000", "=r", "0444"),
        ("0644", "+w", "0666"),
        ("0755", "=", "0000"),
        ("0777", "-rw", "0111"),
    ],
    ids=["+x", "=r", "+w is not limited by a umask", "=", "-rw"],
)
def test_without_who_letters_a_clause_applies_to_all_three_classes(
    old: str, mode: str, new: str
) -> None:
    assert changed(old, mode) == new


@pytest.mark.spec(CAPITAL_X)
@pytest.mark.parametrize(
    ("old", "mode", "is_dir", "new"),
    [
        ("0644", "a+X", False, "0644"),
        ("0744", "a+X", False, "0755"),
        ("0604", "g+X", False, "0604"),
        ("0641", "u+X", False, "0741"),
        ("0644", "a+X", True, "0755"),
        ("0600", "go+X", True, "0611"),
        ("0644", "u+x,a+X", False, "0755"),
        ("0700", "go+rX", False, "0755"),
        ("0755", "a-X", False, "0644"),
    ],
    ids=[
        "a file nobody may execute",
        "a file its owner may execute",
        "a file, the group only",
        "a file others may execute",
        "a directory",
        "a directory, group and others",
        "after an earlier clause gave x",
        "with other letters",
        "removing it",
    ],
)
def test_capital_x_is_execute_for_directories_and_files_someone_may_execute(
    old: str, mode: str, *, is_dir: bool, new: str
) -> None:
    assert changed(old, mode, is_dir=is_dir) == new


@pytest.mark.spec(IN_ORDER)
@pytest.mark.parametrize(
    ("old", "mode", "new"),
    [
        ("0644", "u=r+w", "0644"),
        ("0000", "a+rwx,go-w,o-x", "0754"),
        ("0777", "a=,u+r", "0400"),
        ("0640", "g+w,g-w", "0640"),
        ("0640", "g-w,g+w", "0660"),
    ],
    ids=["actions of one clause", "three clauses", "= then +", "+ then -", "- then +"],
)
def test_clauses_and_actions_apply_in_order(old: str, mode: str, new: str) -> None:
    assert changed(old, mode) == new


@pytest.mark.spec(GRAMMAR)
def test_octal_modes_still_work_beside_symbolic_ones() -> None:
    assert (changed("0644", "600"), changed("0644", "u+x")) == ("0600", "0744")


@pytest.mark.spec(MALFORMED)
@pytest.mark.parametrize(
    "mode",
    ["u", "u+q", "a+r,", "x+u", ",u+r", "u+r,,g+w", "a", "+z", "ug", "u-rw x", "U+x"],
)
@pytest.mark.parametrize("path", ["/srv/notes", "/srv/missing"], ids=["a file", "a missing path"])
def test_a_malformed_symbolic_mode_is_refused_before_the_path(mode: str, path: str) -> None:
    system = office()
    file(system, "alice", "/srv/notes", "0640")

    with raises_named("ValueError", naming=mode):
        chmod(system, "alice", path, mode)

    assert describe(system, "/srv/notes") == ("0640", ALICE, STAFF)


@pytest.mark.spec(MALFORMED, SPECIAL)
@pytest.mark.parametrize("mode", ["u+s", "+t", "g=rs", "a+st", "o+t", "=4755", "u+x,+t"])
@pytest.mark.parametrize(
    ("is_dir", "path"),
    [(False, "/srv/node"), (True, "/srv/node"), (False, "/srv/missing")],
    ids=["a file", "a directory", "a missing path"],
)
def test_a_symbolic_mode_that_sets_a_special_bit_is_refused(
    mode: str, *, is_dir: bool, path: str
) -> None:
    system = office()
    (directory if is_dir else file)(system, "alice", "/srv/node", "0750")

    with raises_named("ValueError", naming=mode):
        chmod(system, "alice", path, mode)

    assert describe(system, "/srv/node") == ("0750", ALICE, STAFF)


@pytest.mark.spec(GRAMMAR)
@pytest.mark.parametrize("user", ["bob", "dave"])
def test_a_symbolic_mode_is_still_for_the_owner_or_root_only(user: str) -> None:
    system = office()
    file(system, "alice", "/srv/notes", "0666", "minutes")

    outcome = chmod(system, user, "/srv/notes", "a-w")

    assert outcome == "EPERM"
    assert describe(system, "/srv/notes") == ("0666", ALICE, STAFF)
    assert chmod(system, "root", "/srv/notes", "a-w") == "OK"
    assert read(system, user, "/srv/notes") == "minutes"
    assert describe(system, "/srv/notes") == ("0444", ALICE, STAFF)
