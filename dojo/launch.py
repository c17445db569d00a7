"""The ``dojo`` console script: a Ctrl-C while ``dojo`` is still starting is one line too.

Importing the command line and its commands takes a moment; this module imports nothing
heavy, so the interrupt that lands during that moment is caught here, not shown as a
traceback.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

INTERRUPTED = 130  # the shell's status for a command stopped by Ctrl-C
INTERRUPTED_LINE = "interrupted (Ctrl-C); nothing more was done"


def main(argv: Sequence[str] | None = None) -> int:
    """Import the command line, then run it; Ctrl-C at any point is one line, status 130."""
    try:
        cli = importlib.import_module("dojo.cli")
        status: int = cli.main(argv)
    except KeyboardInterrupt:
        sys.stderr.write(f"dojo: error: {INTERRUPTED_LINE}\n")
        return INTERRUPTED
    return status
