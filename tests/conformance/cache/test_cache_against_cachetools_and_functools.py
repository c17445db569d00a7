"""The cache against cachetools and functools.lru_cache (the reference only).

The checks are ``dojo verify``'s (``dojo/verify/oracles/cache/``), run here on more cases:
LRU, LFU and FIFO by count and by weight against cachetools' caches, a default time to
live against ``TTLCache``, and ``get_or_load`` with ``info()`` against ``lru_cache``; a
disagreement is shrunk to the smallest case.
"""

from __future__ import annotations

import pytest

from dojo.verify.engine import case_random
from dojo.verify.oracles.cache.evictions import POLICIES, run_real, within_scope
from dojo.verify.oracles.cache.traces import PUT, Op, Trace
from tests.conformance.support import SEED, described, verify

pytestmark = pytest.mark.conformance

BATCH = 500
RUNS = [("policies", 6), ("ttl", 4), ("lru-cache", 4)]  # the check, and its batches
BATCHES = [(check, batch) for check, batches in RUNS for batch in range(batches)]


@pytest.mark.parametrize(
    ("check", "batch"),
    BATCHES,
    ids=[f"{check} cases {batch * BATCH}-{(batch + 1) * BATCH - 1}" for check, batch in BATCHES],
)
def test_the_reference_agrees_with_the_real_thing(check: str, batch: int) -> None:
    result = verify("cache", check, batch * BATCH, (batch + 1) * BATCH)

    assert result.cases == BATCH
    assert result.agrees, described(result)


def test_the_difference_by_design_is_cachetools_evicting_the_key_it_puts() -> None:
    """The real thing makes room before it counts the use, so it evicts the key being replaced."""
    trace = Trace(4, (Op(PUT, 0, 2), Op(PUT, 1, 2), Op(PUT, 0, 3)), weighted=True)

    lines, agreed = run_real(trace)

    assert agreed == 2
    assert lines[-1][2] == "{0: 2, 1: 2}"
    assert within_scope(trace).ops == trace.ops[:2]


def test_few_weighted_traces_are_cut_short_by_the_difference() -> None:
    traces = [
        POLICIES.generate(case_random(SEED, "policies", index), index) for index in range(600)
    ]
    weighted = [trace for trace in traces if trace.weighted]

    cut = [trace for trace in weighted if len(trace.ops) < 60]

    assert len(weighted) > 150
    assert len(cut) < len(weighted)
    assert sum(len(trace.ops) for trace in weighted) > 10 * len(weighted)
