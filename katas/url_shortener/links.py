"""A link: a code, the long URL it stands for, and when it stops standing for it."""

from __future__ import annotations

from datetime import datetime

import attrs


@attrs.frozen
class Link:
    """One short link, a value; its code is never used again, whatever happens to it."""

    code: str
    url: str
    created_at: datetime
    expires_at: datetime | None = None
    deleted_at: datetime | None = None
