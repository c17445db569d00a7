"""Building a cache from a small description (Factory): policies by name, checked settings."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from cache.cache import Cache
from cache.clock import Clock, system_clock
from cache.errors import InvalidValueError, UnknownPolicyError
from cache.lfu import LeastFrequentlyUsed
from cache.policies import EvictionPolicy, FirstInFirstOut, LeastRecentlyUsed

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

_POLICIES: dict[str, Callable[[], EvictionPolicy]] = {
    "fifo": FirstInFirstOut,
    "lfu": LeastFrequentlyUsed,
    "lru": LeastRecentlyUsed,
}
_SETTINGS = ("capacity", "policy", "ttl_seconds")


def policy_named(name: str) -> EvictionPolicy:
    """A new policy of the shipped ones by name: ``lru``, ``lfu`` or ``fifo``."""
    try:
        make = _POLICIES[name]
    except (KeyError, TypeError):
        known = ", ".join(sorted(_POLICIES))
        raise UnknownPolicyError(f"unknown policy {name!r}; known policies: {known}") from None
    return make()


def cache_from_config(config: Mapping[str, object], *, clock: Clock = system_clock) -> Cache:
    """A cache built from ``{"capacity": 100, "policy": "lfu", "ttl_seconds": 60}``.

    ``capacity`` is required; ``policy`` defaults to ``"lru"``; ``ttl_seconds`` (a whole
    number of seconds) is the default time to live, none when absent.
    """
    unknown = sorted(str(name) for name in config if name not in _SETTINGS)
    if unknown:
        raise InvalidValueError(
            f"unknown setting {unknown[0]!r}; known settings: {', '.join(_SETTINGS)}"
        )
    if "capacity" not in config:
        raise InvalidValueError("a cache config needs a capacity")
    capacity = config["capacity"]
    if type(capacity) is not int:
        raise InvalidValueError(f"capacity must be a whole number >= 0, not {capacity!r}")
    policy = policy_named(str(config.get("policy", "lru")))
    seconds = config.get("ttl_seconds")
    if seconds is not None and (type(seconds) is not int or seconds < 1):
        raise InvalidValueError(f"ttl_seconds must be a whole number >= 1, not {seconds!r}")
    ttl = None if seconds is None else timedelta(seconds=seconds)
    return Cache(capacity, policy=policy, ttl=ttl, clock=clock)
