"""``dojo verify`` end to end: the reference agrees, wrong copies disagree, shrunk, replayable."""

from __future__ import annotations

import os
import re
import shutil
from typing import TYPE_CHECKING

import pytest

from tests.dojo_verify.support import (
    REPO,
    VerifyDojo,
    reference_copy,
    replace_in,
    replay_command,
    wrong_copy,
)

if TYPE_CHECKING:
    from pathlib import Path

ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="the kernel checks need root")
FEW = ("--cases", "12")


@ROOT_ONLY
def test_the_reference_agrees_with_every_real_thing() -> None:
    ran = VerifyDojo()("verify", "file_permissions", "--impl", "solutions", *FEW)

    assert ran.status == 0, ran.out
    for check in ("chmod", "filemode", "operations", "programs", "program-access", "acls"):
        assert re.search(rf"│ {check} +│", ran.out), check
    assert "Everything agrees: 8,252 cases in 6 check(s)." in ran.out
    assert "Skipped" not in ran.out


def test_the_scheduler_reference_agrees_with_croniter() -> None:
    ran = VerifyDojo()("verify", "job_scheduler", "--impl", "solutions", *FEW)

    assert ran.status == 0, ran.out
    assert "Everything agrees: 12 cases in 1 check(s)." in ran.out


def test_the_owner_only_capital_x_disagrees_with_gnu_chmod_shrunk_with_its_answer(
    tmp_path: Path,
) -> None:
    copy = wrong_copy(tmp_path, "file_permissions", "capital-x-tests-only-the-owner")

    ran = VerifyDojo()("verify", "file_permissions", "--impl", str(copy), "--check", "chmod")

    assert ran.status == 1
    assert "chmod: a different mode" in ran.out
    spec = re.search(r"apply_mode\('([^']*)', 0o(\d+)", ran.out)
    assert spec, ran.out
    assert "X" in spec[1]
    assert len(spec[1]) <= 3, "shrunk to a short mode string"
    real = re.search(r"GNU chmod: (\d{4}) \([-rwxsStT]{9}\) ", ran.out)
    theirs = re.search(r"yours: +(\d{4}) \([-rwxsStT]{9}\) ", ran.out)
    assert real
    assert theirs
    assert real[1] != theirs[1]
    assert "section 'Step 4: chmod, octal and symbolic' (dojo show file_permissions --step 4)" in (
        ran.out
    )
    assert "The smallest case found: case " in ran.out


def test_a_printed_replay_command_replays_the_one_case(tmp_path: Path) -> None:
    copy = wrong_copy(tmp_path, "file_permissions", "capital-x-tests-only-the-owner")
    first = VerifyDojo()("verify", "file_permissions", "--impl", str(copy), "--check", "chmod")
    shown = re.search(r"apply_mode\(.*\)", first.out)

    again = VerifyDojo()(*replay_command(first.out, "chmod"))

    assert again.status == 1
    assert "1 of 1 cases disagree (1 kind(s))" in again.out
    assert shown
    assert shown[0] in again.out


def test_the_star_step_day_rule_disagrees_with_croniter(tmp_path: Path) -> None:
    copy = wrong_copy(tmp_path, "job_scheduler", "star-step-counts-as-restricted")

    ran = VerifyDojo()("verify", "job_scheduler", "--impl", str(copy))

    assert ran.status == 1
    assert "cron: different fire times" in ran.out
    assert re.search(r"croniter: fire time \d+: \d{4}-\d\d-\d\dT", ran.out)
    assert re.search(r"yours: +fire time \d+: \d{4}-\d\d-\d\dT", ran.out)
    assert "section 'Step 2: Recurring triggers', under 'Cron'" in ran.out
    cron = re.search(r"Cron\('([^']*)'\)", ran.out)
    assert cron
    assert "*/" in cron[1], "the star step stays: it is the mistake"


def test_without_root_the_kernel_checks_are_skipped_in_one_line_and_the_rest_run() -> None:
    ran = VerifyDojo(is_root=lambda: False)(
        "verify", "file_permissions", "--impl", "solutions", *FEW
    )

    assert ran.status == 0, ran.out
    skipped = [line for line in ran.out.splitlines() if line.startswith("Skipped")]
    assert skipped == [
        (
            "Skipped operations, programs, program-access, acls: they need root (files owned by"
            " other users, and children that switch to their ids); to include them, from the"
            " repository root: sudo .venv/bin/dojo verify file_permissions --impl solutions."
        )
    ]
    assert re.search(r"│ chmod +│ GNU chmod +│ +12 │ +12 │ +0 │", ran.out)
    assert re.search(r"│ filemode +│", ran.out)
    assert "│ operations" not in ran.out
    last = ran.out.splitlines()[-1]
    assert last.startswith("Everything agrees: ")
    assert last.endswith(
        "Not checked here: operations, programs, program-access, acls (skipped, see above)."
    )


def test_only_kernel_checks_without_root_is_a_usage_error() -> None:
    ran = VerifyDojo(is_root=lambda: False)("verify", "file_permissions", "--check", "acls")

    assert ran.status == 2
    assert ran.err.startswith("dojo: error: nothing to run: acls: they need root")
    assert ran.out == ""


def test_the_skeleton_is_code_not_written_yet_with_where() -> None:
    ran = VerifyDojo()("verify", "file_permissions", "--check", "chmod", *FEW)

    assert ran.status == 1
    assert "chmod: 12 of 12 cases reached code that still raises NotImplementedError" in ran.out
    assert re.search(r"first at katas/file_permissions/\w+\.py:\d+, in apply_mode", ran.out)
    assert "No disagreement, but 12 of 12 cases reached unwritten code. Replay:" in ran.out


def test_code_that_does_not_import_is_one_line_with_where(tmp_path: Path) -> None:
    copy = reference_copy(tmp_path, "job_scheduler")
    replace_in(copy / "job_scheduler" / "cron.py", "from __future__", "from __future__ import (")

    ran = VerifyDojo()("verify", "job_scheduler", "--impl", str(copy), *FEW)

    assert ran.status == 1
    assert ran.out.splitlines()[-1].startswith("job_scheduler does not import: SyntaxError: ")
    assert "(at job_scheduler/cron.py:" in ran.out
    assert "Traceback" not in ran.out + ran.err


def test_their_exception_is_their_answer_printed_as_text_not_markup(tmp_path: Path) -> None:
    copy = reference_copy(tmp_path, "job_scheduler")
    replace_in(
        copy / "job_scheduler" / "cron.py",
        "        candidate = moment.replace(second=0, microsecond=0) + _MINUTE\n",
        '        raise RuntimeError("[bold red]boom[/]\\x1b[2J")\n',
    )

    ran = VerifyDojo()("verify", "job_scheduler", "--impl", str(copy), *FEW)

    assert ran.status == 1
    assert "cron: your code raises" in ran.out
    assert "yours:    raised RuntimeError: [bold red]boom[/]" in ran.out
    assert "\x1b" not in ran.out


def test_a_team_workspace_is_verified_with_team(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "harness").mkdir(parents=True)
    shutil.copytree(REPO / "katas" / "file_permissions", root / "katas" / "file_permissions")
    dojo = VerifyDojo(root=root)
    created = dojo("team", "new", "red", "--kata", "file_permissions")

    ran = dojo("verify", "file_permissions", "--team", "red", "--check", "chmod", *FEW)

    assert created.status == 0
    assert ran.status == 1
    assert "Verifying workspaces/red/file_permissions against the real thing" in ran.out
    assert "first at workspaces/red/file_permissions/" in ran.out
    assert "Replay: dojo verify file_permissions --team red --seed 20261128" in ran.out


def test_team_and_impl_together_are_refused(tmp_path: Path) -> None:
    del tmp_path
    ran = VerifyDojo()("verify", "file_permissions", "--team", "red", "--impl", "solutions")

    assert ran.status == 2
    assert "--team red tests the team's workspace; drop --impl solutions" in ran.err
