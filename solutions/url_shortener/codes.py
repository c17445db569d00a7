"""What a code may be: the alphabet and length of generated codes and of custom aliases."""

from __future__ import annotations

import re

from url_shortener.errors import InvalidAliasError, InvalidValueError
from url_shortener.values import is_text

CODE_ALPHABET = re.compile(r"[A-Za-z0-9_-]+")
MAX_CODE_LENGTH = 32
MIN_ALIAS_LENGTH = 3
# Paths the service's own pages may need one day; compared without regard to case.
RESERVED = frozenset({"admin", "api", "health", "links", "login", "static"})


def is_code(text: str) -> bool:
    """Whether ``text`` has the shape of a code: 1 to 32 letters, digits, ``_`` or ``-``."""
    return len(text) <= MAX_CODE_LENGTH and CODE_ALPHABET.fullmatch(text) is not None


def is_reserved(code: str) -> bool:
    """Whether ``code`` is a reserved word, in any case."""
    return code.lower() in RESERVED


def check_alias(alias: str) -> str:
    """The alias, if a caller may choose it; InvalidAliasError naming it otherwise."""
    if not is_text(alias):
        raise InvalidAliasError(f"an alias is a str, not {type(alias).__name__}")
    if not MIN_ALIAS_LENGTH <= len(alias) <= MAX_CODE_LENGTH or not is_code(alias):
        raise InvalidAliasError(
            f"alias {alias!r} must be {MIN_ALIAS_LENGTH} to {MAX_CODE_LENGTH} letters, "
            "digits, '_' or '-'"
        )
    if is_reserved(alias):
        raise InvalidAliasError(f"alias {alias!r} is a reserved word")
    return alias


def check_generated(code: str) -> str:
    """A generator's candidate, if it has the shape of a code; InvalidValueError otherwise."""
    if not is_text(code) or not is_code(code):
        raise InvalidValueError(
            f"the generator offered {code!r}, which is not 1 to {MAX_CODE_LENGTH} letters, "
            "digits, '_' or '-'"
        )
    return code
