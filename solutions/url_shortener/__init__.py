"""A URL shortener: codes for long URLs, resolved, expired, counted, stored and served."""

from url_shortener.analytics import ClickCounter
from url_shortener.base62 import ALPHABET, decode_base62, encode_base62
from url_shortener.clock import Clock
from url_shortener.codes import RESERVED
from url_shortener.errors import (
    AliasTakenError,
    CodesExhaustedError,
    InvalidAliasError,
    InvalidUrlError,
    InvalidValueError,
    LinkGoneError,
    ShortenerError,
    UnknownCodeError,
)
from url_shortener.events import Click, Listener
from url_shortener.generators import CodeGenerator, CounterCodes, HashCodes, RandomCodes
from url_shortener.links import Link
from url_shortener.ratelimit import RateLimiter, TokenBucket, Unlimited
from url_shortener.service import Shortener
from url_shortener.stores import InMemoryLinkStore, LinkStore, SqliteLinkStore
from url_shortener.urls import MAX_URL_LENGTH, normalise_url
from url_shortener.web import RunningServer, ShortenerApp

__all__ = [
    "ALPHABET",
    "MAX_URL_LENGTH",
    "RESERVED",
    "AliasTakenError",
    "Click",
    "ClickCounter",
    "Clock",
    "CodeGenerator",
    "CodesExhaustedError",
    "CounterCodes",
    "HashCodes",
    "InMemoryLinkStore",
    "InvalidAliasError",
    "InvalidUrlError",
    "InvalidValueError",
    "Link",
    "LinkGoneError",
    "LinkStore",
    "Listener",
    "RandomCodes",
    "RateLimiter",
    "RunningServer",
    "Shortener",
    "ShortenerApp",
    "ShortenerError",
    "SqliteLinkStore",
    "TokenBucket",
    "UnknownCodeError",
    "Unlimited",
    "decode_base62",
    "encode_base62",
    "normalise_url",
]
