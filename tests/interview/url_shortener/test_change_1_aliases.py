from __future__ import annotations

from typing import Any

import pytest
from url_shortener.driver import build, resolve, shorten, shorten_with_alias

from tests.interview.support import raises_named
from tests.support import FakeClock

pytestmark = [
    pytest.mark.interview("aliases"),
    pytest.mark.spec('"Marketing wants to choose their own codes, like /spring-sale."'),
]

URL = "https://example.com/a"


def new_service() -> Any:
    return build(FakeClock())


@pytest.mark.spec(
    "shorten_with_alias(service, url: str, alias: str) -> str makes a link whose code is the "
    "alias, and returns the alias.",
    "An alias is 3 to 32 characters, each a letter, a digit, _ or -",
    "Each change request adds the functions it needs, given in its own section.",
)
@pytest.mark.parametrize(
    "alias",
    ["spring-sale", "abc", "a" * 32, "Q3_report", "007"],
    ids=["with a dash", "3 characters", "32 characters", "an underscore", "digits"],
)
def test_an_alias_becomes_the_code(alias: str) -> None:
    service = new_service()

    code = shorten_with_alias(service, URL, alias)

    assert code == alias
    assert resolve(service, alias) == URL


@pytest.mark.spec("any other alias is refused with InvalidAliasError naming it.")
@pytest.mark.parametrize(
    "alias",
    ["ab", "a" * 33, "spring sale", "a/b", "a.b", "café", "a%41"],
    ids=["2 characters", "33 characters", "a space", "a slash", "a dot", "non-ASCII", "a percent"],
)
def test_other_aliases_are_refused_naming_them(alias: str) -> None:
    service = new_service()

    with raises_named("InvalidAliasError", naming=alias):
        shorten_with_alias(service, URL, alias)


@pytest.mark.spec(
    "The words admin, api, health, links, login and static are reserved, in any case, and "
    "refused with InvalidAliasError naming the alias."
)
@pytest.mark.parametrize(
    "alias",
    ["admin", "api", "health", "links", "login", "static", "ADMIN", "Api"],
    ids=["admin", "api", "health", "links", "login", "static", "ADMIN", "Api"],
)
def test_reserved_words_are_refused(alias: str) -> None:
    service = new_service()

    with raises_named("InvalidAliasError", naming=alias):
        shorten_with_alias(service, URL, alias)


@pytest.mark.spec(
    "An alias that is a code already, chosen or generated, is refused with AliasTakenError "
    "naming it, and the code still resolves to its first URL."
)
def test_a_chosen_alias_is_taken() -> None:
    service = new_service()
    shorten_with_alias(service, URL, "spring-sale")

    with raises_named("AliasTakenError", naming="spring-sale"):
        shorten_with_alias(service, "https://example.com/b", "spring-sale")

    assert resolve(service, "spring-sale") == URL


@pytest.mark.spec("An alias that is a code already, chosen or generated")
def test_a_generated_code_is_taken_as_an_alias() -> None:
    service = new_service()
    codes = [shorten(service, f"https://example.com/{n}") for n in range(62 * 62)]

    with raises_named("AliasTakenError", naming="100"):
        shorten_with_alias(service, URL, "100")

    assert codes[-1] == "100"
    assert resolve(service, "100") == f"https://example.com/{62 * 62 - 1}"


@pytest.mark.spec(
    "A generated code that an alias has taken is skipped: the next URL gets the next number "
    "that is free."
)
def test_the_counter_skips_codes_taken_by_aliases() -> None:
    service = new_service()
    for alias in ("100", "101"):
        shorten_with_alias(service, URL, alias)
    codes = [shorten(service, f"https://example.com/{n}") for n in range(62 * 62)]

    assert codes[-2:] == ["ZZ", "102"]
    assert resolve(service, "100") == URL
    assert resolve(service, "102") == f"https://example.com/{62 * 62 - 1}"


@pytest.mark.spec("The URL is checked as shorten checks it, before the alias.")
@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "https://user@example.com/"], ids=["a scheme", "credentials"]
)
def test_the_url_is_checked_before_the_alias(url: str) -> None:
    service = new_service()

    with raises_named("InvalidUrlError"):
        shorten_with_alias(service, url, "no")
    with raises_named("InvalidUrlError"):
        shorten_with_alias(service, url, "fine")
