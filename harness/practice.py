"""``make practice``: run one kata's acceptance tests and say, step by step, where you are.

Run ``python -m harness.practice KATA [--step N] [--impl katas|solutions|PATH]``. Exit
status 0 when every selected test passes, 1 when some fail, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from harness.catalog import Kata, MetadataError, load_kata
from harness.impl import ImplError, require_kata, resolve_impl
from harness.runner import run_suite

if TYPE_CHECKING:
    from collections.abc import Sequence

    from harness.results import RunResults

BAR = 20


def bar(passed: int, total: int) -> str:
    """A text progress bar, ``[#####.....]``."""
    filled = BAR * passed // total if total else 0
    return "[" + "#" * filled + "." * (BAR - filled) + "]"


def summary(
    kata: Kata, results: RunResults, last_step: int, impl: str = "katas"
) -> tuple[str, bool]:
    """The report a learner reads, and whether everything selected passed."""
    impl_option = "" if impl == "katas" else f" --impl {impl}"
    lines = [f"{kata.title}: steps 1-{last_step} of {len(kata.steps)}", ""]
    if results.collection_errors:
        error = results.collection_errors[0]
        lines += [
            "Your code does not import, so no test could run:",
            f"  {error.message}",
            *([f"  at {error.where}"] if error.where else []),
        ]
        return "\n".join(lines), False
    passed, total = results.tally()
    for step in kata.steps[:last_step]:
        done, count = passed[step.number], total[step.number]
        mark = "done" if count and done == count else ""
        lines.append(
            f"  Step {step.number}  {step.title:<32} {bar(done, count)} {done:>3}/{count:<3} {mark}"
        )
    failing = results.first_failure(last_step)
    lines.append("")
    if failing is None:
        lines.append(f"All {sum(total.values())} tests of steps 1-{last_step} pass. Well done!")
        if last_step < len(kata.steps):
            step = kata.steps[last_step]
            lines.append(f"Next: step {step.number}, {step.title} (about {step.minutes} min).")
        else:
            lines.append(f"Now compare your design with solutions/{kata.name}/DESIGN.md.")
        return "\n".join(lines), True
    step = kata.step(failing.step or 1)
    test = failing.nodeid.split("::")[-1]
    lines += [
        (
            f"Working on step {step.number}, {step.title}: "
            f"{total[step.number] - passed[step.number]} test(s) to go."
        ),
        f"Read katas/{kata.name}/README.md, section 'Step {step.number}: {step.title}'.",
        "",
        f"First failing test: {test}",
        f"  {_explain(failing.message)}",
        *([f"  at {failing.where}"] if failing.where else []),
        f"  rerun: .venv/bin/python -m pytest '{failing.nodeid}'{impl_option}",
    ]
    return "\n".join(lines), False


def _explain(message: str) -> str:
    if message.startswith("NotImplementedError"):
        return "NotImplementedError: this part of the skeleton is not written yet"
    return message


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="make practice", description=__doc__)
    parser.add_argument("kata")
    parser.add_argument("--step", type=int, default=None)
    parser.add_argument("--impl", default="katas")
    args = parser.parse_args(argv)
    try:
        kata = load_kata(args.kata)
        last_step = len(kata.steps) if args.step is None else kata.step(args.step).number
        require_kata(resolve_impl(args.impl), kata.name, label=args.impl)
    except (MetadataError, ImplError) as error:
        print(f"error: {error}", file=sys.stderr)  # noqa: T201 - CLI output
        return 2
    status, results = run_suite(
        [kata.name],
        args.impl,
        step=last_step,
        extra=("-q", "-p", "no:randomly", "--tb=short", "--no-header", "-rN"),
        quiet=True,
    )
    if status not in (0, 1) and not results.outcomes and not results.collection_errors:
        message = f"error: pytest could not run the tests (exit status {status})"
        print(message, file=sys.stderr)  # noqa: T201 - CLI output
        return 2
    report, green = summary(kata, results, last_step, args.impl)
    print(report)  # noqa: T201 - CLI output
    return 0 if green else 1


if __name__ == "__main__":
    sys.exit(main())
