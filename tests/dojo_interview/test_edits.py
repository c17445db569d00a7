"""The change-request figures: a change made by edits beside the same change made by addition."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dojo.interview.edits import FileEdit, compare, compare_lines
from tests.dojo_interview.support import write_design

BEFORE = {
    "__init__.py": "",
    "pricing.py": """\
        class Hourly:
            def price(self, hours):
                return 2 * hours
        """,
    "lot.py": """\
        from toy.pricing import Hourly


        class Lot:
            def __init__(self, pricing=Hourly()):
                self.pricing = pricing

            def leave(self, hours):
                return self.pricing.price(hours)
        """,
}

# A weekend tariff, by editing the one pricing class and the lot that uses it.
BY_EDITS = {
    **BEFORE,
    "pricing.py": """\
        class Hourly:
            def price(self, hours, weekend):
                if weekend:
                    return 3 * hours
                return 2 * hours
        """,
    "lot.py": """\
        from toy.pricing import Hourly


        class Lot:
            def __init__(self, pricing=Hourly()):
                self.pricing = pricing

            def leave(self, hours, weekend):
                return self.pricing.price(hours, weekend)
        """,
}

# The same tariff as a new policy beside the old one, chosen where the lot is built.
BY_ADDITION = {
    **BEFORE,
    "weekend.py": """\
        class Weekend:
            def __init__(self, weekday, weekend_rate):
                self.weekday = weekday
                self.rate = weekend_rate

            def price(self, hours):
                return self.rate * hours
        """,
}


def test_a_change_by_edits_touches_existing_lines_and_one_by_addition_does_not(
    tmp_path: Path,
) -> None:
    before = write_design(tmp_path / "before" / "toy", BEFORE)
    edited = write_design(tmp_path / "edited" / "toy", BY_EDITS)
    added = write_design(tmp_path / "added" / "toy", BY_ADDITION)

    by_edits = compare(before, edited)
    by_addition = compare(before, added)

    assert by_edits == (
        FileEdit("lot.py", changed=2, removed=0, added=0),
        FileEdit("pricing.py", changed=1, removed=0, added=2),
    )
    assert by_addition == (FileEdit("weekend.py", changed=0, removed=0, added=6, new=True),)
    assert sum(item.touched for item in by_edits) == 3
    assert sum(item.touched for item in by_addition) == 0


def test_a_removed_file_counts_all_its_lines_as_removed(tmp_path: Path) -> None:
    before = write_design(tmp_path / "before" / "toy", BEFORE)
    after = write_design(
        tmp_path / "after" / "toy", {"__init__.py": "", "lot.py": BEFORE["lot.py"]}
    )

    assert compare(before, after) == (FileEdit("pricing.py", changed=0, removed=3, added=0),)


def test_files_that_did_not_change_and_blank_lines_are_left_out(tmp_path: Path) -> None:
    before = write_design(tmp_path / "before" / "toy", BEFORE)
    spaced = {**BEFORE, "pricing.py": BEFORE["pricing.py"].replace("\n", "\n\n")}
    after = write_design(tmp_path / "after" / "toy", spaced)

    assert compare(before, after) == ()


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        pytest.param(["a", "b"], ["a", "b"], (0, 0, 0), id="the same"),
        pytest.param(["a"], ["a", "b", "c"], (0, 0, 2), id="lines added at the end"),
        pytest.param(["a", "b", "c"], ["a"], (0, 2, 0), id="lines removed"),
        pytest.param(["a", "b"], ["a", "B"], (1, 0, 0), id="a line changed"),
        pytest.param(["a", "b", "c"], ["x"], (1, 2, 0), id="three lines replaced by one"),
        pytest.param(["a"], ["x", "y", "z"], (1, 0, 2), id="one line replaced by three"),
    ],
)
def test_lines_changed_removed_and_added(
    before: list[str], after: list[str], expected: tuple[int, int, int]
) -> None:
    assert compare_lines(before, after) == expected


@given(
    st.lists(st.sampled_from("abcd"), max_size=12),
    st.lists(st.sampled_from("abcd"), max_size=12),
)
def test_every_line_is_kept_changed_removed_or_added(before: list[str], after: list[str]) -> None:
    changed, removed, added = compare_lines(before, after)

    kept_before = len(before) - changed - removed
    kept_after = len(after) - changed - added
    assert kept_before == kept_after >= 0
    assert before == after or changed + removed + added > 0
