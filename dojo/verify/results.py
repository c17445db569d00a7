"""What a check found, as plain records that cross from the child interpreter as JSON."""

from __future__ import annotations

from typing import Any

import attrs


@attrs.frozen
class Disagreement:
    """One kind of disagreement: how many cases, and the smallest case of it after shrinking.

    ``index`` is the generated case it was shrunk from (``--case CHECK:INDEX`` replays it);
    ``shrinks`` counts the simpler cases that still disagreed on the way down, and
    ``shrunk`` is False when the shrink budget ran out before the kind's turn came.
    """

    kind: str
    index: int
    count: int
    case: str
    real: str
    theirs: str
    step: int
    shrinks: int = 0
    shrunk: bool = True


@attrs.frozen
class CheckResult:
    """Every case of one check: how many agreed, disagreed, or reached unwritten code."""

    name: str
    cases: int = 0
    disagreed: int = 0
    not_written: int = 0
    not_written_at: str = ""
    disagreements: tuple[Disagreement, ...] = ()
    skipped: str = ""

    @property
    def agreed(self) -> int:
        """Cases whose answers were the same."""
        return self.cases - self.disagreed - self.not_written

    @property
    def agrees(self) -> bool:
        """Whether the check ran and every case agreed."""
        return not self.skipped and self.agreed == self.cases

    def to_json(self) -> dict[str, Any]:
        """A JSON object."""
        return attrs.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CheckResult:
        """The inverse of ``to_json``; ``KeyError``/``TypeError`` for anything else."""
        found = [Disagreement(**item) for item in data["disagreements"]]
        return cls(**{**data, "disagreements": tuple(found)})
