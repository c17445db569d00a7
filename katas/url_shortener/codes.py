"""What an alias may be (step 2)."""

from __future__ import annotations

# Refused as aliases, in any case; a generated candidate equal to one is skipped (step 3).
RESERVED = frozenset({"admin", "api", "health", "links", "login", "static"})
