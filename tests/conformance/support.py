"""The checks of ``dojo verify``, run in this process against the reference (``--impl``)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from dojo.verify.engine import run_check
from dojo.verify.oracles import PACKAGE, checks_of, load

if TYPE_CHECKING:
    from dojo.verify.results import CheckResult

SEED = int(os.environ.get("CONFORMANCE_SEED", "20261128"))


def verify(kata: str, check: str, start: int, stop: int, package: str = PACKAGE) -> CheckResult:
    """Cases ``start`` to ``stop - 1`` of one check, judged and shrunk as ``dojo verify`` does.

    ``package`` holds the kata's checks: the oracles, or ``dojo.verify.drivers`` for the
    interview driver's.
    """
    info = next(info for info in checks_of(kata, package) if info.name == check)
    return run_check(load(info), info, seed=SEED, indices=range(start, stop))


def described(result: CheckResult) -> str:
    """Every kind of disagreement with its smallest case, as a failing assertion shows it."""
    lines = [f"{result.disagreed} of {result.cases} cases disagree (seed {SEED})"]
    for found in result.disagreements:
        lines += [
            f"{found.kind}: {found.count} case(s), the smallest from case {found.index}:",
            *(f"    {line}" for line in found.case.splitlines()),
            f"  real:   {found.real}",
            f"  theirs: {found.theirs}",
        ]
    if result.not_written:
        lines.append(f"{result.not_written} case(s) reached {result.not_written_at}")
    return "\n".join(lines)
