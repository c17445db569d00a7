"""The two-sided check: every acceptance test passes on solutions/ and fails on katas/.

Run ``python -m harness.check [KATA ...]``. It prints a table kata x step, names every
test that breaks the rule, checks each kata's metadata against its tests, and exits 1 when
anything is wrong.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from harness.catalog import ROOT, MetadataError, consistency_problems, kata_names, load_kata
from harness.results import PASSED
from harness.runner import run_suite

if TYPE_CHECKING:
    from collections.abc import Sequence

    from harness.results import RunResults

# pytest exit statuses that mean "the run finished": all passed, or some tests failed.
_FINISHED = (0, 1)


@attrs.frozen
class Verdict:
    """What the check found: one table row per kata and step, and every violation."""

    rows: tuple[tuple[str, int, int, int, int], ...]  # kata, step, tests, passing, failing
    violations: tuple[str, ...]


def judge(kata: str, reference: RunResults, skeleton: RunResults) -> Verdict:
    """Compare the two runs of one kata's acceptance tests."""
    violations = [
        f"{error.nodeid}: does not collect against {side}: {error.message}"
        for side, run in (("solutions", reference), ("katas", skeleton))
        for error in run.collection_errors
    ]
    on_reference = {outcome.nodeid: outcome for outcome in reference.outcomes}
    on_skeleton = {outcome.nodeid: outcome for outcome in skeleton.outcomes}
    violations += [
        f"{nodeid}: ran against only one implementation"
        for nodeid in sorted(set(on_reference) ^ set(on_skeleton))
    ]
    per_step: dict[int, Counter[str]] = defaultdict(Counter)
    for nodeid, outcome in sorted(on_reference.items()):
        if outcome.step is None:
            violations.append(f"{nodeid}: has no step")
            continue
        counts = per_step[outcome.step]
        counts["tests"] += 1
        if outcome.outcome == PASSED:
            counts["passing"] += 1
        else:
            violations.append(f"{nodeid}: {outcome.outcome} against solutions: {outcome.message}")
        other = on_skeleton.get(nodeid)
        if other is not None and other.outcome == PASSED:
            violations.append(f"{nodeid}: passes against the katas/ skeleton")
        elif other is not None:
            counts["failing"] += 1
    try:
        metadata = load_kata(kata)
    except MetadataError as error:
        violations.append(str(error))
    else:
        tests_per_step = {step: counts["tests"] for step, counts in per_step.items()}
        violations += consistency_problems(metadata, tests_per_step)
    rows = tuple(
        (kata, step, counts["tests"], counts["passing"], counts["failing"])
        for step, counts in sorted(per_step.items())
    )
    return Verdict(rows, tuple(violations))


def render(verdicts: Sequence[Verdict]) -> str:
    """The table kata x step, then the violations."""
    header = (
        f"{'kata':<20} {'step':>4} {'tests':>6} {'pass on solutions':>18} {'fail on katas':>14}"
    )
    lines = [header, "-" * len(header)]
    for verdict in verdicts:
        for kata, step, tests, passing, failing in verdict.rows:
            lines.append(f"{kata:<20} {step:>4} {tests:>6} {passing:>18} {failing:>14}")
    violations = [violation for verdict in verdicts for violation in verdict.violations]
    total = sum(row[2] for verdict in verdicts for row in verdict.rows)
    lines.append("")
    if violations:
        lines.append(f"{len(violations)} violation(s):")
        lines += [f"  {violation}" for violation in violations]
    else:
        lines.append(f"two-sided check: {total} acceptance tests, 0 violations")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m harness.check", description=__doc__)
    parser.add_argument("katas", nargs="*", help="katas to check (default: all)")
    parser.add_argument(
        "--cov-fail-under",
        type=float,
        default=None,
        help="also measure branch coverage of solutions/ by the acceptance tests",
    )
    args = parser.parse_args(argv)
    known = kata_names(ROOT)
    unknown = [name for name in args.katas if name not in known]
    if unknown:
        parser.error(f"unknown kata(s) {', '.join(unknown)}; the katas are: {', '.join(known)}")
    katas = args.katas or known
    if not katas:
        print("no katas found under katas/", file=sys.stderr)  # noqa: T201 - CLI output
        return 1
    coverage: tuple[str, ...] = ()
    if args.cov_fail_under is not None:
        coverage = (
            *(f"--cov=solutions/{kata}" for kata in katas),
            "--cov-branch",
            "--cov-report=term-missing:skip-covered",
            f"--cov-fail-under={args.cov_fail_under}",
        )
    print("== acceptance tests against solutions/", flush=True)  # noqa: T201 - CLI output
    # A private coverage data file: other runs in the same folder (parallel data files of
    # measured subprocesses) must not be combined into this report.
    with tempfile.TemporaryDirectory(prefix="katas-coverage-") as scratch:
        os.environ["COVERAGE_FILE"] = str(Path(scratch) / ".coverage")
        try:
            reference_status, reference = run_suite(katas, "solutions", extra=("-q", *coverage))
        finally:
            del os.environ["COVERAGE_FILE"]
    print("== acceptance tests against katas/ (every one must fail)", flush=True)  # noqa: T201
    skeleton_status, skeleton = run_suite(
        katas, "katas", extra=("-q", "--tb=no", "--no-header", "-rN"), quiet=True
    )
    verdicts = [
        judge(
            kata,
            _only(reference, kata),
            _only(skeleton, kata),
        )
        for kata in katas
    ]
    problems = [
        f"the run against {side} ended with pytest exit status {status}"
        for side, status in (("solutions", reference_status), ("katas", skeleton_status))
        if status not in _FINISHED
    ]
    if reference_status != 0 and not any(verdict.violations for verdict in verdicts):
        problems.append(
            f"the run against solutions exited {reference_status}: coverage below the target"
        )
    if not any(verdict.rows for verdict in verdicts):
        problems.append("no acceptance tests were collected")
    print(render(verdicts))  # noqa: T201 - CLI output
    for problem in problems:
        print(f"  {problem}")  # noqa: T201 - CLI output
    return 1 if problems or any(verdict.violations for verdict in verdicts) else 0


def _only(run: RunResults, kata: str) -> RunResults:
    prefix = f"tests/{kata}/"
    return attrs.evolve(
        run,
        outcomes=tuple(item for item in run.outcomes if item.nodeid.startswith(prefix)),
        collection_errors=tuple(
            item for item in run.collection_errors if item.nodeid.startswith(prefix)
        ),
    )


if __name__ == "__main__":
    sys.exit(main())
