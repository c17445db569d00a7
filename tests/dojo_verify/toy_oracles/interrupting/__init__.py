"""A kata whose only check is interrupted, as Ctrl-C would."""

from dojo.verify.check import CheckInfo

CHECKS = (CheckInfo("stop", f"{__name__}.check:CHECK", "interrupted", "nothing", 1, 5),)
