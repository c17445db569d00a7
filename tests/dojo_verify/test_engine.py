"""The engine on toy checks: cases from a seed, kinds, shrinking, code not written, exceptions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from dojo.verify.check import Check, CheckInfo
from dojo.verify.engine import SHOWN_KINDS, case_random, judge, run_check, shrink, where
from dojo.verify.results import CheckResult

if TYPE_CHECKING:
    import random
    from collections.abc import Iterator
    from pathlib import Path

INFO = CheckInfo("double", "toy:CHECK", "doubling", "Python", step=1, cases=100)


@attrs.frozen
class Doubling(Check[int]):
    """Doubles; ``theirs`` is wrong for odd numbers from ``wrong_from`` on, and kinds by size."""

    wrong_from: int = 10
    kinds: int = 1

    def generate(self, rng: random.Random, index: int) -> int:
        """Any number below 1000."""
        del index
        return rng.randrange(1000)

    def real(self, case: int) -> object:
        """Twice the number."""
        return case * 2

    def theirs(self, case: int) -> object:
        """One too many for odd numbers from ``wrong_from`` on."""
        return case * 2 + (case >= self.wrong_from and case % 2 == 1)

    def show(self, case: int) -> str:
        """The call."""
        return f"double({case})"

    def kind(self, case: int, real: object, theirs: object) -> str:
        """``kinds`` kinds, by the number's half."""
        del real, theirs
        return f"kind {case // 2 % self.kinds}"

    def shrink(self, case: int) -> Iterator[int]:
        """Halves and near neighbours below."""
        yield from (case // 2, case // 2 + 1, case - 2, case - 1)

    def size(self, case: int) -> tuple[int, ...]:
        """The number."""
        return (case,)


class Unwritten(Doubling):
    """Not written yet above 500."""

    def theirs(self, case: int) -> object:
        """Raises NotImplementedError above 500."""
        if case > 500:
            raise NotImplementedError
        return case * 2


class Raising(Doubling):
    """Always raises."""

    def theirs(self, case: int) -> object:
        """Raises KeyError."""
        raise KeyError(case)


def test_every_case_is_judged_and_one_of_each_kind_is_shrunk_to_the_smallest() -> None:
    result = run_check(Doubling(), INFO, seed=7, indices=range(200))

    assert result.cases == 200
    assert result.disagreed == result.cases - result.agreed > 0
    [found] = result.disagreements
    assert (found.case, found.real, found.theirs) == ("double(11)", "22", "23")
    assert found.kind == "kind 0"
    assert found.count == result.disagreed
    assert found.shrinks > 0
    assert found.shrunk
    assert found.step == 1


def test_kinds_are_ranked_by_count_and_only_the_first_few_are_shrunk() -> None:
    check = Doubling(wrong_from=0, kinds=SHOWN_KINDS + 3)

    result = run_check(check, INFO, seed=1, indices=range(400))

    counts = [found.count for found in result.disagreements]
    assert counts == sorted(counts, reverse=True)
    assert len(result.disagreements) == SHOWN_KINDS + 3
    assert [found.shrunk for found in result.disagreements] == [True] * SHOWN_KINDS + [False] * 3
    assert all(found.shrinks == 0 for found in result.disagreements[SHOWN_KINDS:])


def test_code_not_written_yet_is_counted_apart_with_where_it_stopped(tmp_path: Path) -> None:
    result = run_check(Unwritten(), INFO, seed=3, indices=range(100), home=tmp_path)

    assert 0 < result.not_written < result.cases
    assert result.disagreed == 0
    assert result.not_written_at == "NotImplementedError"
    assert result.agreed == result.cases - result.not_written
    assert not result.agrees


def test_where_names_the_deepest_frame_inside_the_package(tmp_path: Path) -> None:
    package = tmp_path / "toy"
    package.mkdir()
    module = package / "model.py"
    module.write_text("def work():\n    raise NotImplementedError\n", encoding="utf-8")
    code = compile(module.read_text(encoding="utf-8"), str(module), "exec")
    namespace: dict[str, object] = {}
    exec(code, namespace)  # noqa: S102 - a module of our own, read from where it is

    try:
        namespace["work"]()  # type: ignore[operator]  # the function the module defines
    except NotImplementedError as error:
        found, outside = where(error, package), where(error, tmp_path / "other")

    assert found == "toy/model.py:2, in work"
    assert outside == ""
    assert where(NotImplementedError(), None) == ""


def test_their_exception_is_their_answer() -> None:
    verdict = judge(Raising(), 4)

    assert verdict.real == 8
    assert verdict.theirs == "raised KeyError: 4"
    assert not verdict.agrees


def test_answers_compare_as_json_values() -> None:
    @attrs.frozen
    class Tuples(Doubling):
        def real(self, case: int) -> object:
            return (case, [case])

        def theirs(self, case: int) -> object:
            return [case, (case,)]

    assert judge(Tuples(), 5).agrees


def test_a_case_is_replayed_from_the_seed_the_check_and_its_index_alone() -> None:
    first = [case_random(5, "double", index).random() for index in range(3)]

    again = [case_random(5, "double", index).random() for index in (2, 1, 0)]

    assert first == again[::-1]
    assert len(set(first)) == 3
    assert case_random(6, "double", 0).random() != first[0]
    assert case_random(5, "other", 0).random() != first[0]


@given(wrong_from=st.integers(0, 400), case=st.integers(0, 999), budget=st.integers(0, 40))
def test_shrinking_ends_on_a_case_no_larger_that_still_disagrees_the_same_way(
    wrong_from: int, case: int, budget: int
) -> None:
    check = Doubling(wrong_from=wrong_from)
    assume(not judge(check, case).agrees)

    smallest, verdict, steps = shrink(check, case, "kind 0", None, budget)

    assert smallest <= case
    assert not verdict.agrees
    assert verdict == judge(check, smallest)
    assert steps <= budget
    assert (smallest == case) == (steps == 0)


def test_with_budget_enough_shrinking_finds_the_smallest_disagreement() -> None:
    smallest, _, _ = shrink(Doubling(wrong_from=37), 999, "kind 0", None, budget=500)

    assert smallest == 37


def test_a_result_crosses_as_json_unchanged() -> None:
    result = run_check(Doubling(), INFO, seed=7, indices=range(50))

    assert CheckResult.from_json(result.to_json()) == result
