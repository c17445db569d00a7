"""The interview's driver contract, as the reference driver keeps it, against the real kernel.

The checks are ``dojo interview file_permissions --verify``'s
(``dojo/verify/drivers/file_permissions/contract.py``), run here on more cases: each
builds a tree through the driver and on disk, then one user makes one driver call, in
memory and in a forked child with that user's ids (the service account with
CAP_DAC_READ_SEARCH alone); the answers and the trees afterwards must agree. Needs root.
"""

from __future__ import annotations

import os

import pytest

from dojo.verify.drivers import PACKAGE
from tests.conformance.support import described, verify

pytestmark = [
    pytest.mark.conformance,
    pytest.mark.needs_root,
    pytest.mark.skipif(
        os.geteuid() != 0, reason="needs root: files owned by other users, capabilities in a child"
    ),
]

# (check, first case, last case + 1): 2,000 cases in batches of 500, each one test, so a
# loaded machine stays within the per-test timeout.
BATCHES = (
    ("driver", 0, 500),
    ("driver", 500, 1000),
    ("service-account", 0, 500),
    ("symbolic-modes", 0, 500),
)


@pytest.mark.parametrize(
    ("check", "start", "stop"),
    BATCHES,
    ids=[f"{check} cases {start}-{stop - 1}" for check, start, stop in BATCHES],
)
def test_the_driver_contract_agrees_with_the_kernel(check: str, start: int, stop: int) -> None:
    result = verify("file_permissions", check, start, stop, PACKAGE)

    assert result.cases == stop - start
    assert result.agrees, described(result)
