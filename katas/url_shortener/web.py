"""The HTTP service: a WSGI application and a server for it on a background thread (step 7)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from collections.abc import Iterable
    from types import TracebackType
    from wsgiref.types import StartResponse, WSGIEnvironment

    from url_shortener.ratelimit import RateLimiter
    from url_shortener.service import Shortener


class ShortenerApp:
    """The WSGI application: ``POST /links``, ``GET /<code>``, ``DELETE /<code>``."""

    def __init__(
        self, shortener: Shortener, *, base_url: str, limiter: RateLimiter | None = None
    ) -> None:
        raise NotImplementedError

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """Answer one request."""
        raise NotImplementedError


class RunningServer:
    """The app served on ``host``:``port`` (0: a free port); ``url`` is its base."""

    url: str
    port: int

    def __init__(
        self,
        shortener: Shortener,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        limiter: RateLimiter | None = None,
    ) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Stop serving and free the port."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        raise NotImplementedError

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        raise NotImplementedError
