from __future__ import annotations

from datetime import timedelta

import pytest
from url_shortener.driver import (
    build,
    delete,
    resolve,
    shorten,
    shorten_expiring,
    shorten_with_alias,
)

from tests.interview.support import names_of, raises_named
from tests.support import FakeClock

pytestmark = [
    pytest.mark.interview("expiry"),
    pytest.mark.spec(
        '"Campaign links should stop working after a while, and we need to take down a link '
        'that turns out to be spam."'
    ),
]

URL = "https://example.com/a"
HOUR = timedelta(hours=1)
MICROSECOND = timedelta(microseconds=1)


@pytest.mark.spec(
    "shorten_expiring(service, url: str, lifetime: timedelta) -> str makes a link that resolves "
    "until lifetime has passed on the clock; from that instant on, resolving it is refused with "
    "LinkGoneError naming the code.",
    "clock is a callable that returns the time as a timezone-aware datetime; the service reads "
    "the time only from it.",
)
def test_a_link_resolves_until_its_lifetime_has_passed() -> None:
    clock = FakeClock()
    service = build(clock)
    code = shorten_expiring(service, URL, HOUR)

    clock.advance(HOUR - MICROSECOND)
    before = resolve(service, code)
    clock.advance(MICROSECOND)

    assert before == URL
    with raises_named("LinkGoneError", naming=code):
        resolve(service, code)
    clock.advance(24 * HOUR)
    with raises_named("LinkGoneError", naming=code):
        resolve(service, code)


@pytest.mark.spec("Links made by shorten never expire.")
def test_links_made_by_shorten_never_expire() -> None:
    clock = FakeClock()
    service = build(clock)
    code = shorten(service, URL)

    clock.advance(timedelta(days=3650))

    assert resolve(service, code) == URL


@pytest.mark.spec(
    "A lifetime that is zero or negative is refused with InvalidValueError naming it, as its "
    "repr()."
)
@pytest.mark.parametrize(
    "lifetime",
    [timedelta(0), -MICROSECOND, -HOUR],
    ids=["zero", "a microsecond ago", "an hour ago"],
)
def test_a_lifetime_that_is_not_positive_is_refused(lifetime: timedelta) -> None:
    service = build(FakeClock())

    with raises_named("InvalidValueError", naming=repr(lifetime)):
        shorten_expiring(service, URL, lifetime)

    assert shorten(service, URL) == "1"


@pytest.mark.spec(
    "delete(service, code: str) -> None takes a link down: from then on, resolving it is "
    "refused with LinkGoneError."
)
def test_a_deleted_link_is_gone() -> None:
    service = build(FakeClock())
    code, other = shorten(service, URL), shorten(service, "https://example.com/b")

    delete(service, code)

    with raises_named("LinkGoneError", naming=code):
        resolve(service, code)
    assert resolve(service, other) == "https://example.com/b"


@pytest.mark.spec(
    "Deleting a code never handed out is refused with UnknownCodeError, and deleting a gone "
    "link with LinkGoneError naming the code."
)
def test_deleting_unknown_or_gone_codes_is_refused() -> None:
    clock = FakeClock()
    service = build(clock)
    deleted, expired = shorten(service, URL), shorten_expiring(service, URL, HOUR)
    delete(service, deleted)
    clock.advance(HOUR)

    with pytest.raises(Exception) as unknown:  # noqa: PT011 - checked by name below
        delete(service, "nope")
    with raises_named("LinkGoneError", naming=deleted):
        delete(service, deleted)
    with raises_named("LinkGoneError", naming=expired):
        delete(service, expired)

    assert "UnknownCodeError" in names_of(unknown.value)
    assert "LinkGoneError" not in names_of(unknown.value)


@pytest.mark.spec(
    "A gone code is never handed out again: the next generated code is still the next number, "
    "and choosing a gone code as an alias is refused with AliasTakenError."
)
def test_a_gone_code_is_never_handed_out_again() -> None:
    clock = FakeClock()
    service = build(clock)
    expired = shorten_expiring(service, URL, HOUR)
    deleted = shorten_with_alias(service, URL, "spam-link")
    delete(service, deleted)
    clock.advance(HOUR)

    after = shorten(service, "https://example.com/b")

    assert (expired, after) == ("1", "2")
    for code in ("spam-link",):
        with raises_named("AliasTakenError", naming=code):
            shorten_with_alias(service, URL, code)
    with raises_named("LinkGoneError"):
        resolve(service, "spam-link")
