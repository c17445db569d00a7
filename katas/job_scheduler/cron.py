"""Cron expressions: parsing, validation and the next matching minute (step 2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime


class Cron:
    """A five-field cron schedule with Debian cron's day rule; also a Trigger.

    A frozen value: two crons are equal exactly when their expressions are the same text.
    """

    def __init__(self, expression: str) -> None:
        """Parse `expression`; ValueError naming the field when it is invalid."""
        raise NotImplementedError

    @property
    def expression(self) -> str:
        """The expression as given."""
        raise NotImplementedError

    def next_after(self, moment: datetime) -> datetime:
        """Return the first matching minute strictly after `moment`, in the same tzinfo."""
        raise NotImplementedError

    def first_fire(self, now: datetime) -> datetime | None:
        """Trigger role: the first fire time of a job scheduled at `now`."""
        raise NotImplementedError

    def next_fire(self, previous: datetime) -> datetime | None:
        """Trigger role: the fire time after `previous`."""
        raise NotImplementedError
