"""Runs an acceptance suite in a child pytest and reads back each test's outcome."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from harness.catalog import ROOT
from harness.results import RunResults

_HARNESS_HOME = Path(__file__).resolve().parent.parent


STEPS, INTERVIEW = "steps", "interview"


def suite_paths(katas: list[str], suites: tuple[str, ...], root: Path = ROOT) -> list[str]:
    """The test folders of ``katas``: their step suites and/or their interview suites.

    A kata without an interview suite has no folder under ``tests/interview/``; it is left
    out rather than handed to pytest as a missing path.
    """
    folders = {STEPS: root / "tests", INTERVIEW: root / "tests" / "interview"}
    return [
        str(folders[suite] / kata)
        for suite in suites
        for kata in katas
        if suite == STEPS or (folders[suite] / kata).is_dir()
    ]


def run_suite(  # noqa: PLR0913 - keyword-only options, each with a default
    katas: list[str],
    impl: str,
    *,
    step: int | None = None,
    stage: str | None = None,
    suites: tuple[str, ...] = (STEPS,),
    extra: tuple[str, ...] = (),
    quiet: bool = False,
    root: Path = ROOT,
    env: dict[str, str] | None = None,
    paths: list[str] | None = None,
) -> tuple[int, RunResults]:
    """Run the tests of ``katas`` against ``impl``; exit status and outcomes.

    ``suites`` says which: the step suites (``STEPS``), the interview suites
    (``INTERVIEW``), or both. A child process, because each implementation defines the
    same package names and a process can import a package only once. ``root`` is the
    repository whose tests run; the child's harness is pointed at it too (``KATAS_ROOT``).
    ``env`` adds to the child's environment. ``paths``, when given, are the test files to
    run instead of the suites' folders, in that order (pytest keeps the order of files).
    """
    with tempfile.TemporaryDirectory(prefix="katas-") as scratch:
        results = Path(scratch) / "results.json"
        command = [
            sys.executable,
            "-m",
            "pytest",
            *(suite_paths(katas, suites, root) if paths is None else paths),
            f"--impl={impl}",
            f"--results-json={results}",
            "-p",
            "no:cacheprovider",
            *(() if step is None else (f"--step={step}",)),
            *(() if stage is None else (f"--stage={stage}",)),
            *extra,
        ]
        completed = subprocess.run(  # noqa: S603 - our own interpreter and arguments
            command,
            cwd=root,
            env={**_child_env(root), **(env or {})},
            check=False,
            stdout=subprocess.DEVNULL if quiet else None,
            stderr=subprocess.STDOUT if quiet else None,
        )
        outcome = RunResults.read(results) if results.exists() else RunResults((), ())
        return completed.returncode, outcome


def _child_env(root: Path) -> dict[str, str]:
    """Point the child's harness at ``root``; it imports ``root``'s harness, else this one."""
    path = os.pathsep.join(filter(None, (os.environ.get("PYTHONPATH"), str(_HARNESS_HOME))))
    return {**os.environ, "KATAS_ROOT": str(root), "PYTHONPATH": path}
