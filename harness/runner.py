"""Runs an acceptance suite in a child pytest and reads back each test's outcome."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from harness.catalog import ROOT
from harness.results import RunResults


def run_suite(
    katas: list[str],
    impl: str,
    *,
    step: int | None = None,
    extra: tuple[str, ...] = (),
    quiet: bool = False,
) -> tuple[int, RunResults]:
    """Run the acceptance tests of ``katas`` against ``impl``; exit status and outcomes.

    A child process, because each implementation defines the same package names and a
    process can import a package only once.
    """
    with tempfile.TemporaryDirectory(prefix="katas-") as scratch:
        results = Path(scratch) / "results.json"
        command = [
            sys.executable,
            "-m",
            "pytest",
            *(str(ROOT / "tests" / kata) for kata in katas),
            f"--impl={impl}",
            f"--results-json={results}",
            "-p",
            "no:cacheprovider",
            *(() if step is None else (f"--step={step}",)),
            *extra,
        ]
        completed = subprocess.run(  # noqa: S603 - our own interpreter and arguments
            command,
            cwd=ROOT,
            check=False,
            stdout=subprocess.DEVNULL if quiet else None,
            stderr=subprocess.STDOUT if quiet else None,
        )
        outcome = RunResults.read(results) if results.exists() else RunResults((), ())
        return completed.returncode, outcome
