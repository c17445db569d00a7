"""A weekend tariff: a pricing policy (Strategy) chosen by the day a stay began.

Added for the interview's first change request without editing any other module: the lot
already takes any ``PricingPolicy``, so a new tariff is a new class (open/closed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from parking_lot.pricing import PricingPolicy

if TYPE_CHECKING:
    from decimal import Decimal

    from parking_lot.pricing import Stay

SATURDAY = 5  # datetime.weekday(): Monday is 0, so Saturday and Sunday are 5 and 6


@attrs.frozen
class WeekendTariff:
    """``weekend`` prices the stays that began on a Saturday or a Sunday, ``weekday`` the rest.

    The day is read from the entry time in its own time zone: the clock's, which is the
    lot's local time. A stay that runs from Friday night into Saturday is a weekday stay,
    as on most car-park tariffs: the rate is fixed when the driver takes the ticket.
    """

    weekday: PricingPolicy
    weekend: PricingPolicy

    def price(self, stay: Stay) -> Decimal:
        """The price of the policy for the day the stay began."""
        began_at_weekend = stay.entered_at.weekday() >= SATURDAY
        return (self.weekend if began_at_weekend else self.weekday).price(stay)
