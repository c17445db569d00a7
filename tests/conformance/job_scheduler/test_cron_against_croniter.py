"""Cron.next_after against croniter in its cron-compatible day mode (the reference only).

The check is ``dojo verify``'s (``dojo/verify/oracles/job_scheduler/cron.py``), run here
on more cases: valid and invalid expressions, starts naive or in a time zone, the next 20
fire times or the refusal; a disagreement is shrunk to the smallest case.
"""

from __future__ import annotations

import pytest

from dojo.verify.engine import case_random
from dojo.verify.oracles.job_scheduler.cron import CHECK
from tests.conformance.support import SEED, described, verify

pytestmark = pytest.mark.conformance

CASES = 4500
BATCHES = 3


@pytest.mark.parametrize(
    "batch",
    range(BATCHES),
    ids=[f"cases {n * CASES // BATCHES}-{(n + 1) * CASES // BATCHES - 1}" for n in range(BATCHES)],
)
def test_next_fire_times_and_refusals_agree_with_croniter(batch: int) -> None:
    start, stop = batch * CASES // BATCHES, (batch + 1) * CASES // BATCHES

    result = verify("job_scheduler", "cron", start, stop)

    assert result.cases == stop - start
    assert result.agrees, described(result)


def test_the_expressions_are_both_accepted_and_refused() -> None:
    cases = [CHECK.generate(case_random(SEED, "cron", index), index) for index in range(CASES)]

    refused = sum(CHECK.theirs(case) is None for case in cases)

    assert CASES // 10 < refused < CASES // 2
