"""The facilitator guide's agendas agree with each kata's ``kata.toml``."""

import re
from pathlib import Path

import pytest

from harness.catalog import kata_names, load_kata

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "dojo.md"
CODING_MINUTES = 60
_ROW = re.compile(r"^\| (\d+) \| (\d+)(?:-(\d+))? \| (\d+)( \(tight\))? \|$", re.MULTILINE)


def _agenda(kata: str) -> list[tuple[int, int, int, bool]]:
    """The rows of the kata's agenda table: first step, last step, minutes, tight."""
    text = GUIDE.read_text(encoding="utf-8")
    start = text.find(f"### {kata}\n")
    assert start >= 0, f"docs/dojo.md has no agenda for {kata}"
    end = text.find("\n#", start + 1)
    section = text[start : end if end > 0 else len(text)]
    return [
        (int(first), int(last or first), int(minutes), bool(tight))
        for _, first, last, minutes, tight in _ROW.findall(section)
    ]


@pytest.mark.parametrize("kata", kata_names())
def test_every_kata_has_an_agenda_covering_its_steps_in_order(kata: str) -> None:
    steps = load_kata(kata).steps
    rows = _agenda(kata)

    covered = [number for first, last, _, _ in rows for number in range(first, last + 1)]
    assert covered == [step.number for step in steps]
    for first, last, minutes, tight in rows:
        assert minutes == sum(step.minutes for step in steps[first - 1 : last])
        assert tight == (minutes > CODING_MINUTES)
