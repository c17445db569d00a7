"""The clock the lot reads time through; the rule is in docs/patterns/strategy.md, "The clock".

Code that needs the time takes a clock as a constructor argument and reads time only
through it; a test passes a fake and decides what time it is.
"""

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The machine's time, timezone-aware.

    Named once, as the default in ``ParkingLot``'s signature, for callers of the first
    steps that never look at a time; no test relies on what it returns.
    """
    return datetime.now(UTC)
