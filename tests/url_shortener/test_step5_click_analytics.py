from __future__ import annotations

import logging
import threading
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pytest
from url_shortener import Click, ClickCounter, InvalidValueError, LinkGoneError, UnknownCodeError

from tests.support import THREAD_TIMEOUT
from tests.url_shortener.support import shortener_on

if TYPE_CHECKING:
    from tests.support import FakeClock

pytestmark = [
    pytest.mark.step(5),
    pytest.mark.spec(
        "Every successful resolve is a click that listeners hear (Observer), without slowing "
        "the redirect."
    ),
]

URL = "https://example.com/a"
DAY = timedelta(days=1)


class Heard:
    """A listener that keeps the clicks it hears and the threads it heard them on."""

    def __init__(self) -> None:
        self.clicks: list[Click] = []
        self.threads: set[int] = set()

    def __call__(self, click: Click) -> None:
        """Keep one click."""
        self.clicks.append(click)
        self.threads.add(threading.get_ident())


@pytest.mark.spec(
    "shortener.subscribe(listener) makes listener (any callable) hear a Click(code, at, "
    "referrer) for every later successful resolve: at is the clock's time of the resolve",
    "returns once every click of the resolves that returned before it has reached every listener",
)
def test_a_listener_hears_every_later_resolve_at_the_clocks_time(clock: FakeClock) -> None:
    shortener = shortener_on(clock)
    link = shortener.shorten(URL)
    shortener.resolve(link.code)
    heard = Heard()
    shortener.subscribe(heard)

    shortener.resolve(link.code)
    clock.advance(timedelta(minutes=3))
    shortener.resolve(link.code)
    shortener.flush()

    start = clock() - timedelta(minutes=3)
    assert heard.clicks == [Click(link.code, start, None), Click(link.code, clock(), None)]


@pytest.mark.spec(
    "shortener.subscribe(listener) makes listener (any callable) hear a Click(code, at, "
    "referrer) for every later successful resolve"
)
def test_a_listener_hears_no_click_of_a_resolve_before_it_even_while_delivery_lags(
    clock: FakeClock,
) -> None:
    shortener = shortener_on(clock)
    link = shortener.shorten(URL)
    entered, release = threading.Event(), threading.Event()

    def blocking(_click: Click) -> None:
        entered.set()
        release.wait(THREAD_TIMEOUT)

    shortener.subscribe(blocking)
    shortener.resolve(link.code)
    assert entered.wait(THREAD_TIMEOUT)
    # The first click is held in delivery, so the second one is still waiting when the
    # late listener subscribes: who hears a click is settled when its resolve returns.
    shortener.resolve(link.code)
    late = Heard()
    shortener.subscribe(late)
    release.set()
    shortener.flush()

    assert late.clicks == []


@pytest.mark.spec(
    "referrer is the host of resolve(code, referrer=...), lower-cased and in the form "
    "normalise_url gives, or None when there is no referrer or the referrer is not a URL the "
    "service would accept."
)
@pytest.mark.parametrize(
    ("referrer", "host"),
    [
        ("https://News.Example/story?id=1", "news.example"),
        ("http://Bücher.example/", "xn--bcher-kva.example"),
        ("http://[2001:DB8::1]/", "2001:db8::1"),
        (None, None),
        ("", None),
        ("android-app://com.example/", None),
        ("javascript:alert(1)", None),
        ("not a url", None),
        ("http://user:pw@example.com/", None),
    ],
    ids=[
        "a host in mixed case",
        "an IDNA host",
        "an IPv6 host",
        "none",
        "empty",
        "an app",
        "javascript",
        "text",
        "credentials",
    ],
)
def test_the_referrer_is_the_normalised_host_or_none(
    clock: FakeClock, referrer: str | None, host: str | None
) -> None:
    shortener = shortener_on(clock)
    link = shortener.shorten(URL)
    heard = Heard()
    shortener.subscribe(heard)

    shortener.resolve(link.code, referrer=referrer)
    shortener.flush()

    assert [click.referrer for click in heard.clicks] == [host]


@pytest.mark.spec("A refused resolve is no click.")
def test_a_refused_resolve_is_no_click(clock: FakeClock) -> None:
    shortener = shortener_on(clock)
    deleted = shortener.shorten(URL)
    shortener.delete(deleted.code)
    heard = Heard()
    shortener.subscribe(heard)

    with pytest.raises(UnknownCodeError):
        shortener.resolve("nope")
    with pytest.raises(LinkGoneError):
        shortener.resolve(deleted.code)
    shortener.flush()

    assert heard.clicks == []


@pytest.mark.spec(
    "It returns a function that unsubscribes the listener: it hears no click of a resolve that "
    "starts after the call; calling that function twice is harmless."
)
def test_an_unsubscribed_listener_hears_no_more(clock: FakeClock) -> None:
    shortener = shortener_on(clock)
    link = shortener.shorten(URL)
    leaving, staying = Heard(), Heard()
    unsubscribe = shortener.subscribe(leaving)
    shortener.subscribe(staying)
    shortener.resolve(link.code)

    unsubscribe()
    unsubscribe()
    shortener.resolve(link.code)
    shortener.flush()

    assert len(leaving.clicks) == 1
    assert len(staying.clicks) == 2


@pytest.mark.spec(
    "Several listeners each hear every click, and the same listener subscribed twice hears each "
    "click twice."
)
def test_every_subscription_hears_every_click(clock: FakeClock) -> None:
    shortener = shortener_on(clock)
    link = shortener.shorten(URL)
    once, twice = Heard(), Heard()
    shortener.subscribe(once)
    shortener.subscribe(twice)
    unsubscribe_second = shortener.subscribe(twice)

    shortener.resolve(link.code)
    shortener.flush()
    unsubscribe_second()
    shortener.resolve(link.code)
    shortener.flush()

    assert len(once.clicks) == 2
    assert len(twice.clicks) == 3


@pytest.mark.spec(
    "Listeners are called on a thread of the service's own, never on the thread that calls "
    "resolve, so resolve returns without waiting for any listener, even one that blocks."
)
def test_a_blocked_listener_does_not_hold_up_resolve(clock: FakeClock) -> None:
    shortener = shortener_on(clock)
    link = shortener.shorten(URL)
    entered, release, finished = threading.Event(), threading.Event(), threading.Event()

    def blocking(_click: Click) -> None:
        entered.set()
        release.wait(THREAD_TIMEOUT)
        finished.set()

    shortener.subscribe(blocking)

    first = shortener.resolve(link.code)
    second = shortener.resolve(link.code)

    assert (first, second) == (URL, URL)
    assert entered.wait(THREAD_TIMEOUT)
    assert not finished.is_set()
    release.set()
    shortener.flush()
    assert finished.is_set()


@pytest.mark.spec("never on the thread that calls resolve")
def test_listeners_run_on_another_thread(clock: FakeClock) -> None:
    shortener = shortener_on(clock)
    link = shortener.shorten(URL)
    heard = Heard()
    shortener.subscribe(heard)

    shortener.resolve(link.code)
    shortener.flush()

    assert len(heard.clicks) == 1
    assert threading.get_ident() not in heard.threads


@pytest.mark.spec(
    "it raises TimeoutError if that takes longer than timeout, and InvalidValueError for a "
    "timeout that is not positive."
)
def test_flush_gives_up_after_its_timeout(clock: FakeClock) -> None:
    shortener = shortener_on(clock)
    link = shortener.shorten(URL)
    release = threading.Event()
    shortener.subscribe(lambda _click: release.wait(THREAD_TIMEOUT) and None)
    shortener.resolve(link.code)

    with pytest.raises(TimeoutError):
        shortener.flush(timeout=timedelta(milliseconds=20))
    release.set()
    shortener.flush()


@pytest.mark.spec("InvalidValueError for a timeout that is not positive.")
@pytest.mark.parametrize("timeout", [timedelta(0), timedelta(seconds=-1)], ids=["zero", "negative"])
def test_flush_refuses_a_timeout_that_is_not_positive(clock: FakeClock, timeout: timedelta) -> None:
    shortener = shortener_on(clock)

    with pytest.raises(InvalidValueError) as raised:
        shortener.flush(timeout=timeout)

    assert repr(timeout) in str(raised.value)


@pytest.mark.spec(
    "A listener that raises is logged on the logger url_shortener at ERROR level, and breaks "
    "nothing: the resolve still returns the URL, the other listeners still hear the click, and "
    "the listener still hears later clicks."
)
def test_a_failing_listener_is_logged_and_breaks_nothing(
    clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    shortener = shortener_on(clock)
    link = shortener.shorten(URL)
    before, after = Heard(), Heard()
    calls: list[Click] = []

    def failing(click: Click) -> None:
        calls.append(click)
        raise ConnectionError("analytics down")

    shortener.subscribe(before)
    shortener.subscribe(failing)
    shortener.subscribe(after)

    with caplog.at_level(logging.ERROR, logger="url_shortener"):
        resolved = [shortener.resolve(link.code) for _ in range(2)]
        shortener.flush()

    assert resolved == [URL, URL]
    assert len(calls) == len(before.clicks) == len(after.clicks) == 2
    errors = [
        record
        for record in caplog.records
        if record.name.split(".")[0] == "url_shortener" and record.levelno == logging.ERROR
    ]
    assert len(errors) == 2


@pytest.mark.spec("Listeners hear clicks in the order of the resolves that made them.")
def test_clicks_arrive_in_the_order_of_the_resolves(clock: FakeClock) -> None:
    shortener = shortener_on(clock)
    links = [shortener.shorten(f"https://example.com/{n}") for n in range(30)]
    heard = Heard()
    shortener.subscribe(heard)

    for link in links + links[::-1]:
        shortener.resolve(link.code)
    shortener.flush()

    assert [click.code for click in heard.clicks] == [link.code for link in links + links[::-1]]


@pytest.mark.spec(
    "ClickCounter() is a listener that counts clicks: counter.count(code, day) is the number of "
    "clicks on code during the UTC date day, and counter.by_referrer(code, day) maps each "
    "referrer of those clicks (None for none) to its number of clicks."
)
def test_a_click_counter_counts_per_code_day_and_referrer(clock: FakeClock) -> None:
    shortener = shortener_on(clock)
    clock.set(datetime(2030, 5, 1, 23, 0, tzinfo=UTC))
    docs, blog = shortener.shorten(URL, alias="docs"), shortener.shorten(URL, alias="blog")
    counter = ClickCounter()
    shortener.subscribe(counter)

    shortener.resolve("docs", referrer="https://news.example/a")
    shortener.resolve("docs", referrer="https://NEWS.example/b")
    shortener.resolve("docs")
    shortener.resolve("blog", referrer="https://mail.example/")
    clock.set(datetime(2030, 5, 2, 0, 30, tzinfo=timezone(timedelta(hours=2))))  # 22:30 UTC
    shortener.resolve("docs")
    clock.advance(timedelta(hours=2))  # 00:30 UTC on 2 May
    shortener.resolve("docs", referrer="https://news.example/")
    shortener.flush()

    first, second = date(2030, 5, 1), date(2030, 5, 2)
    assert counter.count(docs.code, first) == 4
    assert counter.by_referrer(docs.code, first) == {"news.example": 2, None: 2}
    assert counter.count(blog.code, first) == 1
    assert counter.by_referrer(blog.code, first) == {"mail.example": 1}
    assert counter.count(docs.code, second) == 1
    assert counter.by_referrer(docs.code, second) == {"news.example": 1}
    assert counter.count("nope", first) == 0
    assert counter.by_referrer("nope", first) == {}
