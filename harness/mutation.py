"""``make mutation KATA=...``: how many mutants of the reference the acceptance tests kill.

mutmut mutates the reference solution one change at a time (``<`` for ``<=``, a constant
off by one, a dropped call ...) and runs the acceptance tests that reach the changed
function. A mutant that no test notices is a behaviour the suite does not pin down.

mutmut expects the code under ``src/`` and tests that import it by package name, so the
kata is staged under ``build/mutation/<kata>/`` in that shape; the tests run with
``--impl src`` there, which is the mutated copy.

``--suite interview`` runs the kata's interview suite instead (``tests/interview/<kata>``,
through the reference's driver). That suite covers the core and the change requests, not
every step, so its score is also given over the mutants it reaches.

mutmut counts a mutant as reached when a test calls its function. A driver over plain
values calls whole functions of the reference but runs only some of their lines (a lot's
``park`` without its bus branch), so ``--covered-lines`` mutates only the lines the suite
runs, and the score says how well the suite checks what it runs.

``--module stores/postgres.py`` (repeatable) mutates only the named modules of the reference,
given relative to ``solutions/<kata>/``: a whole-kata run can take hours, and a change to
one module needs the score of that module only. The rest of the package is staged
unmutated, and the suite is the whole one, so any test that reaches a mutant can kill it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from harness.catalog import ROOT, MetadataError, load_kata

if TYPE_CHECKING:
    from collections.abc import Sequence

DETECTED = ("killed", "timeout", "segfault", "suspicious")


@attrs.frozen
class Score:
    """mutmut's counts for one run."""

    counts: dict[str, int]

    @property
    def considered(self) -> int:
        """Mutants that count: all but those mutmut skipped."""
        return self.counts.get("total", 0) - self.counts.get("skipped", 0)

    @property
    def detected(self) -> int:
        """Mutants some test noticed (a failure, a hang or a crash)."""
        return sum(self.counts.get(status, 0) for status in DETECTED)

    @property
    def percent(self) -> float:
        """Share of detected mutants; 0 when there were none to consider."""
        return 100.0 * self.detected / self.considered if self.considered else 0.0

    @property
    def reached(self) -> int:
        """Mutants in code that at least one test runs."""
        return self.considered - self.counts.get("no_tests", 0)

    @property
    def percent_reached(self) -> float:
        """Share of detected mutants among those some test reaches."""
        return 100.0 * self.detected / self.reached if self.reached else 0.0

    def text(self) -> str:
        """One line for the terminal and DESIGN.md."""
        survived = self.counts.get("survived", 0)
        no_tests = self.counts.get("no_tests", 0)
        line = (
            f"mutation score {self.percent:.1f}%: {self.detected} of {self.considered} mutants "
            f"detected, {survived} survived, {no_tests} reached by no test"
        )
        if no_tests:
            line += f"; {self.percent_reached:.1f}% of the {self.reached} the tests reach"
        return line


STEPS, INTERVIEW = "steps", "interview"


def stage(
    kata: str,
    root: Path = ROOT,
    suite: str = STEPS,
    *,
    covered_lines: bool = False,
    modules: Sequence[str] = (),
) -> Path:
    """Lay out ``build/mutation/<kata>`` the way mutmut expects; returns the folder.

    ``covered_lines`` has mutmut mutate only the lines the suite runs; ``modules`` (paths
    relative to the reference package) has it mutate only those files.
    """
    folder = root / "build" / "mutation" / (kata if suite == STEPS else f"{kata}-{suite}")
    shutil.rmtree(folder, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    tests = f"tests/{kata}" if suite == STEPS else f"tests/interview/{kata}"
    shutil.copytree(root / "solutions" / kata, folder / "src" / kata, ignore=ignore)
    shutil.copytree(root / tests, folder / tests, ignore=ignore)
    if suite != STEPS:
        # The interview suite may share helpers with the step suite of its kata, and uses
        # the helpers every interview suite shares.
        shutil.copytree(root / "tests" / kata, folder / "tests" / kata, ignore=ignore)
        shared_helpers = root / "tests" / "interview" / "support.py"
        if shared_helpers.exists():
            shutil.copy2(shared_helpers, folder / "tests" / "interview" / "support.py")
    shutil.copytree(Path(__file__).resolve().parent, folder / "harness", ignore=ignore)
    for shared in ("conftest.py", "support.py"):
        if (root / "tests" / shared).exists():
            shutil.copy2(root / "tests" / shared, folder / "tests" / shared)
    (folder / "katas" / kata).mkdir(parents=True)
    for name in ("kata.toml", "README.md", "INTERVIEW.md"):
        if (root / "katas" / kata / name).exists():
            shutil.copy2(root / "katas" / kata / name, folder / "katas" / kata / name)
    settings = (root / "pyproject.toml").read_text(encoding="utf-8")
    settings += f"""
[tool.mutmut]
source_paths = ["src/{kata}/"]
also_copy = ["tests", "harness", "katas"]
pytest_add_cli_args = ["--impl=src", "-p", "no:cacheprovider"]
pytest_add_cli_args_test_selection = ["{tests}"]
"""
    if covered_lines:
        settings += "mutate_only_covered_lines = true\n"
    if modules:
        paths = ", ".join(json.dumps(f"src/{kata}/{module}") for module in modules)
        settings += f"only_mutate = [{paths}]\n"
    (folder / "pyproject.toml").write_text(settings, encoding="utf-8")
    return folder


def mutmut(folder: Path, *args: str) -> str:
    """Run mutmut (from this interpreter's environment) in the staged folder; its output.

    Its progress display redraws a line many times a second, so the output goes to
    ``mutmut.log`` and only the end of it is shown when mutmut fails.
    """
    command = [str(Path(sys.executable).parent / "mutmut"), *args]
    # The staged harness must find its own root, not one KATAS_ROOT names.
    env = {key: value for key, value in os.environ.items() if key != "KATAS_ROOT"}
    completed = subprocess.run(  # noqa: S603 - our own tool and arguments
        command, cwd=folder, check=False, text=True, capture_output=True, env=env
    )
    with (folder / "mutmut.log").open("a", encoding="utf-8") as log:
        log.write(f"$ mutmut {' '.join(args)}\n{completed.stdout}{completed.stderr}\n")
    if completed.returncode != 0:
        tail = (completed.stdout + completed.stderr).strip().splitlines()[-15:]
        raise MutationRunError(f"mutmut {args[0]} failed:\n" + "\n".join(tail))
    return completed.stdout


class MutationRunError(RuntimeError):
    """mutmut itself failed (not a surviving mutant: the run could not complete)."""


def unknown_modules(kata: str, modules: Sequence[str], root: Path = ROOT) -> list[str]:
    """The ``modules`` that name no Python file of ``solutions/<kata>/``, in order."""
    package = (root / "solutions" / kata).resolve()
    unknown = []
    for module in modules:
        path = (package / module).resolve()
        if not path.is_relative_to(package) or path.suffix != ".py" or not path.is_file():
            unknown.append(module)
    return unknown


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="make mutation", description=__doc__)
    parser.add_argument("kata")
    parser.add_argument("--suite", choices=(STEPS, INTERVIEW), default=STEPS)
    parser.add_argument("--fail-under", type=float, default=None)
    parser.add_argument(
        "--covered-lines",
        action="store_true",
        help="mutate only the lines the suite runs, not every line of the functions it calls",
    )
    parser.add_argument(
        "--module",
        action="append",
        default=[],
        metavar="PATH",
        help=(
            "mutate only this module of the reference, relative to solutions/<kata>/ "
            "(e.g. stores/postgres.py); repeat it for several; the whole suite still runs"
        ),
    )
    args = parser.parse_args(argv)
    try:
        kata = load_kata(args.kata)
    except MetadataError as error:
        print(f"error: {error}", file=sys.stderr)  # noqa: T201 - CLI output
        return 2
    if args.suite == INTERVIEW and not (ROOT / "tests" / "interview" / kata.name).is_dir():
        message = f"error: {kata.name} has no interview suite (tests/interview/{kata.name})"
        print(message, file=sys.stderr)  # noqa: T201 - CLI output
        return 2
    unknown = unknown_modules(kata.name, args.module)
    if unknown:
        names = ", ".join(repr(module) for module in unknown)
        message = f"error: no Python module {names} in solutions/{kata.name}/"
        print(message, file=sys.stderr)  # noqa: T201 - CLI output
        return 2
    modules = list(dict.fromkeys(args.module))
    folder = stage(kata.name, suite=args.suite, covered_lines=args.covered_lines, modules=modules)
    target = ", ".join(f"solutions/{kata.name}/{module}" for module in modules)
    target = target or f"solutions/{kata.name}"
    print(f"mutating {target} in {folder.relative_to(ROOT)} ...", flush=True)  # noqa: T201
    try:
        mutmut(folder, "run")
        mutmut(folder, "export-cicd-stats")
        survivors = [
            line.strip().split(":")[0]
            for line in mutmut(folder, "results").splitlines()
            if line.strip()
        ]
        diffs = "".join(mutmut(folder, "show", name) + "\n" for name in survivors)
    except MutationRunError as error:
        print(error, file=sys.stderr)  # noqa: T201 - CLI output
        return 1
    stats = json.loads((folder / "mutants" / "mutmut-cicd-stats.json").read_text("utf-8"))
    score = Score(stats)
    report = folder / "survivors.txt"
    report.write_text(diffs, encoding="utf-8")
    scope = f"{args.suite} suite" + "".join(f", {module}" for module in modules)
    print(f"{kata.name} ({scope}): {score.text()}")  # noqa: T201 - CLI output
    if survivors:
        print(f"undetected mutants and their diffs: {report.relative_to(ROOT)}")  # noqa: T201
    if args.fail_under is not None and score.percent < args.fail_under:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
