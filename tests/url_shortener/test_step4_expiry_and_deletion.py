from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule
from url_shortener import (
    AliasTakenError,
    InvalidValueError,
    LinkGoneError,
    UnknownCodeError,
)

from tests.support import FakeClock
from tests.url_shortener.support import Codes, names, shortener_on

if TYPE_CHECKING:
    from url_shortener import Shortener

pytestmark = [
    pytest.mark.step(4),
    pytest.mark.spec(
        "Links may be given a lifetime, and may be deleted; both on the clock the service is given."
    ),
]

URL = "https://example.com/a"
MICROSECOND = timedelta(microseconds=1)
DAY = timedelta(days=1)


def gone(shortener: Shortener, code: str) -> str:
    """The message of the LinkGoneError that resolving ``code`` raises."""
    with pytest.raises(LinkGoneError) as raised:
        shortener.resolve(code)
    assert isinstance(raised.value, UnknownCodeError)
    assert isinstance(raised.value, LookupError)
    return str(raised.value)


@pytest.mark.spec(
    "shorten(url, expires_in=span) makes a link whose expires_at is created_at + span; without "
    "expires_in a link never expires."
)
def test_a_link_expires_its_span_after_it_was_made(clock: FakeClock) -> None:
    shortener = shortener_on(clock)
    clock.advance(timedelta(hours=3))

    lasting = shortener.shorten(URL)
    brief = shortener.shorten(URL, expires_in=timedelta(minutes=90))
    clock.advance(timedelta(days=3650))

    assert (
        brief.expires_at
        == brief.created_at + timedelta(minutes=90)
        == clock() - timedelta(days=3650) + timedelta(minutes=90)
    )
    assert lasting.expires_at is None
    assert shortener.resolve(lasting.code) == URL


@pytest.mark.spec(
    "From expires_at on (at that instant and after), resolve raises LinkGoneError naming the "
    "code; before it, resolve returns the URL.",
    "the code's link has expired or was deleted; the message names the code",
)
def test_a_link_is_gone_from_the_instant_it_expires(clock: FakeClock) -> None:
    shortener = shortener_on(clock)
    link = shortener.shorten(URL, expires_in=DAY)

    clock.advance(DAY - MICROSECOND)
    before = shortener.resolve(link.code)
    clock.advance(MICROSECOND)

    assert before == URL
    assert names(gone(shortener, link.code), link.code)
    clock.advance(DAY)
    assert names(gone(shortener, link.code), link.code)


@pytest.mark.spec(
    "A span that is zero, negative or not a timedelta is refused with InvalidValueError.",
    "an expires_in that is not a positive timedelta",
    "An operation that raises changes nothing: no link is stored, changed or deleted.",
)
@pytest.mark.parametrize(
    "span",
    [timedelta(0), -MICROSECOND, -DAY, 60, 1.5, "1 day"],
    ids=["zero", "a microsecond before", "a day before", "an int", "a float", "a str"],
)
def test_a_span_that_is_not_positive_is_refused(clock: FakeClock, span: object) -> None:
    shortener = shortener_on(clock)

    with pytest.raises(InvalidValueError) as raised:
        shortener.shorten(URL, expires_in=span)  # type: ignore[arg-type]

    assert names(str(raised.value), span)
    assert shortener.shorten(URL).code == "1"


@pytest.mark.spec(
    "shortener.delete(code) deletes a live link: its deleted_at is the clock's time, and from "
    "then on resolve raises LinkGoneError.",
    "shortener.link(code) still returns a gone link, with its expires_at and deleted_at.",
)
def test_a_deleted_link_is_gone_and_remembers_when(clock: FakeClock) -> None:
    shortener = shortener_on(clock)
    link = shortener.shorten(URL, expires_in=DAY)
    clock.advance(timedelta(hours=1))

    shortener.delete(link.code)

    assert names(gone(shortener, link.code), link.code)
    kept = shortener.link(link.code)
    assert (kept.deleted_at, kept.expires_at, kept.url) == (clock(), link.expires_at, URL)
    clock.advance(timedelta(hours=1))
    assert shortener.link(link.code).deleted_at == clock() - timedelta(hours=1)


@pytest.mark.spec(
    "shortener.link(code) still returns a gone link, with its expires_at and deleted_at.",
)
def test_an_expired_link_can_still_be_read(clock: FakeClock) -> None:
    shortener = shortener_on(clock)
    link = shortener.shorten(URL, expires_in=DAY)
    clock.advance(2 * DAY)

    kept = shortener.link(link.code)

    assert kept == link
    assert kept.deleted_at is None


@pytest.mark.spec("Deleting a code that no link has raises UnknownCodeError")
def test_deleting_an_unknown_code_is_refused(clock: FakeClock) -> None:
    shortener = shortener_on(clock)
    shortener.shorten(URL)

    with pytest.raises(UnknownCodeError) as raised:
        shortener.delete("nope")

    assert not isinstance(raised.value, LinkGoneError)
    assert names(str(raised.value), "nope")
    assert shortener.resolve("1") == URL


@pytest.mark.spec("deleting an expired or deleted link raises LinkGoneError.")
def test_deleting_a_gone_link_is_refused_and_changes_nothing(clock: FakeClock) -> None:
    shortener = shortener_on(clock)
    deleted = shortener.shorten(URL)
    expired = shortener.shorten(URL, expires_in=DAY)
    shortener.delete(deleted.code)
    first_deletion = shortener.link(deleted.code)
    clock.advance(DAY)

    with pytest.raises(LinkGoneError, match=deleted.code):
        shortener.delete(deleted.code)
    with pytest.raises(LinkGoneError, match=expired.code):
        shortener.delete(expired.code)

    assert shortener.link(deleted.code) == first_deletion
    assert shortener.link(expired.code).deleted_at is None


@pytest.mark.spec(
    "A gone code is never handed out again: not by the generator, and not as an alias.",
    "the custom alias is a code already, live or gone",
)
def test_a_gone_code_is_never_handed_out_again(clock: FakeClock) -> None:
    shortener = shortener_on(clock, Codes("old", "gone", "old", "gone", "new"))
    old = shortener.shorten(URL, expires_in=DAY)
    deleted = shortener.shorten(URL)
    shortener.delete(deleted.code)
    clock.advance(DAY)

    later = shortener.shorten("https://example.com/later")

    assert later.code == "new"
    for code in ("old", "gone", "new"):
        with pytest.raises(AliasTakenError, match=code):
            shortener.shorten(URL, alias=code)
    assert shortener.link(old.code) == old


@pytest.mark.spec(
    "The service reads the time only from its clock; a clock that returns a naive datetime "
    "makes the call raise InvalidValueError.",
    "a clock that returns a naive datetime",
)
def test_a_naive_clock_is_refused() -> None:
    shortener = shortener_on(FakeClock(datetime(2030, 1, 1)))  # noqa: DTZ001 - naive on purpose

    with pytest.raises(InvalidValueError, match="naive"):
        shortener.shorten(URL)


class ShortenerModel(RuleBasedStateMachine):
    """Shorten, resolve, delete and wait in any order; a dictionary says what must happen."""

    codes = Bundle("codes")

    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock()
        self.shortener = shortener_on(self.clock)
        self.model: dict[str, tuple[str, datetime | None, bool]] = {}

    @rule(
        target=codes,
        path=st.text("abc/", max_size=4),
        minutes=st.none() | st.integers(1, 120),
    )
    def shorten(self, path: str, minutes: int | None) -> str:
        """Shorten a URL, sometimes with a lifetime; the code is new."""
        url = f"https://example.com/{path}"
        span = None if minutes is None else timedelta(minutes=minutes)
        link = self.shortener.shorten(url, expires_in=span)
        assert link.code not in self.model
        self.model[link.code] = (url, None if span is None else self.clock() + span, False)
        return link.code

    def _live(self, code: str) -> bool:
        _, expires_at, deleted = self.model[code]
        return not deleted and (expires_at is None or self.clock() < expires_at)

    @rule(code=codes)
    def resolve(self, code: str) -> None:
        """Resolve a code made earlier: its URL while live, LinkGoneError after."""
        if self._live(code):
            assert self.shortener.resolve(code) == self.model[code][0]
        else:
            with pytest.raises(LinkGoneError):
                self.shortener.resolve(code)

    @rule(code=codes)
    def delete(self, code: str) -> None:
        """Delete a code made earlier: refused once it is gone."""
        if self._live(code):
            self.shortener.delete(code)
            url, expires_at, _ = self.model[code]
            self.model[code] = (url, expires_at, True)
        else:
            with pytest.raises(LinkGoneError):
                self.shortener.delete(code)

    @rule(minutes=st.integers(0, 90))
    def wait(self, minutes: int) -> None:
        """Let time pass."""
        self.clock.advance(timedelta(minutes=minutes))

    @rule(code=st.text("xyz", min_size=3, max_size=3))
    def resolve_unknown(self, code: str) -> None:
        """A code no link has is unknown."""
        with pytest.raises(UnknownCodeError):
            self.shortener.resolve(code)

    @invariant()
    def every_link_reads_back(self) -> None:
        """Every link reads back with its URL, expiry and deletion."""
        for code, (url, expires_at, deleted) in self.model.items():
            link = self.shortener.link(code)
            assert (link.url, link.expires_at, link.deleted_at is not None) == (
                url,
                expires_at,
                deleted,
            )


ShortenerModel.TestCase.settings = settings(max_examples=60, stateful_step_count=30)
test_the_service_agrees_with_a_dictionary = pytest.mark.spec(
    "From expires_at on (at that instant and after), resolve raises LinkGoneError",
    "shortener.delete(code) deletes a live link",
    "deleting an expired or deleted link raises LinkGoneError.",
)(ShortenerModel.TestCase)
