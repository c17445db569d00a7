from __future__ import annotations

import pytest
from cache import Cache, EntryTooHeavyError, InvalidValueError, LeastFrequentlyUsed

from tests.cache.support import MostRecentlyUsed

pytestmark = [
    pytest.mark.step(4),
    pytest.mark.spec("Some entries cost more room than others."),
]


def weigh(value: object) -> int:
    """Strings weigh their length."""
    assert isinstance(value, str)
    return len(value)


@pytest.mark.spec(
    "Cache(capacity, weigher=...) takes a weigher, a callable that returns the weight of a "
    "value; with a weigher the capacity is the largest total weight the cache holds.",
    "cache.weight is the total weight of the live entries.",
)
def test_the_capacity_bounds_the_total_weight() -> None:
    cache = Cache(10, weigher=weigh)

    cache.put("a", "xxxx")
    cache.put("b", "yyyyyy")

    assert cache.weight == 10
    assert len(cache) == 2


@pytest.mark.spec("Without one every entry weighs 1, so the capacity is the number of entries.")
def test_without_a_weigher_every_entry_weighs_one() -> None:
    cache = Cache(3)

    cache.put("a", "a long value that weighs one all the same")
    cache.put("b", [1, 2, 3])

    assert cache.weight == 2


@pytest.mark.spec(
    "A put evicts by policy until the new entry fits",
    "cache.weight is the total weight of the live entries.",
)
def test_a_heavy_entry_evicts_as_many_entries_as_it_needs() -> None:
    cache = Cache(10, weigher=weigh)
    for key in "abcde":
        cache.put(key, "xx")

    cache.put("f", "yyyyyyy")

    assert cache.snapshot() == {"e": "xx", "f": "yyyyyyy"}
    assert cache.weight == 9


@pytest.mark.spec(
    "until the total weight, without the old value of the key when it is replaced, plus the "
    "new weight is at most the capacity."
)
@pytest.mark.parametrize(
    ("new", "left"),
    [("yyyyyy", {"b", "c", "a"}), ("yyyyyyy", {"c", "a"})],
    ids=["fits exactly", "one too many"],
)
def test_a_replaced_value_frees_its_own_weight(new: str, left: set[str]) -> None:
    cache = Cache(10, weigher=weigh)
    cache.put("a", "xxxx")
    cache.put("b", "xx")
    cache.put("c", "xx")

    cache.put("a", new)

    assert set(cache.snapshot()) == left
    assert cache.weight == sum(weigh(value) for value in cache.snapshot().values())


@pytest.mark.spec("Every entry it evicts is another key's")
def test_a_growing_value_never_evicts_its_own_key() -> None:
    cache = Cache(6, weigher=weigh)
    cache.put("a", "xx")
    cache.put("b", "xx")
    cache.put("c", "xx")

    cache.put("a", "yyyy")

    assert cache.snapshot() == {"c": "xx", "a": "yyyy"}


@pytest.mark.spec(
    "unless the policy itself names the key being put: then its old value leaves and the put "
    "stores the new one as a key the cache did not hold."
)
def test_a_policy_that_names_the_key_being_put_gives_up_its_old_value() -> None:
    policy = MostRecentlyUsed()
    cache = Cache(6, weigher=weigh, policy=policy)
    cache.put("a", "xx")
    cache.put("b", "xx")
    cache.put("c", "xx")
    policy.calls.clear()

    cache.put("c", "yyyyyy")

    assert cache.snapshot() == {"c": "yyyyyy"}
    assert policy.calls[:3] == [("replaced", "c"), ("victim", "c"), ("removed", "c")]
    assert policy.calls[-1] == ("added", "c")


@pytest.mark.spec(
    "An entry heavier than the capacity raises EntryTooHeavyError, and the cache keeps what it "
    "had, including the old value of that key.",
    "put of an entry that weighs more than the capacity; the message names the key, its "
    "weight and the capacity",
)
def test_an_entry_heavier_than_the_capacity_is_refused_and_nothing_changes() -> None:
    cache = Cache(5, weigher=weigh, policy=LeastFrequentlyUsed())
    cache.put("a", "xx")
    cache.put("b", "yyy")

    with pytest.raises(EntryTooHeavyError) as raised:
        cache.put("a", "zzzzzz")
    cache.put("c", "w")  # no use was counted: "a", the older, is still the victim

    assert isinstance(raised.value, InvalidValueError)
    assert all(part in str(raised.value) for part in ("'a'", "6", "5"))
    assert cache.snapshot() == {"b": "yyy", "c": "w"}


@pytest.mark.spec("An entry heavier than the capacity raises EntryTooHeavyError")
def test_an_entry_exactly_the_capacity_fits() -> None:
    cache = Cache(5, weigher=weigh)
    cache.put("a", "x")

    cache.put("b", "yyyyy")

    assert cache.snapshot() == {"b": "yyyyy"}


@pytest.mark.spec(
    "A weight that is not an int of at least 1 raises InvalidValueError naming the key and the "
    "weight.",
    "a weight that is not an int of at least 1",
)
@pytest.mark.parametrize(
    "weight", [0, -2, 1.5, True, "3"], ids=["zero", "negative", "a float", "a bool", "a str"]
)
def test_a_weight_that_is_not_a_whole_number_of_at_least_one_is_refused(weight: object) -> None:
    cache = Cache(5, weigher=lambda value: value)  # type: ignore[arg-type, return-value]
    cache.put("a", 2)

    with pytest.raises(InvalidValueError) as raised:
        cache.put("bad", weight)
    with pytest.raises(InvalidValueError):
        cache.put("a", weight)

    assert "'bad'" in str(raised.value)
    assert repr(weight) in str(raised.value)
    assert cache.snapshot() == {"a": 2}


@pytest.mark.spec("A put evicts by policy until the new entry fits")
def test_spec_example() -> None:
    cache = Cache(10, weigher=len)  # type: ignore[arg-type]
    cache.put("a", "xxxxxx")
    cache.put("b", "yyyy")

    cache.put("c", "zzz")

    assert "a" not in cache
    assert cache.weight == 7
