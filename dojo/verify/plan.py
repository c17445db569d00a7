"""What one ``dojo verify`` run asks of its child interpreter, and what comes back.

Both cross the process boundary as JSON: the plan as a file the child reads, the events
as JSON lines on a pipe, one per case batch, shrink, finished check, or failure.
"""

from __future__ import annotations

from typing import Any

import attrs

from dojo.verify.oracles import PACKAGE
from dojo.verify.results import CheckResult


@attrs.frozen
class Planned:
    """One check to run, on cases ``start`` to ``stop - 1``."""

    name: str
    start: int
    stop: int

    @property
    def count(self) -> int:
        """How many cases."""
        return self.stop - self.start


@attrs.frozen
class Plan:
    """The kata, the folder holding its package, the seed, and the checks to run."""

    kata: str
    folder: str
    seed: int
    checks: tuple[Planned, ...]
    package: str = PACKAGE

    def split(self, parts: int) -> list[Plan]:
        """``parts`` plans, each with a consecutive slice of every check's cases (none empty)."""
        plans = []
        for part in range(parts):
            slices = tuple(
                Planned(
                    item.name,
                    item.start + item.count * part // parts,
                    item.start + item.count * (part + 1) // parts,
                )
                for item in self.checks
            )
            kept = tuple(item for item in slices if item.count)
            if kept:
                plans.append(attrs.evolve(self, checks=kept))
        return plans

    def to_json(self) -> dict[str, Any]:
        """A JSON object."""
        return attrs.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Plan:
        """The inverse of ``to_json``."""
        checks = tuple(Planned(**item) for item in data["checks"])
        return cls(**{**data, "checks": checks})


@attrs.frozen
class Report:
    """A report from the child: ``progress`` (``done`` cases, ``doing``), ``result`` or ``broken``.

    ``broken`` carries ``message``: the implementation does not import, or a check failed
    on our side.
    """

    kind: str
    check: str = ""
    done: int = 0
    doing: str = ""
    result: CheckResult | None = None
    message: str = ""

    def to_json(self) -> dict[str, Any]:
        """A JSON object."""
        data = attrs.asdict(self, recurse=False)
        data["result"] = None if self.result is None else self.result.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        """The inverse of ``to_json``."""
        result = data.get("result")
        return cls(**{**data, "result": None if result is None else CheckResult.from_json(result)})


@attrs.frozen
class Outcome:
    """Every check's result, or why the run stopped (``broken``: one line)."""

    results: tuple[CheckResult, ...] = ()
    broken: str = ""
