"""Runs one check: generates its cases from a seed, compares, groups and shrinks what disagrees.

It runs in whichever process has the implementation's package first on ``sys.path``: the
child interpreter of ``dojo verify``, or pytest with ``--impl`` (``tests/conformance/``).
"""

from __future__ import annotations

import json
import random
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from dojo.verify.results import CheckResult, Disagreement

if TYPE_CHECKING:
    from dojo.verify.check import Check, CheckInfo

Case = TypeVar("Case")
# Cases done so far, and what is happening now ("" while generating, else the kind shrinking).
Listener = Callable[[int, str], None]
# Judgements spent on shrinking one kind, and the kinds shrunk per check; the rest are listed.
SHRINK_BUDGET = 150
SHOWN_KINDS = 5


def case_random(seed: int, check: str, index: int) -> random.Random:
    """The generator of one case: case ``index`` can be replayed without the ones before it."""
    return random.Random(f"{seed}:{check}:{index}")  # noqa: S311 - repeatable cases, not secrets


@attrs.frozen
class Verdict:
    """Both answers to one case; ``not_written`` is where the code raised NotImplementedError."""

    real: Any = None
    theirs: Any = None
    not_written: str = ""

    @property
    def agrees(self) -> bool:
        """Both answered, the same."""
        return not self.not_written and self.real == self.theirs


def judge(check: Check[Case], case: Case, home: Path | None = None) -> Verdict:
    """Ask the implementation first (code not written yet spares the real thing), then it."""
    try:
        theirs = _plain(check.theirs(case))
    except NotImplementedError as error:
        return Verdict(not_written=where(error, home) or "NotImplementedError")
    except Exception as error:  # noqa: BLE001 - their code's own failure is their answer
        theirs = f"raised {type(error).__name__}: {error}"
    return Verdict(_plain(check.real(case)), theirs)


def _plain(answer: object) -> Any:  # noqa: ANN401 - a JSON value
    """The answer as it reads back from JSON, so tuples and lists compare equal."""
    return json.loads(json.dumps(answer, default=repr))


def where(error: BaseException, home: Path | None) -> str:
    """``package/module.py:LINE`` of the deepest frame inside ``home`` (the package's folder)."""
    if home is None:
        return ""
    found = ""
    for frame in traceback.extract_tb(error.__traceback__):
        path = Path(frame.filename)
        if path.is_relative_to(home):
            found = f"{path.relative_to(home.parent).as_posix()}:{frame.lineno}, in {frame.name}"
    return found


def run_check(  # noqa: PLR0913 - keyword-only settings, each with a default
    check: Check[Case],
    info: CheckInfo,
    *,
    seed: int,
    indices: Iterable[int],
    home: Path | None = None,
    listen: Listener | None = None,
    budget: int = SHRINK_BUDGET,
) -> CheckResult:
    """Judge case ``i`` for each ``i`` of ``indices``; one shrunk disagreement per kind."""
    tell = listen or _ignore
    kinds: dict[str, list[tuple[tuple[int, ...], int, Case]]] = {}
    cases = not_written = 0
    first_not_written = ""
    for index in indices:
        case = check.generate(case_random(seed, info.name, index), index)
        verdict = judge(check, case, home)
        cases += 1
        if verdict.not_written:
            not_written += 1
            first_not_written = first_not_written or verdict.not_written
        elif not verdict.agrees:
            kind = check.kind(case, verdict.real, verdict.theirs)
            kinds.setdefault(kind, []).append((check.size(case), index, case))
        tell(cases, "")
    ranked = sorted(kinds.items(), key=lambda item: (-len(item[1]), item[0]))
    found = []
    for rank, (kind, members) in enumerate(ranked):
        size, index, case = min(members, key=lambda member: member[:2])
        if rank < SHOWN_KINDS:
            tell(cases, kind)
            smallest, verdict, steps = shrink(check, case, kind, home, budget)
        else:
            smallest, verdict, steps = case, judge(check, case, home), 0
        real, theirs = check.show_answers(verdict.real, verdict.theirs)
        found.append(
            Disagreement(
                kind=kind,
                index=index,
                count=len(members),
                case=check.show(smallest),
                real=real,
                theirs=theirs,
                step=check.step(smallest) or info.step,
                shrinks=steps,
                shrunk=rank < SHOWN_KINDS,
                size=size,
            )
        )
    return CheckResult(
        info.name,
        cases=cases,
        disagreed=sum(len(members) for members in kinds.values()),
        not_written=not_written,
        not_written_at=first_not_written,
        disagreements=tuple(found),
    )


def shrink(
    check: Check[Case], case: Case, kind: str, home: Path | None, budget: int = SHRINK_BUDGET
) -> tuple[Case, Verdict, int]:
    """The smallest case found that disagrees in the same way; greedy, at most ``budget`` tries.

    Each round takes the first simpler candidate that still disagrees with the same kind;
    every candidate is smaller by ``check.size``, so it ends.
    """
    verdict = judge(check, case, home)
    steps = tries = 0
    improved = True
    while improved and tries < budget:
        improved = False
        for candidate in check.shrink(case):
            if not check.size(candidate) < check.size(case):
                continue
            tries += 1
            found = judge(check, candidate, home)
            if _same_kind(check, candidate, found, kind):
                case, verdict, steps, improved = candidate, found, steps + 1, True
                break
            if tries >= budget:
                break
    return case, verdict, steps


def _same_kind(check: Check[Case], case: Case, verdict: Verdict, kind: str) -> bool:
    if verdict.agrees or verdict.not_written:
        return False
    return check.kind(case, verdict.real, verdict.theirs) == kind


def _ignore(done: int, doing: str) -> None:
    del done, doing
