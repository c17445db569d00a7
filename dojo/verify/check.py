"""What a conformance check is: generated cases, the real thing's answer, theirs, simpler cases.

A kata's oracle package (``dojo/verify/oracles/<kata>/``) declares its checks as
``CheckInfo`` (importable anywhere: it names the module but does not import the kata) and
implements each as a ``Check`` in that module, which imports the kata's package by its bare
name, so it runs against whichever implementation is first on ``sys.path``.
"""

from __future__ import annotations

import abc
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

if TYPE_CHECKING:
    import random
    from collections.abc import Callable, Iterable

Case = TypeVar("Case")


@attrs.frozen
class CheckInfo:
    """One check of a kata, as ``dojo verify`` lists it before anything is imported.

    ``against`` is the real thing's short name, printed beside its answers.
    ``check`` names the ``Check`` as ``package.module:NAME``. ``step`` is the step of the
    spec it concerns and ``section`` a heading inside that step ("" for the whole step).
    ``cases`` is the default number of cases, chosen so that a default run of the kata stays
    under 30 s; ``exhaustive`` says the cases are the whole space, so ``--cases`` does not
    change them. ``needs_root`` says why the check needs root ("" when it does not);
    ``programs`` and ``modules`` are what the real thing needs on this machine. ``stage``
    is set for an interview driver's check only (``dojo/verify/drivers/``): the stage,
    ``core`` or a change request's id, whose part of the driver contract it checks.
    """

    name: str
    check: str
    title: str
    against: str
    step: int
    cases: int
    needs_root: str = ""
    exhaustive: bool = False
    programs: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()
    section: str = ""
    stage: str = ""


class Check(abc.ABC, Generic[Case]):
    """Cases from a seed, each answered by the real thing and by the implementation.

    Answers are JSON values (they cross from the child interpreter to ``dojo``); two answers
    agree when they are equal. ``theirs`` may raise: ``NotImplementedError`` counts as code
    not written yet, any other exception is shown as the implementation's answer.
    """

    @abc.abstractmethod
    def generate(self, rng: random.Random, index: int) -> Case:
        """Case number ``index``, drawn from ``rng`` (an exhaustive check uses ``index``)."""

    @abc.abstractmethod
    def real(self, case: Case) -> object:
        """What the real thing answers."""

    @abc.abstractmethod
    def theirs(self, case: Case) -> object:
        """What the implementation under test answers."""

    @abc.abstractmethod
    def show(self, case: Case) -> str:
        """The case as a learner can replay it by hand: code, or a command and its inputs."""

    def show_answers(self, real: object, theirs: object) -> tuple[str, str]:
        """Both answers in words (a check may show only where they differ); ``repr`` here."""
        return repr(real), repr(theirs)

    def shrink(self, case: Case) -> Iterable[Case]:
        """Simpler cases to try when ``case`` disagrees, each smaller by ``size``."""
        del case
        return ()

    def size(self, case: Case) -> tuple[int, ...]:
        """Orders cases from the easiest to read; shrinking only ever moves down it."""
        del case
        return ()

    def kind(self, case: Case, real: object, theirs: object) -> str:
        """What sort of disagreement this is; one of each kind is shrunk and shown."""
        del case, real, theirs
        return "disagreement"

    def step(self, case: Case) -> int | None:
        """The step of the spec the case concerns, when finer than the check's own."""
        del case
        return None


def first_difference(real: object, theirs: object) -> int | None:
    """The index of the first line that differs, for answers that are lists of lines.

    A line missing on one side differs: the index is then the shorter list's length.
    None when either answer is not a list (an exception, shown whole).
    """
    if not (isinstance(real, list) and isinstance(theirs, list)):
        return None
    for index, (mine, yours) in enumerate(zip(real, theirs, strict=False)):
        if mine != yours:
            return index
    return min(len(real), len(theirs))


def show_parting(
    real: object, theirs: object, what: str, line: Callable[[list[Any], int], str]
) -> tuple[str, str]:
    """Both answers at the first line where they part, for answers that are lists of lines.

    ``line`` shows the line at an index, ``what`` names a line ("call"): past a side's last
    line it has "no more calls". The real side says how many lines before it agree. Either
    answer shown whole (``repr``) when one is not a list.
    """
    index = first_difference(real, theirs)
    if index is None:
        return repr(real), repr(theirs)
    assert isinstance(real, list)
    assert isinstance(theirs, list)

    def shown(lines: list[list[Any]]) -> str:
        return line(lines[index], index) if index < len(lines) else f"no more {what}s"

    agreed = f" ({index} {what}(s) before it agree)" if index else ""
    return shown(real) + agreed, shown(theirs)
