from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from url_shortener.driver import build, clicks, delete, on_click, resolve, shorten

from tests.interview.support import raises_named
from tests.support import THREAD_TIMEOUT, FakeClock

pytestmark = [
    pytest.mark.interview("clicks"),
    pytest.mark.spec(
        '"We want the clicks of each link per day, and the analytics team wants a hook; but '
        'nothing may slow down a redirect."'
    ),
]

URL = "https://example.com/a"


@pytest.mark.spec(
    "clicks(service, code: str, day: date) -> int is the number of successful resolves of the "
    "code on the UTC date day, counting every resolve that returned before clicks was called."
)
def test_clicks_are_counted_per_code_and_utc_day() -> None:
    clock = FakeClock(datetime(2030, 5, 1, 23, 0, tzinfo=UTC))
    service = build(clock)
    first, second = shorten(service, URL), shorten(service, "https://example.com/b")

    for _ in range(3):
        resolve(service, first)
    resolve(service, second)
    clock.advance(timedelta(hours=1))
    resolve(service, first)

    assert clicks(service, first, date(2030, 5, 1)) == 3
    assert clicks(service, second, date(2030, 5, 1)) == 1
    assert clicks(service, first, date(2030, 5, 2)) == 1
    assert clicks(service, first, date(2030, 4, 30)) == 0


@pytest.mark.spec("on the UTC date day")
def test_the_day_is_the_utc_date() -> None:
    clock = FakeClock(datetime(2030, 5, 2, 1, 0, tzinfo=timezone(timedelta(hours=3))))
    service = build(clock)
    code = shorten(service, URL)

    resolve(service, code)

    assert clicks(service, code, date(2030, 5, 1)) == 1
    assert clicks(service, code, date(2030, 5, 2)) == 0


@pytest.mark.spec("A refused resolve is no click.")
def test_a_refused_resolve_is_no_click() -> None:
    clock = FakeClock()
    service = build(clock)
    code = shorten(service, URL)
    resolve(service, code)
    delete(service, code)

    with raises_named("LinkGoneError"):
        resolve(service, code)
    with raises_named("UnknownCodeError"):
        resolve(service, "nope")

    assert clicks(service, code, clock().date()) == 1
    assert clicks(service, "nope", clock().date()) == 0


@pytest.mark.spec(
    "on_click(service, callback) -> None makes the service call callback(code, at) for every "
    "later successful resolve, with the code and the clock's time of the resolve."
)
def test_a_callback_hears_every_later_click() -> None:
    clock = FakeClock()
    service = build(clock)
    code = shorten(service, URL)
    resolve(service, code)
    heard: list[tuple[str, datetime]] = []
    on_click(service, lambda code, at: heard.append((code, at)))

    resolve(service, code)
    clock.advance(timedelta(minutes=5))
    resolve(service, code)
    clicks(service, code, clock().date())

    assert heard == [(code, clock() - timedelta(minutes=5)), (code, clock())]


@pytest.mark.spec("resolve returns without waiting for any callback, even one that blocks.")
def test_a_blocking_callback_does_not_hold_up_resolve() -> None:
    clock = FakeClock()
    service = build(clock)
    code = shorten(service, URL)
    entered, release, finished = threading.Event(), threading.Event(), threading.Event()

    def blocking(_code: str, _at: datetime) -> None:
        entered.set()
        release.wait(THREAD_TIMEOUT)
        finished.set()

    on_click(service, blocking)

    resolved = [resolve(service, code) for _ in range(3)]

    assert resolved == [URL] * 3
    assert entered.wait(THREAD_TIMEOUT)
    assert not finished.is_set()
    release.set()
    assert clicks(service, code, clock().date()) == 3


@pytest.mark.spec(
    "A callback that raises breaks nothing: resolve still returns the URL, and clicks still counts."
)
def test_a_failing_callback_breaks_nothing(caplog: pytest.LogCaptureFixture) -> None:
    clock = FakeClock()
    service = build(clock)
    code = shorten(service, URL)
    calls: list[str] = []

    def failing(code: str, _at: datetime) -> None:
        calls.append(code)
        raise ConnectionError("analytics down")

    on_click(service, failing)

    with caplog.at_level("CRITICAL"):
        resolved = [resolve(service, code) for _ in range(2)]
        counted = clicks(service, code, clock().date())

    assert resolved == [URL, URL]
    assert counted == 2
    assert calls == [code, code]
