"""``dojo interview KATA --verify`` and ``dojo verify KATA --interview``: the driver's checks.

The reference driver agrees, a copy with the owner-only ``X`` disagrees on the symbolic
modes, and on a round's design only the stages revealed so far are checked.
"""

from __future__ import annotations

import os
import re
import shutil
from typing import TYPE_CHECKING

import pytest

from dojo.interview.place import Place
from dojo.interview.session import Session
from dojo.repository import Repository
from dojo.verify.plan import Outcome
from tests.dojo_verify.support import REPO, VerifyDojo, replay_command, wrong_copy
from tests.support import FakeClock

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from dojo.app import Verifier
    from dojo.verify.plan import Plan, Report

FEW = ("--cases", "12")
needs_root = pytest.mark.skipif(
    os.geteuid() != 0, reason="the driver's checks need root: run as root to include them"
)


def _round(root: Path, stages: tuple[str, ...], *, team: str | None = None) -> Path:
    """A repository at ``root`` with file_permissions, and a round with ``stages`` revealed.

    The round's design is a copy of the reference; the repository, the folder it returns.
    """
    shutil.copytree(REPO / "katas" / "file_permissions", root / "katas" / "file_permissions")
    (root / "harness").mkdir()
    place = Place(Repository(root), "file_permissions", team)
    shutil.copytree(
        REPO / "solutions" / "file_permissions",
        place.design,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    now = FakeClock()()
    session = Session.start("file_permissions", {}, now)
    for stage in stages:
        session = session.enter(stage, now)
    place.save(session)
    return root


@needs_root
def test_the_reference_driver_agrees_with_the_kernel_at_every_stage() -> None:
    ran = VerifyDojo()("verify", "file_permissions", "--interview", "--impl", "solutions", *FEW)

    assert ran.status == 0, ran.out
    assert ran.out.startswith("Verifying solutions/file_permissions/driver.py against the real")
    assert "Everything agrees: 36 cases in 3 check(s)." in ran.out
    for check in ("driver", "service-account", "symbolic-modes"):
        assert re.search(rf"│ {check} +│ [^│]+│ +12 │ +12 │ +0 │", ran.out), check


@needs_root
def test_the_owner_only_x_driver_disagrees_on_symbolic_modes_shrunk_with_chmod_beside(
    tmp_path: Path,
) -> None:
    copy = wrong_copy(tmp_path, "file_permissions", "capital-x-tests-only-the-owner")

    ran = VerifyDojo()(
        "verify",
        "file_permissions",
        "--interview",
        "--impl",
        str(copy),
        "--check",
        "symbolic-modes",
    )

    assert ran.status == 1, ran.out
    assert "symbolic-modes: chmod: a different tree afterwards" in ran.out
    assert re.search(r"GNU chmod: 'OK'[\s│]+after: /\w 0\d\d\d", ran.out)
    assert re.search(r"yours: +'OK'[\s│]+after: /\w 0\d\d\d", ran.out)
    assert "Spec: the driver contract, and change request 3: Symbolic modes" in ran.out
    assert "(dojo interview file_permissions --show)" in ran.out
    assert "The smallest case found" in ran.out
    again = VerifyDojo()(*replay_command(ran.out, "symbolic-modes"))
    assert again.status == 1
    assert "1 of 1 cases disagree" in again.out


@needs_root
def test_on_a_round_only_the_stages_revealed_are_checked(tmp_path: Path) -> None:
    root = _round(tmp_path, ("core",))

    ran = VerifyDojo(root=root)("verify", "file_permissions", "--interview", *FEW)

    assert ran.status == 0, ran.out
    assert ran.out.startswith("Verifying interviews/file_permissions/driver.py against")
    assert (
        "Skipped service-account, symbolic-modes: their change requests are not revealed yet"
        " (dojo interview file_permissions --next reveals the next)."
    ) in ran.out
    assert "Everything agrees: 12 cases in 1 check(s)." in ran.out


def _recording(plans: list[Plan]) -> Verifier:
    """A verifier that keeps each plan and stops the run there."""

    def verifier(plan: Plan, root: Path, listen: Callable[[Report], None]) -> Outcome:
        del root, listen
        plans.append(plan)
        return Outcome(broken="stopped here")

    return verifier


def test_dojo_interview_verify_checks_the_rounds_design_for_the_stages_revealed(
    tmp_path: Path,
) -> None:
    root = _round(tmp_path, ("core", "audit", "service-account"))
    plans: list[Plan] = []

    ran = VerifyDojo(root=root, is_root=lambda: True, verifier=_recording(plans))(
        "interview", "file_permissions", "--verify"
    )

    assert ran.status == 1
    [plan] = plans
    assert plan.package == "dojo.verify.drivers"
    assert plan.folder == str(root / "interviews")
    assert [(item.name, item.count) for item in plan.checks] == [
        ("driver", 300),
        ("service-account", 150),
    ]
    assert "Skipped symbolic-modes: their change requests are not revealed yet" in ran.out


def test_a_teams_round_is_the_teams_design(tmp_path: Path) -> None:
    root = _round(tmp_path, ("core",), team="red")
    plans: list[Plan] = []

    ran = VerifyDojo(root=root, is_root=lambda: True, verifier=_recording(plans))(
        "interview", "file_permissions", "--verify", "--team", "red"
    )

    assert ran.status == 1
    assert plans[0].folder == str(root / "workspaces" / "red" / "interviews")
    assert "dojo interview file_permissions --team red --next" in ran.out


def test_without_a_round_or_before_the_reveal_there_is_nothing_to_verify(tmp_path: Path) -> None:
    root = _round(tmp_path, ())
    dojo = VerifyDojo(root=root, is_root=lambda: True)

    before = dojo("interview", "file_permissions", "--verify")
    shutil.rmtree(root / ".dojo")
    none = dojo("verify", "file_permissions", "--interview")

    assert before.status == 2
    assert before.err.startswith("dojo: error: nothing to verify yet: the driver contract comes")
    assert "(dojo interview file_permissions --reveal)" in before.err
    assert none.status == 2
    assert none.err.startswith("dojo: error: no interview round of file_permissions yet;")


def test_without_root_the_drivers_checks_are_all_skipped_as_a_usage_error() -> None:
    ran = VerifyDojo(is_root=lambda: False)(
        "verify", "file_permissions", "--interview", "--impl", "solutions"
    )

    assert ran.status == 2
    assert ran.err.startswith("dojo: error: nothing to run: driver: they need root")
    assert ran.out == ""


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        pytest.param(
            ("verify", "job_scheduler", "--interview", "--impl", "solutions"),
            "job_scheduler's interview driver has no real thing to verify against yet; the"
            " katas whose driver has one: file_permissions",
            id="a driver without checks",
        ),
        pytest.param(
            ("verify", "file_permissions", "--interview", "--impl", "solutions", "--team", "red"),
            "--team red verifies the team's round; drop --impl",
            id="team and impl",
        ),
    ],
)
def test_refusals_name_the_problem(argv: tuple[str, ...], said: str) -> None:
    ran = VerifyDojo(is_root=lambda: True)(*argv)

    assert ran.status == 2
    assert ran.err == f"dojo: error: {said}\n"
