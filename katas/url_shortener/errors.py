"""The errors of the service: one root, and each also a builtin, so callers may catch either."""


class ShortenerError(Exception):
    """The root of every error the service raises."""


class InvalidValueError(ShortenerError, ValueError):
    """A value the service refuses: a negative number, a span that is not positive."""


class InvalidUrlError(InvalidValueError):
    """A long URL that is not an http or https URL the service accepts; says what is wrong."""


class InvalidAliasError(InvalidValueError):
    """A custom alias outside the alphabet or length, or a reserved word."""


class AliasTakenError(ShortenerError, ValueError):
    """The custom alias is already a code, live or gone."""


class UnknownCodeError(ShortenerError, LookupError):
    """No link was ever made with this code."""


class LinkGoneError(UnknownCodeError):
    """The code's link has expired or was deleted; the code is never handed out again."""


class CodesExhaustedError(ShortenerError, RuntimeError):
    """The generator offered only taken codes, as many times as the service tries."""
