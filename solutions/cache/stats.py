"""The cache's counters and the snapshot ``Cache.info`` returns, like ``cache_info()``."""

from __future__ import annotations

import attrs


@attrs.frozen
class CacheInfo:
    """Counters since the cache was built, and its size at the moment of the call."""

    hits: int
    misses: int
    evictions: int  # removed to make room
    expirations: int  # removed because their time to live ran out
    currsize: int  # the total weight of the live entries
    capacity: int
