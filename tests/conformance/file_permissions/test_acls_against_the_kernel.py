"""The ACL policy against the kernel's POSIX ACLs (ext4 and tmpfs support them).

The check is ``dojo verify``'s (``dojo/verify/oracles/file_permissions/acls.py``), run
here on more cases: the same access ACL set in memory and as the
``system.posix_acl_access`` attribute, a chmod after it at times, then ``access`` for
every subset of rwx as some user, on disk in a forked child. Needs root.
"""

from __future__ import annotations

import os

import pytest

from tests.conformance.support import described, verify

pytestmark = [
    pytest.mark.conformance,
    pytest.mark.needs_root,
    pytest.mark.skipif(
        os.geteuid() != 0, reason="needs root: files owned by other users, setuid in a child"
    ),
]

CASES = 1500


def test_acl_decisions_agree_with_the_kernel() -> None:
    result = verify("file_permissions", "acls", 0, CASES)

    assert result.cases == CASES
    assert result.agrees, described(result)
