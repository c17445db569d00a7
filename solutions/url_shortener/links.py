"""A link: a code, the long URL it stands for, and when it stops standing for it."""

from __future__ import annotations

from datetime import datetime

import attrs


@attrs.frozen
class Link:
    """One short link. Its code is never used again, whatever happens to the link."""

    code: str
    url: str
    created_at: datetime
    expires_at: datetime | None = None
    deleted_at: datetime | None = None

    def is_live(self, now: datetime) -> bool:
        """Whether the code still leads to the URL: not deleted, and not yet expired."""
        if self.deleted_at is not None:
            return False
        return self.expires_at is None or now < self.expires_at

    def deleted(self, at: datetime) -> Link:
        """This link, deleted at ``at``."""
        return attrs.evolve(self, deleted_at=at)
