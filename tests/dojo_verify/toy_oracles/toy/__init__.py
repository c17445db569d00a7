"""The toy kata against Python itself."""

from dojo.verify.check import CheckInfo

CHECKS = (
    CheckInfo("double", f"{__name__}.double:CHECK", "double", "Python's *", step=1, cases=40),
    CheckInfo("broken", f"{__name__}.double:BROKEN", "a real thing that fails", "x", 1, 3),
)
