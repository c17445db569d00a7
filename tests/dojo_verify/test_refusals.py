"""How ``dojo verify`` stops: Ctrl-C and a failed child are one line, never a traceback.

Its refused command lines are rows of the shared table, ``tests/dojo/test_refusals.py``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
from typing import TYPE_CHECKING

import pytest

from dojo.errors import ToolError
from dojo.verify.engine import run_check
from dojo.verify.oracles import checks_of, load
from dojo.verify.oracles.file_permissions.disk import become, in_child
from dojo.verify.plan import Plan, Planned
from dojo.verify.results import CheckResult
from dojo.verify.runner import run_in_child
from tests.dojo_verify.support import REPO, VerifyDojo

if TYPE_CHECKING:
    from pathlib import Path

    from dojo.verify.plan import Outcome, Report

WAIT = 120.0
NOBODY = 65534


def test_ctrl_c_while_verifying_is_one_line_and_status_130() -> None:
    def interrupted(plan: Plan, root: Path, listen: object) -> Outcome:
        del plan, root, listen
        raise KeyboardInterrupt

    ran = VerifyDojo(verifier=interrupted)("verify", "job_scheduler", "--cases", "3")

    assert ran.status == 130
    assert ran.out.splitlines()[-1] == (
        "dojo verify: interrupted (Ctrl-C) after 0 case(s); nothing was changed."
    )


def as_in_a_terminal() -> None:
    """Ctrl-C's signal handled as in a terminal, even where the tests run in the background.

    A shell starts a background job with SIGINT ignored, and a child inherits that: Python
    then never installs its handler, and the run would go on through every case.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_stops_the_child_which_cleans_up_and_says_nothing() -> None:
    command = ["verify", "job_scheduler", "--impl", "solutions", "--cases", "1000000"]
    process = subprocess.Popen(
        [sys.executable, "-m", "dojo.cli", *command],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=as_in_a_terminal,  # noqa: PLW1509 - one signal call, no lock is taken
        start_new_session=True,  # its own process group, with the children it starts
    )
    try:
        said, err = interrupted(process)
    finally:
        # Nothing is left once it has ended; when the test fails, nothing is left running.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    assert process.returncode == 130
    assert len(said) == 1, said
    assert said[0].startswith("dojo verify: interrupted (Ctrl-C) after ")
    assert err == ""


def interrupted(process: subprocess.Popen[str]) -> tuple[list[str], str]:
    """Ctrl-C once the first check has started; the lines it printed after, and stderr."""
    assert process.stdout is not None
    started = threading.Event()

    def wait_for_the_first_check() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("checking cron"):
                started.set()
                return

    reader = threading.Thread(target=wait_for_the_first_check)
    reader.start()
    assert started.wait(WAIT), "the run never started"
    reader.join(WAIT)

    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=WAIT)
    return [line for line in out.splitlines() if not line.startswith("checking cron")], err


def test_a_child_that_dies_without_a_word_is_a_tool_error_quoting_what_it_printed(
    tmp_path: Path,
) -> None:
    plan = Plan("file_permissions", str(tmp_path), 1, (Planned("no-such-check", 0, 1),))
    heard: list[Report] = []

    with pytest.raises(
        ToolError, match=r"^the verifier's child process ended with status 1: .*KeyError"
    ):
        run_in_child(plan, REPO, heard.append)

    assert heard == []


@pytest.mark.skipif(os.geteuid() != 0, reason="dropping privileges needs root to start with")
def test_as_an_ordinary_user_the_checks_that_need_no_root_agree() -> None:
    # This interpreter lives where only root may read, so the child that drops to an
    # ordinary user keeps it and runs the checks in-process; the command's own choice
    # without root is tested with is_root above.
    infos = {info.name: info for info in checks_of("file_permissions")}
    checks = {name: load(infos[name]) for name in ("chmod", "filemode")}

    def as_nobody() -> list[dict[str, object]]:
        become(NOBODY, NOBODY, [])
        return [
            run_check(check, infos[name], seed=1, indices=range(infos[name].cases)).to_json()
            for name, check in checks.items()
        ]

    status, found = in_child(as_nobody)

    assert status == "ok", found
    results = [CheckResult.from_json(item) for item in found]
    assert [(result.name, result.cases, result.agrees) for result in results] == [
        ("chmod", 600, True),
        ("filemode", 8192, True),
    ]
