"""The file-permission interview's driver contract against the Linux kernel and GNU chmod."""

from dojo.verify.check import CheckInfo

_HERE = "dojo.verify.drivers.file_permissions.contract"
_ROOT = "files owned by other users, and children that switch to their ids"

CHECKS = (
    CheckInfo(
        "driver",
        f"{_HERE}:CORE",
        "read, can, create, mkdir and octal chmod as another user, and the tree after it",
        "the kernel",
        step=3,
        cases=300,
        needs_root=_ROOT,
        programs=("/bin/chmod",),
        stage="core",
    ),
    CheckInfo(
        "service-account",
        f"{_HERE}:SERVICE_ACCOUNT",
        "the service account: reads and searches everything, changes nothing",
        "the kernel",
        step=3,
        cases=150,
        needs_root=_ROOT,
        programs=("/bin/chmod",),
        stage="service-account",
    ),
    CheckInfo(
        "symbolic-modes",
        f"{_HERE}:SYMBOLIC_MODES",
        "chmod with the symbolic modes of GNU chmod",
        "GNU chmod",
        step=4,
        cases=150,
        needs_root=_ROOT,
        programs=("/bin/chmod",),
        stage="symbolic-modes",
    ),
)
