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


def run_suite(  # noqa: PLR0913 - keyword-only options, each with a default
    katas: list[str],
    impl: str,
    *,
    step: int | None = None,
    extra: tuple[str, ...] = (),
    quiet: bool = False,
    root: Path = ROOT,
) -> tuple[int, RunResults]:
    """Run the acceptance tests of ``katas`` against ``impl``; exit status and outcomes.

    A child process, because each implementation defines the same package names and a
    process can import a package only once. ``root`` is the repository whose tests run;
    the child's harness is pointed at it too (``KATAS_ROOT``).
    """
    with tempfile.TemporaryDirectory(prefix="katas-") as scratch:
        results = Path(scratch) / "results.json"
        command = [
            sys.executable,
            "-m",
            "pytest",
            *(str(root / "tests" / kata) for kata in katas),
            f"--impl={impl}",
            f"--results-json={results}",
            "-p",
            "no:cacheprovider",
            *(() if step is None else (f"--step={step}",)),
            *extra,
        ]
        completed = subprocess.run(  # noqa: S603 - our own interpreter and arguments
            command,
            cwd=root,
            env=_child_env(root),
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
