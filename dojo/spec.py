"""A kata's specification, ``katas/<kata>/README.md``, read one step's section at a time."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from harness.catalog import Kata

if TYPE_CHECKING:
    from dojo.repository import Repository

_HEADING = re.compile(r"^## ", re.MULTILINE)
_ANY_HEADING = re.compile(r"^#{2,6} +(?P<title>.+?) *#* *$", re.MULTILINE)
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

    def heading_of(self, words: str) -> str | None:
        """The title of the section, at any level, where ``words`` first appear."""
        return heading_containing(self.text, words)

    def in_step(self, words: str, step: int) -> bool:
        """Whether ``words`` appear in the section of ``step`` (its subsections included)."""
        return _contains(self.section(step), words)


def headings(markdown: str) -> list[str]:
    """The title of every section of ``markdown``, at any level, in order."""
    return [match["title"] for match in _ANY_HEADING.finditer(markdown)]


def heading_containing(markdown: str, words: str) -> str | None:
    """The title of the section of ``markdown``, at any level, where ``words`` first appear.

    Compared as the harness compares a test's quotes with the spec: backticks, ``*``
    and line breaks do not matter. ``None`` when the words appear in no section.
    """
    headings = list(_ANY_HEADING.finditer(markdown))
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        end = following.start() if following else len(markdown)
        if _contains(markdown[heading.end() : end], words):
            return heading["title"]
    return None


def _contains(text: str, words: str) -> bool:
    # The harness's reading of a spec imports markdown-it; only a failure needs it here.
    from harness.spec import normalise  # noqa: PLC0415 - see above

    wanted = normalise(words)
    return bool(wanted) and wanted in normalise(text)
