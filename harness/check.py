"""The two-sided check: every acceptance test passes on solutions/ and fails on katas/.

Run ``python -m harness.check [KATA ...]``. For each kata it runs the step suite and the
interview suite against both sides, and prints a table kata x step (and stage) with how
many tests pass on the reference, fail on the skeleton, and how many of the spec's rules
the tests quote. It names every test that breaks a rule, checks each kata's metadata,
interview spec and skeleton API against the rest, and exits 1 when anything is wrong.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from harness.catalog import ROOT, Kata, MetadataError, consistency_problems, kata_names, load_kata
from harness.contract import Citation, Trace, trace_interview, trace_steps
from harness.interview import InterviewSpec, InterviewSpecError, interview_path, interview_problems
from harness.results import PASSED
from harness.runner import INTERVIEW, STEPS, run_suite
from harness.signatures import api_problems

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from harness.results import RunResults

# pytest exit statuses that mean "the run finished": all passed, or some tests failed.
_FINISHED = (0, 1)


@attrs.frozen
class Row:
    """One line of the table: a step (or interview stage) of one kata's suite."""

    kata: str
    suite: str
    step: str
    tests: int
    passing: int
    failing: int
    rules: str = ""


@attrs.frozen
class Verdict:
    """What the check found for one suite of one kata: its rows, violations and trace gaps."""

    rows: tuple[Row, ...]
    violations: tuple[str, ...]
    untraced: tuple[str, ...] = ()


def judge(
    kata: str,
    reference: RunResults,
    skeleton: RunResults,
    *,
    suite: str = STEPS,
    labels: Mapping[int, str] | None = None,
) -> tuple[Verdict, dict[int, int]]:
    """Compare the two runs of one suite; the verdict, and the tests counted per step."""
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
    names = labels or {}
    rows = tuple(
        Row(
            kata,
            suite,
            names.get(step, str(step)),
            counts["tests"],
            counts["passing"],
            counts["failing"],
        )
        for step, counts in sorted(per_step.items())
    )
    tests = {step: counts["tests"] for step, counts in per_step.items()}
    return Verdict(rows, tuple(violations)), tests


def with_trace(verdict: Verdict, found: Trace, labels: Mapping[int, str]) -> Verdict:
    """``verdict`` with each row's rules-cited figure and the trace's gaps added."""
    figures = {labels.get(step, str(step)): f"{cited}/{rules}" for step, rules, cited in found.rows}
    rows = tuple(attrs.evolve(row, rules=figures.get(row.step, "")) for row in verdict.rows)
    shared_rules, shared_cited = found.shared
    shared = (
        (
            Row(
                verdict.rows[0].kata,
                verdict.rows[0].suite,
                "shared",
                0,
                0,
                0,
                f"{shared_cited}/{shared_rules}",
            ),
        )
        if shared_rules and verdict.rows
        else ()
    )
    return Verdict(rows + shared, verdict.violations, verdict.untraced + found.problems)


def check_kata(kata: str, reference: RunResults, skeleton: RunResults) -> list[Verdict]:
    """Every verdict on one kata: its step suite, its interview suite, its metadata and API."""
    try:
        metadata = load_kata(kata)
    except MetadataError as error:
        return [Verdict((), (str(error),))]
    steps, tests = judge(
        kata, _only(reference, f"tests/{kata}/"), _only(skeleton, f"tests/{kata}/")
    )
    spec = (ROOT / "katas" / kata / "README.md").read_text(encoding="utf-8")
    steps = with_trace(
        steps, trace_steps(metadata, spec, _citations(reference, f"tests/{kata}/")), {}
    )
    extra = [
        *consistency_problems(metadata, tests),
        *interview_problems(metadata),
        *api_problems(kata),
    ]
    verdicts = [attrs.evolve(steps, violations=steps.violations + tuple(extra))]
    if metadata.interview is not None:
        verdicts.append(_check_interview(metadata, reference, skeleton))
    return verdicts


def _check_interview(kata: Kata, reference: RunResults, skeleton: RunResults) -> Verdict:
    assert kata.interview is not None
    prefix = f"tests/interview/{kata.name}/"
    labels = {stage.number: stage.id for stage in kata.interview.stages}
    verdict, tests = judge(
        kata.name, _only(reference, prefix), _only(skeleton, prefix), suite=INTERVIEW, labels=labels
    )
    missing = tuple(
        f"{kata.name}: interview stage {stage.id} ({stage.title}) has no tests"
        for stage in kata.interview.stages
        if tests.get(stage.number, 0) == 0
    )
    verdict = attrs.evolve(verdict, violations=verdict.violations + missing)
    try:
        spec = InterviewSpec.read(interview_path(kata.name))
    except InterviewSpecError:
        return verdict  # interview_problems names the file and what is wrong with it
    return with_trace(verdict, trace_interview(kata, spec, _citations(reference, prefix)), labels)


def _citations(run: RunResults, prefix: str) -> list[Citation]:
    return [
        Citation(outcome.nodeid, outcome.step, outcome.quotes)
        for outcome in run.outcomes
        if outcome.nodeid.startswith(prefix) and outcome.step is not None
    ]


def render(verdicts: Sequence[Verdict], *, gate_trace: bool = True) -> str:
    """The table kata x suite x step, then the violations, then the gaps in traceability."""
    rows = [row for verdict in verdicts for row in verdict.rows]
    width = max([12, *(len(row.step) for row in rows)])
    header = (
        f"{'kata':<18} {'suite':<9} {'step':>{width}} {'tests':>6} {'pass on solutions':>18} "
        f"{'fail on katas':>14} {'rules quoted':>13}"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        counts = (
            f"{'':>6} {'':>18} {'':>14}"
            if row.step == "shared"
            else f"{row.tests:>6} {row.passing:>18} {row.failing:>14}"
        )
        lines.append(f"{row.kata:<18} {row.suite:<9} {row.step:>{width}} {counts} {row.rules:>13}")
    violations = [violation for verdict in verdicts for violation in verdict.violations]
    total = sum(row.tests for verdict in verdicts for row in verdict.rows)
    lines.append("")
    untraced = [gap for verdict in verdicts for gap in verdict.untraced]
    if untraced:
        note = "" if gate_trace else " (reported only: --report-untraced)"
        lines.append(f"{len(untraced)} gap(s) between the tests and the spec{note}:")
        lines += [f"  {gap}" for gap in untraced]
    if violations:
        lines.append(f"{len(violations)} violation(s):")
        lines += [f"  {violation}" for violation in violations]
    else:
        lines.append(f"two-sided check: {total} acceptance tests, 0 violations")
    if not untraced:
        lines.append("traceability: every test quotes the spec, every rule is quoted")
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
    parser.add_argument(
        "--report-untraced",
        action="store_true",
        help="print the gaps between tests and spec without failing on them",
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
    suites = (STEPS, *((INTERVIEW,) if any(_has_interview(kata) for kata in katas) else ()))
    coverage: tuple[str, ...] = ()
    if args.cov_fail_under is not None:
        coverage = (
            *(f"--cov=solutions/{kata}" for kata in katas),
            "--cov-branch",
            "--cov-report=term-missing:skip-covered",
            f"--cov-fail-under={args.cov_fail_under}",
        )
    print(  # noqa: T201 - CLI output
        "== acceptance tests against solutions/, and at once against katas/ "
        "(every one must fail there; that run prints nothing)",
        flush=True,
    )
    # Two child processes at once, one per side: they share nothing but the tests' files.
    # A private coverage data file: other runs in the same folder (parallel data files of
    # measured subprocesses) must not be combined into this report.
    with (
        tempfile.TemporaryDirectory(prefix="katas-coverage-") as scratch,
        ThreadPoolExecutor(max_workers=2) as sides,
    ):
        on_reference = sides.submit(
            run_suite,
            katas,
            "solutions",
            suites=suites,
            extra=("-q", *coverage),
            env={"COVERAGE_FILE": str(Path(scratch) / ".coverage")},
        )
        on_skeleton = sides.submit(
            run_suite,
            katas,
            "katas",
            suites=suites,
            extra=("-q", "--tb=no", "--no-header", "-rN"),
            quiet=True,
        )
        reference_status, reference = on_reference.result()
        skeleton_status, skeleton = on_skeleton.result()
    verdicts = [verdict for kata in katas for verdict in check_kata(kata, reference, skeleton)]
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
    gate = not args.report_untraced
    print(render(verdicts, gate_trace=gate))  # noqa: T201 - CLI output
    for problem in problems:
        print(f"  {problem}")  # noqa: T201 - CLI output
    failed = problems or any(verdict.violations for verdict in verdicts)
    return 1 if failed or (gate and any(verdict.untraced for verdict in verdicts)) else 0


def _has_interview(kata: str) -> bool:
    return (ROOT / "tests" / "interview" / kata).is_dir()


def _only(run: RunResults, prefix: str) -> RunResults:
    return attrs.evolve(
        run,
        outcomes=tuple(item for item in run.outcomes if item.nodeid.startswith(prefix)),
        collection_errors=tuple(
            item for item in run.collection_errors if item.nodeid.startswith(prefix)
        ),
    )


if __name__ == "__main__":
    sys.exit(main())
