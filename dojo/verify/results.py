"""What a check found, as plain records that cross from the child interpreter as JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from collections.abc import Sequence


@attrs.frozen
class Disagreement:
    """One kind of disagreement: how many cases, and the smallest case of it after shrinking.

    ``index`` is the generated case it was shrunk from (``--case CHECK:INDEX`` replays it)
    and ``size`` that case's size, by which the smallest case of a kind is chosen;
    ``shrinks`` counts the simpler cases that still disagreed on the way down, and
    ``shrunk`` is False for a kind outside the few largest, shown as generated.
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
    size: tuple[int, ...] = ()


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
        found = [
            Disagreement(**{**item, "size": tuple(item["size"])}) for item in data["disagreements"]
        ]
        return cls(**{**data, "disagreements": tuple(found)})

    @classmethod
    def merged(cls, parts: Sequence[CheckResult]) -> CheckResult:
        """One result from the results of consecutive slices of the same check's cases.

        Counts add up; of each kind, the smallest case as generated is kept (shrunk ones
        first), as one run over every case would have chosen it.
        """
        kinds: dict[str, list[Disagreement]] = {}
        for part in parts:
            for found in part.disagreements:
                kinds.setdefault(found.kind, []).append(found)
        chosen = [
            attrs.evolve(
                min(members, key=lambda item: (not item.shrunk, item.size, item.index)),
                count=sum(item.count for item in members),
            )
            for members in kinds.values()
        ]
        return cls(
            parts[0].name,
            cases=sum(part.cases for part in parts),
            disagreed=sum(part.disagreed for part in parts),
            not_written=sum(part.not_written for part in parts),
            not_written_at=next((part.not_written_at for part in parts if part.not_written_at), ""),
            disagreements=tuple(sorted(chosen, key=lambda item: (-item.count, item.kind))),
        )
