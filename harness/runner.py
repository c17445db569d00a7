"""Runs an acceptance suite in a child pytest and reads back each test's outcome."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Protocol

from harness.catalog import ROOT
from harness.results import RunResults

_HARNESS_HOME = Path(__file__).resolve().parent.parent


STEPS, INTERVIEW = "steps", "interview"
# tests/<kata>/test_step<N>_<slug>.py holds the tests of step N (docs/adding-a-kata.md);
# the plugin refuses a test marked for another step than its module's name gives.
_STEP_MODULE = re.compile(r"test_step(\d+)_")


class Launcher(Protocol):
    """Runs pytest with ``args`` in ``root`` and ``env``; its exit status."""

    def __call__(self, args: list[str], root: Path, env: dict[str, str], *, quiet: bool) -> int:
        """The exit status of ``pytest ARGS``."""
        ...


def module_step(path: Path) -> int | None:
    """The step a test module's name gives it (``test_step<N>_<slug>.py``), or None."""
    match = _STEP_MODULE.match(path.name)
    return int(match.group(1)) if match else None


def later_step_modules(suite: Path, last_step: int) -> list[Path]:
    """The test modules of ``suite`` named for a step after ``last_step``.

    Left out of a run of steps 1..``last_step`` (``--ignore``), they are not even imported.
    """
    return sorted(
        path
        for path in suite.glob("test_step*_*.py")
        if (step := module_step(path)) is not None and step > last_step
    )


def in_child(args: list[str], root: Path, env: dict[str, str], *, quiet: bool) -> int:
    """The plain ``Launcher``: ``python -m pytest ARGS`` in a new process."""
    completed = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "pytest", *args],
        cwd=root,
        env=env,
        check=False,
        stdout=subprocess.DEVNULL if quiet else None,
        stderr=subprocess.STDOUT if quiet else None,
    )
    return completed.returncode


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
    launch: Launcher = in_child,
) -> tuple[int, RunResults]:
    """Run the tests of ``katas`` against ``impl``; exit status and outcomes.

    ``suites`` says which: the step suites (``STEPS``), the interview suites
    (``INTERVIEW``), or both. A child process, because each implementation defines the
    same package names and a process can import a package only once. ``root`` is the
    repository whose tests run; the child's harness is pointed at it too (``KATAS_ROOT``).
    ``env`` adds to the child's environment. ``paths``, when given, are the test files to
    run instead of the suites' folders, in that order (pytest keeps the order of files).
    ``launch`` starts pytest: a new process, unless the caller keeps a warm one.
    """
    with tempfile.TemporaryDirectory(prefix="katas-") as scratch:
        results = Path(scratch) / "results.json"
        args = [
            *(suite_paths(katas, suites, root) if paths is None else paths),
            f"--impl={impl}",
            f"--results-json={results}",
            "-p",
            "no:cacheprovider",
            *(() if step is None else (f"--step={step}",)),
            *(() if stage is None else (f"--stage={stage}",)),
            *extra,
        ]
        status = launch(args, root, child_env(root, env), quiet=quiet)
        outcome = RunResults.read(results) if results.exists() else RunResults((), ())
        return status, outcome


def child_env(root: Path, env: dict[str, str] | None = None) -> dict[str, str]:
    """The child's environment: this one, ``env`` added, the harness pointed at ``root``.

    The child imports ``root``'s harness, else this one.
    """
    path = os.pathsep.join(filter(None, (os.environ.get("PYTHONPATH"), str(_HARNESS_HOME))))
    return {**os.environ, "KATAS_ROOT": str(root), "PYTHONPATH": path, **(env or {})}
