"""The HTTP face of the service: a WSGI application and a small threaded server for it.

Standard-library WSGI (``wsgiref``): the contract is four routes and JSON bodies, which
needs no framework, and any WSGI server (gunicorn, waitress) can run the same app.
"""

from __future__ import annotations

import json
import math
import threading
from datetime import timedelta
from http import HTTPStatus
from socketserver import ThreadingMixIn
from typing import TYPE_CHECKING, Any, Self
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from url_shortener.codes import is_code
from url_shortener.errors import (
    AliasTakenError,
    CodesExhaustedError,
    InvalidValueError,
    LinkGoneError,
    ShortenerError,
    UnknownCodeError,
)
from url_shortener.ratelimit import NOW, Unlimited
from url_shortener.values import is_whole

if TYPE_CHECKING:
    from collections.abc import Iterable
    from types import TracebackType
    from wsgiref.types import StartResponse, WSGIEnvironment

    from url_shortener.links import Link
    from url_shortener.ratelimit import RateLimiter
    from url_shortener.service import Shortener

MAX_BODY = 16 * 1024
POLL = timedelta(milliseconds=50)  # how soon close() is noticed; the server idles in between
FIELDS = frozenset({"url", "alias", "expires_in"})
# The most specific class first: a LinkGoneError is an UnknownCodeError too.
STATUS_OF: tuple[tuple[type[ShortenerError], HTTPStatus], ...] = (
    (InvalidValueError, HTTPStatus.BAD_REQUEST),
    (AliasTakenError, HTTPStatus.CONFLICT),
    (LinkGoneError, HTTPStatus.GONE),
    (UnknownCodeError, HTTPStatus.NOT_FOUND),
    (CodesExhaustedError, HTTPStatus.SERVICE_UNAVAILABLE),
)

Headers = list[tuple[str, str]]


class _Refusal(Exception):  # noqa: N818 - an answer, not a fault
    def __init__(self, status: HTTPStatus, message: str, headers: Headers | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or []


class ShortenerApp:
    """The WSGI application: ``POST /links``, ``GET /<code>``, ``DELETE /<code>``."""

    def __init__(
        self, shortener: Shortener, *, base_url: str, limiter: RateLimiter | None = None
    ) -> None:
        self._shortener = shortener
        self._base_url = base_url.rstrip("/")
        self._limiter = Unlimited() if limiter is None else limiter

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """Answer one request."""
        try:
            status, headers, body = self._answer(environ)
        except _Refusal as refusal:
            status, headers = refusal.status, refusal.headers
            body = _json({"error": str(refusal)}, headers)
        except ShortenerError as error:
            status = next(code for kind, code in STATUS_OF if isinstance(error, kind))
            headers = []
            body = _json({"error": str(error)}, headers)
        headers.append(("Content-Length", str(len(body))))
        start_response(f"{status.value} {status.phrase}", headers)
        return [body]

    def _answer(self, environ: WSGIEnvironment) -> tuple[HTTPStatus, Headers, bytes]:
        wait = self._limiter.wait(str(environ.get("REMOTE_ADDR", "")))
        if wait > NOW:
            seconds = str(max(1, math.ceil(wait / timedelta(seconds=1))))
            raise _Refusal(
                HTTPStatus.TOO_MANY_REQUESTS,
                f"too many requests; retry after {seconds} s",
                [("Retry-After", seconds)],
            )
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        if path == "/links":
            _allow(method, "POST")
            return self._shorten(environ)
        code = path.removeprefix("/")
        if not path.startswith("/") or not is_code(code):
            raise _Refusal(HTTPStatus.NOT_FOUND, f"no such page: {path!r}")
        _allow(method, "GET", "DELETE")
        if method == "DELETE":
            self._shortener.delete(code)
            return HTTPStatus.NO_CONTENT, [], b""
        referrer = environ.get("HTTP_REFERER")
        url = self._shortener.resolve(code, referrer=referrer)
        # WSGI asks for a Content-Type on every answer that may have a body, even an empty one.
        return HTTPStatus.FOUND, [("Location", url), ("Content-Type", "text/plain")], b""

    def _shorten(self, environ: WSGIEnvironment) -> tuple[HTTPStatus, Headers, bytes]:
        fields = _request_fields(environ)
        expires_in = fields.get("expires_in")
        link = self._shortener.shorten(
            fields["url"],
            alias=fields.get("alias"),
            expires_in=None if expires_in is None else timedelta(seconds=expires_in),
        )
        short_url = f"{self._base_url}/{link.code}"
        headers: Headers = [("Location", short_url)]
        return HTTPStatus.CREATED, headers, _json(_described(link, short_url), headers)


def _allow(method: str, *allowed: str) -> None:
    if method not in allowed:
        raise _Refusal(
            HTTPStatus.METHOD_NOT_ALLOWED,
            f"method {method!r} is not allowed here",
            [("Allow", ", ".join(allowed))],
        )


def _request_fields(environ: WSGIEnvironment) -> dict[str, Any]:
    text = environ.get("CONTENT_LENGTH") or "0"
    if not (text.isascii() and text.isdigit()):
        raise _Refusal(HTTPStatus.BAD_REQUEST, f"Content-Length {text!r} is not a whole number")
    length = int(text)
    if length > MAX_BODY:
        raise _Refusal(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            f"the body is {length} bytes; at most {MAX_BODY} are accepted",
        )
    try:
        fields = json.loads(environ["wsgi.input"].read(length))
    except (ValueError, UnicodeDecodeError):
        raise _Refusal(HTTPStatus.BAD_REQUEST, "the body is not JSON") from None
    if not isinstance(fields, dict):
        raise _Refusal(HTTPStatus.BAD_REQUEST, "the body is not a JSON object")
    if unknown := sorted(set(fields) - FIELDS):
        raise _Refusal(HTTPStatus.BAD_REQUEST, f"unknown fields {unknown!r}")
    if not isinstance(fields.get("url"), str):
        raise _Refusal(HTTPStatus.BAD_REQUEST, "the field 'url' must be a string")
    if not isinstance(fields.get("alias", ""), str):
        raise _Refusal(HTTPStatus.BAD_REQUEST, "the field 'alias' must be a string")
    expires_in = fields.get("expires_in", 1)
    if not is_whole(expires_in, 1):
        raise _Refusal(
            HTTPStatus.BAD_REQUEST, "the field 'expires_in' must be a positive whole number"
        )
    return fields


def _described(link: Link, short_url: str) -> dict[str, str | None]:
    expires_at = None if link.expires_at is None else link.expires_at.isoformat()
    return {"code": link.code, "short_url": short_url, "url": link.url, "expires_at": expires_at}


def _json(document: dict[str, Any], headers: Headers) -> bytes:
    headers.append(("Content-Type", "application/json"))
    return json.dumps(document).encode()


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        """No access log on stderr: the service's caller decides what to log."""


class _ThreadedWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class RunningServer:
    """The app served on ``host``:``port`` (0: a free port) by a thread per request."""

    def __init__(
        self,
        shortener: Shortener,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        limiter: RateLimiter | None = None,
    ) -> None:
        self._server = _ThreadedWSGIServer((host, port), _QuietHandler)
        self.port: int = self._server.server_port
        self.url = f"http://{host}:{self.port}"
        self._server.set_app(ShortenerApp(shortener, base_url=self.url, limiter=limiter))
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            args=(POLL.total_seconds(),),
            name="url-shortener-http",
            daemon=True,
        )
        self._thread.start()

    def close(self) -> None:
        """Stop serving and free the port."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
