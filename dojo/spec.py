"""A kata's specification, ``katas/<kata>/README.md``, read one step's section at a time."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from harness.catalog import Kata

if TYPE_CHECKING:
    from dojo.repository import Repository

_HEADING = re.compile(r"^## ", re.MULTILINE)
SUMMARY = 200


@attrs.frozen
class Spec:
    """The Markdown of one kata's spec, and the kata whose step titles it is cut by."""

    kata: Kata
    text: str

    @classmethod
    def read(cls, repository: Repository, kata: Kata) -> Spec:
        """Read ``katas/<kata>/README.md``."""
        return cls(kata, repository.spec_file(kata.name).read_text(encoding="utf-8"))

    def section(self, step: int) -> str:
        """The ``## Step N: ...`` section, heading included (the heading alone if missing)."""
        title = self.kata.step(step).title
        start = self.text.find(f"## Step {step}: {title}")
        if start < 0:
            return f"## Step {step}: {title}\n"
        following = _HEADING.search(self.text, start + 1)
        return self.text[start : following.start() if following else len(self.text)].rstrip() + "\n"

    def summary(self, step: int) -> str:
        """The start of a step's first paragraph, on one line: what the step asks."""
        body = self.section(step).split("\n", 1)[-1].strip()
        text = " ".join(body.split("\n\n", 1)[0].split())
        if len(text) <= SUMMARY:
            return text
        return text[:SUMMARY].rsplit(" ", 1)[0] + " ..."
