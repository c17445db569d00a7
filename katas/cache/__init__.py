"""The cache kata: your implementation. Tests import the names listed below."""

from cache.cache import Cache, Clock, Weigher
from cache.errors import (
    CacheError,
    EntryTooHeavyError,
    InvalidValueError,
    KeyNotFoundError,
    UnknownPolicyError,
)
from cache.events import CacheInfo, Listener, Removal, RemovalCause
from cache.policies import EvictionPolicy, FirstInFirstOut, LeastFrequentlyUsed, LeastRecentlyUsed
from cache.stores import (
    BackingStore,
    WriteBehind,
    Writer,
    WriteThrough,
    cache_from_config,
    policy_named,
)

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
