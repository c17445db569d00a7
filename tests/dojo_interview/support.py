"""A toy repository with an interview, an in-process ``dojo interview``, and toy designs."""

from __future__ import annotations

import shutil
import textwrap
from typing import TYPE_CHECKING

import attrs

from dojo.adapters import run_interview_in_child
from dojo.app import InterviewRunner
from harness.results import RunResults
from tests.dojo.support import Dojo, Ran
from tests.harness.toy import ToyRepo, add_interview

if TYPE_CHECKING:
    import io
    import threading
    from pathlib import Path

    from dojo.app import App
    from dojo.repository import Implementation

DESIGN = "interviews/toy"
SESSION = ".dojo/interviews/toy/session.json"


def interview_repository(root: Path) -> ToyRepo:
    """The toy repository of ``tests/dojo``, with the toy kata's interview."""
    return add_interview(ToyRepo.create(root).committed())


def write_design(folder: Path, files: dict[str, str]) -> Path:
    """Write a toy design: each file's text, dedented, under ``folder``; the folder."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def copy_reference(toy: ToyRepo) -> None:
    """``cp -r solutions/toy/. interviews/toy/``, as the issue's proof does."""
    shutil.copytree(toy.root / "solutions" / "toy", toy.root / DESIGN, dirs_exist_ok=True)


@attrs.define
class Runs:
    """An ``InterviewRunner`` that answers from a queue, or raises, and remembers each call."""

    answers: list[tuple[int, RunResults] | BaseException]
    calls: list[tuple[str, str, str]] = attrs.field(factory=list)

    def __call__(
        self, kata: str, impl: Implementation, stage: str, root: Path
    ) -> tuple[int, RunResults]:
        """The next answer: a result to return or an exception to raise."""
        del root
        self.calls.append((kata, impl.label, stage))
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer


@attrs.define
class Interviewer(Dojo):
    """``Dojo`` with the interview's own collaborators: its runner and its text prompt."""

    runner: InterviewRunner = run_interview_in_child
    replies: list[str] = attrs.field(factory=list)
    prompts: list[str] = attrs.field(factory=list)
    interrupt: bool = False

    def app(self, out: io.StringIO, cwd: Path | None = None) -> App:
        """``Dojo``'s collaborators, with the interview runner and the prompt answered."""
        return attrs.evolve(super().app(out, cwd), run_interview=self.runner, ask=self._reply)

    def iv(self, *argv: str, stop: threading.Event | None = None) -> Ran:
        """``dojo interview toy ARGV``."""
        return self("interview", "toy", *argv, stop=stop)

    def _answer(self, question: str) -> bool:
        """A yes or no from the queue, or Ctrl-C when ``interrupt`` says so."""
        if self.interrupt:
            raise KeyboardInterrupt
        return super()._answer(question)

    def _reply(self, prompt: str) -> str:
        self.prompts.append(prompt)
        return self.replies.pop(0)
