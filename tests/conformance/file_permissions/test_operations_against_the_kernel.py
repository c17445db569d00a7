"""Operations as other users, programs and access inside them: the reference against the kernel.

The checks are ``dojo verify``'s (``dojo/verify/oracles/file_permissions/``), run here on
more cases: each builds the same tree in memory and on disk, performs one call as some
user (on disk in a forked child with the user's ids) and compares the outcome and the
tree afterwards. Needs root, to own files as other users and to become them.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conformance.support import described, verify

pytestmark = [
    pytest.mark.conformance,
    pytest.mark.needs_root,
    pytest.mark.skipif(
        os.geteuid() != 0, reason="needs root: files owned by other users, setuid in a child"
    ),
]

CASES, PROGRAM_CASES, PROGRAM_ACCESS_CASES = 5000, 400, 300
# The cases run in batches, each one test, so a loaded machine stays within the timeout.
BATCHES = 10
NO_ID = shutil.which("id") is None


@pytest.mark.parametrize(
    "batch",
    range(BATCHES),
    ids=[f"cases {n * CASES // BATCHES}-{(n + 1) * CASES // BATCHES - 1}" for n in range(BATCHES)],
)
def test_operations_as_other_users_agree_with_the_kernel(batch: int) -> None:
    start, stop = batch * CASES // BATCHES, (batch + 1) * CASES // BATCHES

    result = verify("file_permissions", "operations", start, stop)

    assert result.cases == stop - start
    assert result.agrees, described(result)


@pytest.mark.skipif(NO_ID, reason="no id program to copy as a program")
def test_programs_run_with_the_credentials_the_kernel_gives() -> None:
    result = verify("file_permissions", "programs", 0, PROGRAM_CASES)

    assert result.cases == PROGRAM_CASES
    assert result.agrees, described(result)


@pytest.mark.skipif(NO_ID, reason="no id program to copy as a program")
def test_access_inside_a_program_asks_with_the_real_ids_as_the_kernel_does() -> None:
    result = verify("file_permissions", "program-access", 0, PROGRAM_ACCESS_CASES)

    assert result.cases == PROGRAM_ACCESS_CASES
    assert result.agrees, described(result)
