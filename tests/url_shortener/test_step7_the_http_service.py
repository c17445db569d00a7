from __future__ import annotations

import io
import json
import socket
import urllib.error
import urllib.request
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

import pytest
from url_shortener import (
    ClickCounter,
    InvalidValueError,
    RunningServer,
    ShortenerApp,
    TokenBucket,
    Unlimited,
)

from tests.url_shortener import web
from tests.url_shortener.support import Codes, shortener_on
from tests.url_shortener.web import Landing, call

if TYPE_CHECKING:
    from collections.abc import Iterator

    from url_shortener import Shortener

    from tests.support import FakeClock

pytestmark = [
    pytest.mark.step(7),
    pytest.mark.spec(
        "A WSGI application over a Shortener, served on 127.0.0.1, that real HTTP clients use "
        "and follow."
    ),
]

SECOND = timedelta(seconds=1)


@pytest.fixture
def landing() -> Iterator[Landing]:
    yield from web.landing()


@pytest.fixture
def shortener(clock: FakeClock) -> Shortener:
    return shortener_on(clock)


@pytest.fixture
def server(shortener: Shortener) -> Iterator[RunningServer]:
    with RunningServer(shortener) as running:
        yield running


def shorten(server: RunningServer, **fields: Any) -> web.Reply:
    """POST the fields to /links."""
    return call("POST", f"{server.url}/links", fields)


def wsgi(
    app: Any, method: str, path: str, client: str = "127.0.0.1", body: bytes = b""
) -> tuple[str, bytes]:
    """Call the WSGI app directly, through wsgiref's validator; its status line and body."""
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "REMOTE_ADDR": client,
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
    }
    setup_testing_defaults(environ)
    started: list[str] = []

    def start_response(status: str, _headers: list[tuple[str, str]], _exc_info: Any = None) -> Any:
        started.append(status)
        return lambda _data: None

    chunks = validator(app)(environ, start_response)
    try:
        body = b"".join(chunks)
    finally:
        chunks.close()  # type: ignore[attr-defined]
    return started[0], body


@pytest.mark.spec(
    "ShortenerApp(shortener, base_url=..., limiter=None) is a WSGI application",
    "GET /<code> answers 302 Found with the long URL in its Location header",
)
def test_the_app_is_a_valid_wsgi_application(shortener: Shortener) -> None:
    shortener.shorten("https://example.com/a")
    app = ShortenerApp(shortener, base_url="http://short.example")

    found = wsgi(app, "GET", "/1")
    missing = wsgi(app, "GET", "/2")

    assert found == ("302 Found", b"")
    assert missing[0].startswith("404")


@pytest.mark.spec(
    "its short URLs are base_url, one / and the code, even when base_url ends with a /."
)
@pytest.mark.parametrize(
    "base_url", ["http://s.example", "http://s.example/"], ids=["no slash", "a slash"]
)
def test_short_urls_are_the_base_url_a_slash_and_the_code(
    shortener: Shortener, base_url: str
) -> None:
    app = ShortenerApp(shortener, base_url=base_url)

    status, body = wsgi(app, "POST", "/links", body=b'{"url": "https://example.com/a"}')

    assert status.startswith("201")
    assert json.loads(body)["short_url"] == "http://s.example/1"


@pytest.mark.spec("A path that is not /links or / followed by a code answers 404")
def test_an_empty_path_is_404(shortener: Shortener) -> None:
    shortener.shorten("https://example.com/a")
    app = ShortenerApp(shortener, base_url="http://s.example")

    status, _ = wsgi(app, "GET", "")

    assert status.startswith("404")


@pytest.mark.spec("DELETE /<code> deletes the link and answers 204 No Content")
def test_a_delete_answers_no_body(shortener: Shortener) -> None:
    shortener.shorten("https://example.com/a")
    app = ShortenerApp(shortener, base_url="http://s.example")

    status, body = wsgi(app, "DELETE", "/1")

    assert (status, body) == ("204 No Content", b"")


@pytest.mark.spec("Every answer has a Content-Length header that is the length of its body.")
def test_every_answer_says_its_length(server: RunningServer) -> None:
    replies = [
        shorten(server, url="https://example.com/a"),
        call("GET", f"{server.url}/1"),
        call("GET", f"{server.url}/nope"),
        call("POST", f"{server.url}/links", b"[]"),
        call("PUT", f"{server.url}/1"),
    ]

    assert [int(reply.headers["Content-Length"]) for reply in replies] == [
        len(reply.body) for reply in replies
    ]


@pytest.mark.spec(
    'RunningServer(shortener, host="127.0.0.1", port=0, limiter=None) serves one on a background '
    "thread, on a free port when port is 0; server.url is http://127.0.0.1:<port>, the base of "
    "its short URLs, and server.close() stops it and frees the port."
)
def test_a_server_on_a_free_port_serves_until_closed(shortener: Shortener) -> None:
    server = RunningServer(shortener, port=0)
    port = server.port
    with RunningServer(shortener) as another:
        assert another.port not in {0, port}

    created = shorten(server, url="https://example.com/a")
    server.close()

    assert server.url == f"http://127.0.0.1:{port}"
    assert created.json()["short_url"] == f"{server.url}/1"
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=web.TIMEOUT)
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))


@pytest.mark.spec(
    'POST /links with a JSON object {"url": ..., "alias": ..., "expires_in": ...} (only url is '
    "required; expires_in is a positive whole number of seconds) shortens the URL and answers 201 "
    'Created with the JSON object {"code", "short_url", "url", "expires_at"}, where short_url is '
    "server.url + / + the code, url the normalised URL and expires_at an ISO 8601 time or null; "
    "its Location header is the short URL."
)
def test_post_shortens_and_answers_201_with_the_link(
    server: RunningServer, shortener: Shortener, clock: FakeClock
) -> None:
    plain = shorten(server, url="HTTPS://Example.com:443/a")
    chosen = shorten(server, url="https://example.com/b", alias="docs", expires_in=90)

    assert plain.status == 201
    assert plain.json() == {
        "code": "1",
        "short_url": f"{server.url}/1",
        "url": "https://example.com/a",
        "expires_at": None,
    }
    assert plain.headers["Location"] == f"{server.url}/1"
    assert plain.headers["Content-Type"].startswith("application/json")
    assert chosen.status == 201
    assert chosen.json()["code"] == "docs"
    expires_at = (clock() + timedelta(seconds=90)).isoformat()
    assert chosen.json()["expires_at"] == expires_at
    assert shortener.link("docs").expires_at == clock() + timedelta(seconds=90)


@pytest.mark.spec("where short_url is server.url + / + the code")
def test_the_short_url_never_comes_from_the_host_header(server: RunningServer) -> None:
    reply = call(
        "POST", f"{server.url}/links", {"url": "https://example.com/"}, {"Host": "evil.example"}
    )

    assert reply.json()["short_url"] == f"{server.url}/1"
    assert reply.headers["Location"] == f"{server.url}/1"


@pytest.mark.spec(
    "A body that is not a JSON object, a missing or non-string url, an alias that is not a "
    "string, an expires_in that is not a positive whole number, a key other than those three, "
    "and any InvalidValueError of shorten are answered with 400 Bad Request",
    'Every error is answered with a JSON object {"error": message}; for an error the service '
    "raised, the message is the one it carries.",
)
@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"not json", "JSON"),
        (b'["https://example.com/"]', "object"),
        (b"\xff\xfe", "JSON"),
        (b'{"alias": "abc"}', "url"),
        (b'{"url": 5}', "url"),
        (b'{"url": "https://example.com/", "alias": 7}', "alias"),
        (b'{"url": "https://example.com/", "alias": null}', "alias"),
        (b'{"url": "https://example.com/", "expires_in": 0}', "expires_in"),
        (b'{"url": "https://example.com/", "expires_in": 1.5}', "expires_in"),
        (b'{"url": "https://example.com/", "expires_in": true}', "expires_in"),
        (b'{"url": "https://example.com/", "expires_in": "60"}', "expires_in"),
        (b'{"url": "https://example.com/", "owner": "me"}', "owner"),
        (b'{"url": "javascript:alert(1)"}', "scheme 'javascript' is not allowed"),
        (b'{"url": "https://example.com/", "alias": "api"}', "'api'"),
    ],
    ids=[
        "not JSON",
        "a list",
        "not UTF-8",
        "no url",
        "a number for url",
        "a number for alias",
        "null for alias",
        "zero seconds",
        "a fraction of seconds",
        "true for seconds",
        "a string for seconds",
        "another key",
        "a refused URL",
        "a reserved alias",
    ],
)
def test_a_bad_request_is_answered_400_with_the_reason(
    server: RunningServer, body: bytes, says: str
) -> None:
    reply = call("POST", f"{server.url}/links", body)

    assert reply.status == 400
    assert says in reply.json()["error"]
    assert (
        call("POST", f"{server.url}/links", {"url": "https://example.com/"}).json()["code"] == "1"
    )


@pytest.mark.spec("a taken alias with 409 Conflict")
def test_a_taken_alias_is_answered_409(server: RunningServer) -> None:
    shorten(server, url="https://example.com/a", alias="docs")

    reply = shorten(server, url="https://example.com/b", alias="docs")

    assert reply.status == 409
    assert "'docs'" in reply.json()["error"]
    assert call("GET", f"{server.url}/docs").headers["Location"] == "https://example.com/a"


@pytest.mark.spec("a CodesExhaustedError with 503 Service Unavailable.")
def test_exhausted_codes_are_answered_503(clock: FakeClock) -> None:
    shortener = shortener_on(clock, Codes("x", "x", "x"), max_attempts=2)
    with RunningServer(shortener) as server:
        shorten(server, url="https://example.com/a")

        reply = shorten(server, url="https://example.com/b")

    assert reply.status == 503
    assert "2 attempts" in reply.json()["error"]


@pytest.mark.spec(
    "A Content-Length that is not a whole number is answered with 400, and one above 16384 bytes "
    "with 413, without reading the body."
)
def test_the_length_of_a_body_is_checked_before_it_is_read(server: RunningServer) -> None:
    fits = b'{"url": "https://example.com/%s"}' % (b"a" * (16384 - 31))

    too_long = call("POST", f"{server.url}/links", b"{}", {"Content-Length": "16385"})
    bad = call("POST", f"{server.url}/links", b"{}", {"Content-Length": "ten"})
    exact = call("POST", f"{server.url}/links", fits)

    assert len(fits) == 16384
    assert too_long.status == 413
    assert bad.status == 400
    assert "ten" in bad.json()["error"]
    assert exact.status == 400  # a URL over 2048 characters, but the body was read
    assert "characters long" in exact.json()["error"]


@pytest.mark.spec(
    "GET /<code> answers 302 Found with the long URL in its Location header, and counts as a "
    "resolve whose referrer is the request's Referer header."
)
def test_get_redirects_with_302_and_counts_the_referrer(
    server: RunningServer, shortener: Shortener, clock: FakeClock
) -> None:
    counter = ClickCounter()
    shortener.subscribe(counter)
    shorten(server, url="https://example.com/a?b=1")

    reply = call("GET", f"{server.url}/1", headers={"Referer": "https://News.example/x"})
    call("GET", f"{server.url}/1")
    shortener.flush()

    assert reply.status == 302
    assert reply.headers["Location"] == "https://example.com/a?b=1"
    assert counter.by_referrer("1", clock().date()) == {"news.example": 1, None: 1}


@pytest.mark.spec("GET /<code> answers 302 Found with the long URL in its Location header")
def test_the_standard_librarys_client_follows_the_redirect(
    server: RunningServer, landing: Landing
) -> None:
    short_url = shorten(server, url=f"{landing.url}/welcome?from=short").json()["short_url"]

    with urllib.request.urlopen(short_url, timeout=web.TIMEOUT) as response:  # noqa: S310 - our own http server
        body = response.read()
        final = response.url

    assert body == b"landed on /welcome?from=short"
    assert final == f"{landing.url}/welcome?from=short"


@pytest.mark.spec(
    "It answers 404 Not Found for a code no link has, and 410 Gone for an expired or deleted one."
)
def test_unknown_codes_are_404_and_gone_ones_410(
    server: RunningServer, shortener: Shortener, clock: FakeClock
) -> None:
    shorten(server, url="https://example.com/a", expires_in=60)
    shorten(server, url="https://example.com/b", alias="bye")
    shortener.delete("bye")
    clock.advance(timedelta(seconds=60))

    unknown, expired, deleted = (call("GET", f"{server.url}/{code}") for code in ("2", "1", "bye"))

    assert (unknown.status, expired.status, deleted.status) == (404, 410, 410)
    assert "'2'" in unknown.json()["error"]
    assert "'1'" in expired.json()["error"]
    assert "Location" not in expired.headers


@pytest.mark.spec(
    "DELETE /<code> deletes the link and answers 204 No Content, or 404 or 410 as GET does."
)
def test_delete_answers_204_then_410(server: RunningServer) -> None:
    shorten(server, url="https://example.com/a")

    first = call("DELETE", f"{server.url}/1")
    again = call("DELETE", f"{server.url}/1")
    unknown = call("DELETE", f"{server.url}/nope")

    assert (first.status, first.body) == (204, b"")
    assert (again.status, unknown.status) == (410, 404)
    assert call("GET", f"{server.url}/1").status == 410


@pytest.mark.spec(
    "A path that is not /links or / followed by a code answers 404; a method a path does not take "
    "answers 405 Method Not Allowed with an Allow header listing the methods it takes."
)
@pytest.mark.parametrize(
    "path",
    ["/", "/a/b", "/a.b", "/links/1", "/%20", "/" + "a" * 33],
    ids=["the root", "two segments", "a dot", "under links", "a space", "33 characters"],
)
def test_paths_that_are_not_a_code_are_404(server: RunningServer, path: str) -> None:
    reply = call("GET", f"{server.url}{path}")

    assert reply.status == 404
    assert "error" in reply.json()


@pytest.mark.spec(
    "a method a path does not take answers 405 Method Not Allowed with an Allow header listing "
    "the methods it takes."
)
@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("GET", "/links", {"POST"}),
        ("DELETE", "/links", {"POST"}),
        ("POST", "/abc", {"GET", "DELETE"}),
        ("PUT", "/abc", {"GET", "DELETE"}),
    ],
    ids=["GET links", "DELETE links", "POST a code", "PUT a code"],
)
def test_other_methods_are_405_with_allow(
    server: RunningServer, method: str, path: str, allowed: set[str]
) -> None:
    reply = call(method, f"{server.url}{path}")

    assert reply.status == 405
    assert {name.strip() for name in reply.headers["Allow"].split(",")} == allowed


@pytest.mark.spec(
    "A RateLimiter decides per client (the client's IP address) whether a request may go ahead: "
    "limiter.wait(client) returns timedelta(0) to let it through, counting it, or how long the "
    "client must wait.",
    "A request that must wait is answered 429 Too Many Requests with a Retry-After header of the "
    "wait in whole seconds, rounded up.",
)
def test_a_client_over_its_limit_is_told_to_retry_later(clock: FakeClock) -> None:
    limiter = TokenBucket(2, timedelta(seconds=10), clock)
    with RunningServer(shortener_on(clock), limiter=limiter) as server:
        allowed = [shorten(server, url="https://example.com/a").status for _ in range(2)]
        refused = call("GET", f"{server.url}/1")
        clock.advance(timedelta(seconds=4.5))
        later = call("GET", f"{server.url}/1")
        clock.advance(timedelta(seconds=5.5))
        again = call("GET", f"{server.url}/1")

    assert allowed == [201, 201]
    assert (refused.status, refused.headers["Retry-After"]) == (429, "10")
    clock.advance(timedelta(seconds=9.5))
    with RunningServer(shortener_on(clock), limiter=limiter) as server:
        almost = call("GET", f"{server.url}/1")
    assert (almost.status, almost.headers["Retry-After"]) == (429, "1")
    assert "error" in refused.json()
    assert (later.status, later.headers["Retry-After"]) == (429, "6")
    assert again.status == 302


@pytest.mark.spec("A RateLimiter decides per client (the client's IP address)")
def test_each_client_address_has_its_own_limit(shortener: Shortener, clock: FakeClock) -> None:
    shortener.shorten("https://example.com/a")
    app = ShortenerApp(
        shortener, base_url="http://s.example", limiter=TokenBucket(1, timedelta(hours=1), clock)
    )

    statuses = [
        wsgi(app, "GET", "/1", client)[0][:3] for client in ("10.0.0.1", "10.0.0.2", "10.0.0.1")
    ]

    assert statuses == ["302", "302", "429"]


@pytest.mark.spec("Unlimited(), the default, lets everything through.")
def test_unlimited_lets_everything_through(server: RunningServer) -> None:
    statuses = {shorten(server, url="https://example.com/a").status for _ in range(30)}

    assert statuses == {201}
    assert Unlimited().wait("10.0.0.1") == timedelta(0)


@pytest.mark.spec(
    "TokenBucket(capacity, refill, clock) gives each client a bucket of capacity tokens, full at "
    "first; each request takes one, and a token comes back each refill of the clock's time, up to "
    "capacity.",
    "A request when the bucket is empty waits until the next token.",
)
def test_a_token_bucket_refills_one_token_per_refill(clock: FakeClock) -> None:
    bucket = TokenBucket(3, timedelta(seconds=2), clock)

    burst = [bucket.wait("a") for _ in range(4)]
    clock.advance(timedelta(seconds=1.5))
    early = bucket.wait("a")
    clock.advance(timedelta(seconds=0.5))
    refilled = [bucket.wait("a") for _ in range(2)]
    clock.advance(timedelta(hours=1))
    capped = [bucket.wait("a") for _ in range(4)]
    other = bucket.wait("b")

    zero = timedelta(0)
    assert burst == [zero, zero, zero, timedelta(seconds=2)]
    assert early == timedelta(seconds=0.5)
    assert refilled == [zero, timedelta(seconds=2)]
    assert capped == [zero, zero, zero, timedelta(seconds=2)]
    assert other == zero


@pytest.mark.spec(
    "A capacity below 1 or a refill that is not a positive timedelta raises InvalidValueError."
)
@pytest.mark.parametrize(
    ("capacity", "refill"),
    [(0, SECOND), (-1, SECOND), (1, timedelta(0)), (1, -SECOND), (1, 5), (True, SECOND)],
    ids=["no tokens", "negative tokens", "no refill", "negative refill", "an int", "a bool"],
)
def test_a_bucket_refuses_bad_settings(clock: FakeClock, capacity: int, refill: timedelta) -> None:
    with pytest.raises(InvalidValueError) as raised:
        TokenBucket(capacity, refill, clock)

    refused = capacity if isinstance(capacity, bool) or capacity < 1 else refill
    assert repr(refused) in str(raised.value)


@pytest.mark.spec("A capacity below 1 or a refill that is not a positive timedelta")
def test_a_bucket_may_refill_every_microsecond(clock: FakeClock) -> None:
    bucket = TokenBucket(1, timedelta(microseconds=1), clock)

    first, second = bucket.wait("a"), bucket.wait("a")

    assert (first, second) == (timedelta(0), timedelta(microseconds=1))
