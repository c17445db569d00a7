"""cache against functools.lru_cache and cachetools: the checks ``dojo verify`` runs.

What is compared is only what the kata and the real thing define the same way; the
differences are stated in each check's module and in the spec ("Checked against the real
thing").
"""

from dojo.verify.check import CheckInfo

_HERE = "dojo.verify.oracles.cache"

CHECKS = (
    CheckInfo(
        "policies",
        f"{_HERE}.evictions:POLICIES",
        "LRU, LFU and FIFO, by count and by weight: what each get finds and the entries kept",
        "cachetools",
        step=2,
        cases=600,
        modules=("cachetools",),
    ),
    CheckInfo(
        "ttl",
        f"{_HERE}.evictions:EXPIRY",
        "a default time to live on a clock: what each get finds and the entries kept",
        "cachetools.TTLCache",
        step=3,
        cases=400,
        modules=("cachetools",),
    ),
    CheckInfo(
        "lru-cache",
        f"{_HERE}.memoize:CHECK",
        "get_or_load as a memoizer: values, hits, misses and currsize after every call",
        "functools.lru_cache",
        step=6,
        cases=400,
    ),
)
