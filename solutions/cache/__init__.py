"""The cache kata's reference solution: a bounded cache with policies, expiry and loaders."""

from cache.cache import Cache, Weigher
from cache.clock import Clock
from cache.config import cache_from_config, policy_named
from cache.errors import (
    CacheError,
    EntryTooHeavyError,
    InvalidValueError,
    KeyNotFoundError,
    UnknownPolicyError,
)
from cache.events import Listener, Removal, RemovalCause
from cache.lfu import LeastFrequentlyUsed
from cache.policies import EvictionPolicy, FirstInFirstOut, LeastRecentlyUsed
from cache.stats import CacheInfo
from cache.writers import BackingStore, WriteBehind, Writer, WriteThrough

__all__ = [
    "BackingStore",
    "Cache",
    "CacheError",
    "CacheInfo",
    "Clock",
    "EntryTooHeavyError",
    "EvictionPolicy",
    "FirstInFirstOut",
    "InvalidValueError",
    "KeyNotFoundError",
    "LeastFrequentlyUsed",
    "LeastRecentlyUsed",
    "Listener",
    "Removal",
    "RemovalCause",
    "UnknownPolicyError",
    "Weigher",
    "WriteBehind",
    "WriteThrough",
    "Writer",
    "cache_from_config",
    "policy_named",
]
