"""The HTTP service against a real client, ``http.client``, on a port of 127.0.0.1.

Each case starts the learner's ``RunningServer(Shortener(clock=clock))`` on a free port and
sends it a series of requests (links made, followed, deleted; bodies malformed; paths and
methods it does not take; the clock moved on between them). The real thing's side is what
the HTTP standard and step 7 require of each answer, from a model of the links made so
far: the status code; for ``201 Created`` a ``Location`` that is the short URL (RFC 9110,
15.3.2) and the JSON fields; for ``302 Found`` a ``Location`` that is the long URL; for
``204 No Content`` no body (RFC 9110, 15.3.5); for ``405 Method Not Allowed`` an ``Allow``
header (RFC 9110, 15.5.6: it must be sent) listing the methods step 7 gives the path; for an
error a JSON object with an ``error`` string; and on every answer a ``Content-Length``
equal to the body's length. Not compared: the text of error messages, the order of
``Allow``'s methods (compared as a set), rate limiting (a ``TokenBucket`` is the learner's
own code), ``Referer`` clicks (step 5's listeners), and the ``Content-Length`` refusals
(400 and 413) of a request.
"""

from __future__ import annotations

import http.client
import json
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

import attrs
from url_shortener import RunningServer, Shortener

from dojo.verify.check import Check, first_difference, show_parting
from dojo.verify.clock import ManualClock

if TYPE_CHECKING:
    import random
    from collections.abc import Iterator

SERVER = "{server}"  # the server's URL, as both sides write it
TIMEOUT = 10.0
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
URLS = ("https://example.com/a", "http://127.0.0.1:8080/x?q=1", "https://example.org/p#top")
BAD_URLS = ("javascript:alert(1)", "ftp://example.com/", "http://user:pw@example.com/", "x")
ALIASES = ("my-link", "docs_1", "a-b-c")
BAD_ALIASES = ("ab", "admin", "API", "has space", "x" * 33)
SPANS: tuple[object, ...] = (60, 1, 120, 0, -5, "60", 1.5)
BAD_BODIES = (
    '{"url": "https://a.example/", "owner": "me"}',
    "{not json",
    "[1]",
    '"x"',
    "{}",
    '{"url": 5}',
    '{"url": "https://a.example/", "x": 1}',
)
UNKNOWN = "zz9Z"
RESERVED = {"admin", "api", "health", "links", "login", "static"}
Line = list[object]  # the request, the status, and what the answer must carry


@attrs.frozen
class Request:
    """A request, after the clock moved on ``advance`` seconds."""

    method: str
    path: str
    body: str | None = None
    advance: int = 0

    def text(self) -> str:
        """The request in one line."""
        wait = f"(clock +{self.advance} s) " if self.advance else ""
        body = f" {self.body}" if self.body is not None else ""
        return f"{wait}{self.method} {self.path}{body}"


@attrs.frozen
class Session:
    """The requests one server hears, in order."""

    requests: tuple[Request, ...]


def encode(number: int) -> str:
    """``number`` in base 62 (the codes ``CounterCodes`` gives)."""
    digits = ""
    while number:
        number, digit = divmod(number, 62)
        digits = ALPHABET[digit] + digits
    return digits or "0"


@attrs.define
class Links:
    """The model: the links made so far, and what the next request must get."""

    clock: ManualClock = attrs.field(factory=ManualClock)
    made: dict[str, tuple[str, datetime | None]] = attrs.field(factory=dict)
    deleted: set[str] = attrs.field(factory=set)
    counter: int = 1

    def answer(self, request: Request) -> list[object]:
        """The status and what the answer must carry."""
        self.clock.advance(seconds=request.advance)
        code = request.path.removeprefix("/")
        if request.path == "/links":
            refused = None if request.method == "POST" else [405, "Allow: POST"]
        elif "/" in code or not code:
            refused = [404, "error"]
        elif request.method not in {"GET", "DELETE"}:
            refused = [405, "Allow: DELETE, GET"]
        else:
            return self._use(request.method, code)
        return refused or self._shorten(request.body or "")

    def _use(self, method: str, code: str) -> list[object]:
        if code not in self.made:
            return [404, "error"]
        url, expires = self.made[code]
        if code in self.deleted or (expires is not None and self.clock() >= expires):
            return [410, "error"]
        if method == "DELETE":
            self.deleted.add(code)
            return [204, "no body"]
        return [302, url]

    def _shorten(self, body: str) -> list[object]:
        try:
            fields = json.loads(body)
        except ValueError:
            return [400, "error"]
        if not _valid_fields(fields):
            return [400, "error"]
        url, alias, span = fields["url"], fields.get("alias"), fields.get("expires_in")
        if url not in URLS or (alias is not None and not _valid_alias(alias)):
            return [400, "error"]
        if alias is not None and alias in self.made:
            return [409, "error"]
        code = alias if alias is not None else encode(self.counter)
        self.counter += alias is None
        expires = self.clock() + timedelta(seconds=span) if span is not None else None
        self.made[code] = (url, expires)
        short = f"{SERVER}/{code}"
        return [201, short, [code, short, url, expires.isoformat() if expires else None]]


def _valid_fields(fields: object) -> bool:
    if not isinstance(fields, dict) or set(fields) - {"url", "alias", "expires_in"}:
        return False
    span = fields.get("expires_in")
    if span is not None and (type(span) is not int or span < 1):
        return False
    return isinstance(fields.get("url"), str) and isinstance(fields.get("alias", ""), str)


def _valid_alias(alias: str) -> bool:
    allowed = set(ALPHABET) | {"_", "-"}
    return 3 <= len(alias) <= 32 and set(alias) <= allowed and alias.lower() not in RESERVED


def observed(response: http.client.HTTPResponse, base: str) -> list[object]:
    """What the answer carries, in the shape ``Links.answer`` gives."""
    body = response.read()
    status = response.status
    length = response.getheader("Content-Length")
    if length != str(len(body)):
        return [status, f"Content-Length {length!r} for a body of {len(body)} bytes"]
    if status == HTTPStatus.CREATED:
        return _created(response, body, base)
    if status == HTTPStatus.FOUND:
        return [status, response.getheader("Location", "no Location")]
    if status == HTTPStatus.NO_CONTENT:
        return [status, "no body" if not body else f"a body of {len(body)} bytes"]
    if status == HTTPStatus.METHOD_NOT_ALLOWED:
        return [status, _allowed(response.getheader("Allow"))]
    return [status, _error(body)]


def _allowed(allow: str | None) -> str:
    if allow is None:
        return "no Allow header"
    return "Allow: " + ", ".join(sorted({item.strip().upper() for item in allow.split(",")}))


def _error(body: bytes) -> str:
    try:
        error = json.loads(body)["error"]
    except (ValueError, TypeError, KeyError):
        return f"a body that is not {{'error': ...}}: {body[:60]!r}"
    return "error" if isinstance(error, str) else f"error {error!r}"


def _created(response: http.client.HTTPResponse, body: bytes, base: str) -> list[object]:
    location = (response.getheader("Location") or "no Location").replace(base, SERVER)
    try:
        fields: dict[str, Any] = json.loads(body)
        code, short, url, expires = (
            fields[key] for key in ("code", "short_url", "url", "expires_at")
        )
        when = datetime.fromisoformat(expires).astimezone(UTC).isoformat() if expires else None
    except (ValueError, TypeError, KeyError) as error:
        return [201, location, f"a body without code, short_url, url, expires_at: {error}"]
    return [201, location, [code, str(short).replace(base, SERVER), url, when]]


class WebCheck(Check[Session]):
    """A series of requests to one server; each answer against what it must be."""

    def generate(self, rng: random.Random, index: int) -> Session:
        """4 to 12 requests: mostly links made and followed, some mistakes, some time."""
        del index
        made: list[str] = []  # the codes and aliases the requests may name
        posts = 0
        requests = []
        for _ in range(rng.randint(4, 12)):
            advance = rng.choice((0, 0, 0, 0, 30, 60, 120))
            roll = rng.random()
            if roll < 0.35 or not made:
                body = _body(rng)
                requests.append(Request("POST", "/links", body, advance))
                posts += 1
                made += [encode(posts), *(alias for alias in ALIASES if alias in body)]
            elif roll < 0.8:
                code = rng.choice([*made, UNKNOWN])
                requests.append(
                    Request(rng.choice(("GET", "GET", "DELETE")), f"/{code}", None, advance)
                )
            else:
                method, path = rng.choice(
                    (
                        ("GET", "/links"),
                        ("PUT", "/links"),
                        ("PUT", "/1"),
                        ("POST", "/1"),
                        ("GET", "/a/b"),
                        ("GET", "/"),
                    )
                )
                requests.append(Request(method, path, None, advance))
        return Session(tuple(requests))

    def real(self, case: Session) -> object:
        """What each answer must be."""
        links = Links()
        return [[request.text(), *links.answer(request)] for request in case.requests]

    def theirs(self, case: Session) -> object:
        """What ``http.client`` receives from the learner's server."""
        clock = ManualClock()
        lines: list[Line] = []
        with RunningServer(Shortener(clock=clock)) as server:
            base = server.url
            host, _, port = base.removeprefix("http://").partition(":")
            for request in case.requests:
                clock.advance(seconds=request.advance)
                connection = http.client.HTTPConnection(host, int(port), timeout=TIMEOUT)
                try:
                    body = request.body.encode() if request.body is not None else None
                    headers = {"Content-Type": "application/json"} if body is not None else {}
                    connection.request(request.method, request.path, body=body, headers=headers)
                    lines.append([request.text(), *observed(connection.getresponse(), base)])
                except (OSError, http.client.HTTPException) as error:
                    lines.append([request.text(), f"no answer: {type(error).__name__}: {error}"])
                    return lines
                finally:
                    connection.close()
        return lines

    def show(self, case: Session) -> str:
        """The server, then each request."""
        lines = [
            "from url_shortener import RunningServer, Shortener",
            "from dojo.verify.clock import ManualClock",
            "server = RunningServer(Shortener(clock=ManualClock()))  # {server} is server.url",
            "# then, over http.client, each on a new connection:",
        ]
        return "\n".join([*lines, *(request.text() for request in case.requests)])

    def show_answers(self, real: object, theirs: object) -> tuple[str, str]:
        """The first request whose answer differs."""
        return show_parting(real, theirs, "answer", _answer)

    def kind(self, case: Session, real: object, theirs: object) -> str:
        """Another status for a sort of request, or the same status carrying other things."""
        del case
        index = first_difference(real, theirs)
        if index is None or not isinstance(theirs, list) or not isinstance(real, list):
            return "your code raises"
        if index >= len(theirs) or index >= len(real):
            return "no answer"
        mine, yours = real[index], theirs[index]
        method = str(mine[0]).split(") ")[-1].split(" ")[0]
        if len(yours) < 2 or mine[1] != yours[1]:
            return f"{method}: another status where {mine[1]} is required"
        return f"{method}: a {mine[1]} answer without what it must carry"

    def shrink(self, case: Session) -> Iterator[Session]:
        """Fewer requests, then no waiting."""
        requests = case.requests
        if len(requests) > 1:
            yield Session(requests[: len(requests) // 2])
        for index in reversed(range(len(requests))):
            yield Session(requests[:index] + requests[index + 1 :])
        for index, request in enumerate(requests):
            if request.advance:
                still = attrs.evolve(request, advance=0)
                yield Session((*requests[:index], still, *requests[index + 1 :]))

    def size(self, case: Session) -> tuple[int, ...]:
        """Fewer requests, less waiting, shorter bodies."""
        requests = case.requests
        return (
            len(requests),
            sum(request.advance for request in requests),
            sum(len(request.body or "") for request in requests),
        )


def _body(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return rng.choice(BAD_BODIES)
    fields: dict[str, object] = {
        "url": rng.choice(URLS) if rng.random() < 0.85 else rng.choice(BAD_URLS)
    }
    if rng.random() < 0.3:
        fields["alias"] = rng.choice(ALIASES) if rng.random() < 0.7 else rng.choice(BAD_ALIASES)
    if rng.random() < 0.3:
        fields["expires_in"] = rng.choice(SPANS)
    return json.dumps(fields)


def _answer(line: Line, index: int) -> str:
    del index
    request, *said = line
    return f"{request} -> " + ", ".join(map(str, said))


CHECK = WebCheck()
