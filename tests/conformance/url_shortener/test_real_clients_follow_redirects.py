"""Real HTTP clients against the reference's server: the standard library's and httpx.

Each client shortens a URL with a POST, follows the short URL's 302 to a second local
server, and lands on the long URL; 404, 410 and 429 reach them as such. Then ``dojo
verify``'s series of requests over ``http.client`` (``dojo/verify/oracles/url_shortener/
web.py``), on more cases than its default.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import timedelta
from typing import TYPE_CHECKING

import httpx
import pytest
from url_shortener import RunningServer, Shortener, TokenBucket

from tests.conformance.support import described, verify
from tests.support import FakeClock
from tests.url_shortener import web

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.url_shortener.web import Landing

pytestmark = pytest.mark.conformance

TIMEOUT = 30.0


@pytest.fixture
def landing() -> Iterator[Landing]:
    yield from web.landing()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def server(clock: FakeClock) -> Iterator[RunningServer]:
    with RunningServer(Shortener(clock=clock)) as running:
        yield running


def test_urllib_shortens_and_follows_the_redirect(server: RunningServer, landing: Landing) -> None:
    request = urllib.request.Request(  # noqa: S310 - our own local server
        f"{server.url}/links",
        data=json.dumps({"url": f"{landing.url}/page?q=1"}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT) as created:  # noqa: S310 - same
        short_url = json.loads(created.read())["short_url"]

    with urllib.request.urlopen(short_url, timeout=TIMEOUT) as followed:  # noqa: S310 - same
        assert followed.url == f"{landing.url}/page?q=1"
        assert followed.read() == b"landed on /page?q=1"


def test_httpx_shortens_and_follows_the_redirect(server: RunningServer, landing: Landing) -> None:
    with httpx.Client(timeout=TIMEOUT) as client:
        created = client.post(f"{server.url}/links", json={"url": f"{landing.url}/page?q=1"})
        followed = client.get(created.json()["short_url"], follow_redirects=True)

    assert created.status_code == 201
    assert [step.status_code for step in followed.history] == [302]
    assert str(followed.url) == f"{landing.url}/page?q=1"
    assert followed.text == "landed on /page?q=1"


def test_both_clients_see_404_and_410(server: RunningServer, clock: FakeClock) -> None:
    with httpx.Client(timeout=TIMEOUT) as client:
        client.post(f"{server.url}/links", json={"url": "https://example.com/", "expires_in": 60})
        clock.advance(timedelta(minutes=1))
        statuses = [client.get(f"{server.url}/{code}").status_code for code in ("1", "2")]
    seen = []
    for code in ("1", "2"):
        with pytest.raises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(f"{server.url}/{code}", timeout=TIMEOUT)  # noqa: S310 - same
        seen.append(raised.value.code)
        raised.value.close()

    assert statuses == seen == [410, 404]


def test_both_clients_see_429_with_retry_after(clock: FakeClock) -> None:
    limiter = TokenBucket(1, timedelta(seconds=30), clock)
    with RunningServer(Shortener(clock=clock), limiter=limiter) as server:
        with httpx.Client(timeout=TIMEOUT) as client:
            first = client.get(f"{server.url}/1")
            limited = client.get(f"{server.url}/1")
        with pytest.raises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(f"{server.url}/1", timeout=TIMEOUT)  # noqa: S310 - same
        retry_after = raised.value.headers["Retry-After"]
        raised.value.close()

    assert (first.status_code, limited.status_code) == (404, 429)
    assert limited.headers["Retry-After"] == retry_after == "30"


HTTP_BATCH = 200


@pytest.mark.parametrize("batch", range(2), ids=["cases 0-199", "cases 200-399"])
def test_dojo_verifys_request_series_get_the_answers_the_standard_requires(batch: int) -> None:
    result = verify("url_shortener", "http", batch * HTTP_BATCH, (batch + 1) * HTTP_BATCH)

    assert result.cases == HTTP_BATCH
    assert result.agrees, described(result)
