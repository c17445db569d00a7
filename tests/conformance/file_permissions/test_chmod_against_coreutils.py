"""apply_mode, chmod(str) and Stat.filemode against GNU coreutils, on real files.

The checks are ``dojo verify``'s (``dojo/verify/oracles/file_permissions/``), run here on
more cases. Set CONFORMANCE_SEED to explore others.
"""

from __future__ import annotations

import pytest

from dojo.verify.engine import case_random
from dojo.verify.oracles.file_permissions.chmod import CHECK
from tests.conformance.support import SEED, described, verify

pytestmark = pytest.mark.conformance

CASES = 2500


def test_apply_mode_and_chmod_agree_with_gnu_chmod() -> None:
    result = verify("file_permissions", "chmod", 0, CASES)

    assert result.cases == CASES
    assert result.agrees, described(result)


def test_the_mode_strings_are_both_valid_and_invalid() -> None:
    cases = [CHECK.generate(case_random(SEED, "chmod", index), index) for index in range(CASES)]

    valid = sum(CHECK.theirs(case) != [None, None] for case in cases)

    assert CASES // 3 < valid < CASES - CASES // 10


def test_filemode_and_stat_mode_agree_with_ls_and_stat_for_all_4096_modes() -> None:
    result = verify("file_permissions", "filemode", 0, 2 * 0o10000)

    assert result.cases == 2 * 0o10000
    assert result.agrees, described(result)
