"""The errors of the cache: one root, and each also the builtin it resembles (given)."""


class CacheError(Exception):
    """Root of every error the cache raises."""


class InvalidValueError(CacheError, ValueError):
    """A value the cache refuses: a negative capacity, a zero TTL, a weight of -1, ..."""


class EntryTooHeavyError(InvalidValueError):
    """An entry that could never fit: it weighs more than the whole capacity."""


class KeyNotFoundError(CacheError, LookupError):
    """The cache holds no live entry for the key."""


class UnknownPolicyError(CacheError, LookupError):
    """The policy factory does not know the name."""
