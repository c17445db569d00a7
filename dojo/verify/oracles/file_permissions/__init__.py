"""file_permissions against the Linux kernel, GNU chmod and ls: the checks ``dojo verify`` runs."""

from dojo.verify.check import CheckInfo

_HERE = "dojo.verify.oracles.file_permissions"
_ROOT = "files owned by other users, and children that switch to their ids"

CHECKS = (
    CheckInfo(
        "chmod",
        f"{_HERE}.chmod:CHECK",
        "apply_mode and Session.chmod(str), symbolic and octal",
        "GNU chmod",
        step=4,
        cases=600,
        programs=("/bin/chmod",),
    ),
    CheckInfo(
        "filemode",
        f"{_HERE}.listing:CHECK",
        "Stat.filemode and Stat.mode, every mode on a file and a directory",
        "ls -l, stat(2)",
        step=2,
        cases=2 * 0o10000,
        exhaustive=True,
        programs=("/bin/ls",),
    ),
    CheckInfo(
        "operations",
        f"{_HERE}.operations:CHECK",
        "every operation as another user, and the tree after it",
        "the kernel",
        step=3,
        cases=500,
        needs_root=_ROOT,
    ),
    CheckInfo(
        "programs",
        f"{_HERE}.programs:PROGRAMS",
        "the ids execute gives a setuid or setgid program",
        "the kernel",
        step=6,
        cases=50,
        needs_root=_ROOT,
        programs=("id",),
    ),
    CheckInfo(
        "program-access",
        f"{_HERE}.programs:PROGRAM_ACCESS",
        "access inside a program: the real ids",
        "the kernel",
        step=6,
        cases=60,
        needs_root=_ROOT,
        programs=("id",),
    ),
    CheckInfo(
        "acls",
        f"{_HERE}.acls:CHECK",
        "AclPolicy: setfacl, chmod after it, access for every subset of rwx",
        "the kernel",
        step=7,
        cases=150,
        needs_root=_ROOT,
    ),
)
