"""Reading Markdown for the documentation checks: fenced blocks, links, headings and anchors.

A deliberately small reader: it knows fenced code blocks, inline code spans, inline links,
reference definitions and ATX headings, which is all the repository's Markdown uses.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\((?P<target><[^>]*>|[^)\s]+)(?:\s+\"[^\"]*\")?\)")
DEFINITION = re.compile(r"^ {0,3}\[(?P<text>[^\]]+)\]:\s*(?P<target>\S+)")
CODE_SPAN = re.compile(r"(`+)(?P<code>.+?)\1")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")


@attrs.frozen
class Block:
    """A fenced code block: its info string and its lines, the first at ``first_line``."""

    info: str
    first_line: int
    lines: tuple[str, ...]

    @property
    def language(self) -> str:
        """The first word of the info string (``pycon``, ``python``, ...), or ``""``."""
        words = self.info.split()
        return words[0] if words else ""


@attrs.frozen
class Link:
    """A link written in prose: where it is, its text and its target."""

    line: int
    text: str
    target: str

    @property
    def is_external(self) -> bool:
        """Whether the target names a scheme (``https:``, ``mailto:``) or a host."""
        return bool(SCHEME.match(self.target))


@attrs.frozen
class Document:
    """A Markdown file split into prose lines (numbered from 1) and fenced blocks."""

    path: Path
    prose: tuple[tuple[int, str], ...]
    blocks: tuple[Block, ...]

    @classmethod
    def read(cls, path: Path) -> Document:
        """Read and split ``path``."""
        return cls.parse(path, path.read_text(encoding="utf-8"))

    @classmethod
    def parse(cls, path: Path, text: str) -> Document:
        """Split ``text``; an unclosed fence runs to the end of the file, as in CommonMark."""
        prose: list[tuple[int, str]] = []
        blocks: list[Block] = []
        fence: str | None = None
        info, first, body = "", 0, list[str]()
        for number, line in enumerate(text.splitlines(), start=1):
            match = FENCE.match(line)
            if fence is None:
                if match is None:
                    prose.append((number, line))
                    continue
                fence, info, first, body = match["fence"], match["info"].strip(), number + 1, []
                continue
            closes = match is not None and not match["info"].strip()
            if closes and match is not None and match["fence"].startswith(fence):
                blocks.append(Block(info, first, tuple(body)))
                fence = None
                continue
            body.append(line)
        if fence is not None:
            blocks.append(Block(info, first, tuple(body)))
        return cls(path, tuple(prose), tuple(blocks))

    def links(self) -> list[Link]:
        """Every inline link and reference definition in the prose, in order.

        Code spans that contain link syntax are blanked first, so an example written as
        code is not mistaken for a link; code spans inside a link's text are kept.
        """
        found: list[Link] = []
        for number, line in self.prose:
            visible = CODE_SPAN.sub(_blank_link_syntax, line)
            definition = DEFINITION.match(visible)
            if definition is not None:
                found.append(Link(number, definition["text"], definition["target"]))
                continue
            found.extend(
                Link(number, match["text"], match["target"].strip("<>"))
                for match in LINK.finditer(visible)
            )
        return found

    def anchors(self) -> set[str]:
        """The anchors GitHub gives this document's headings."""
        anchors: set[str] = set()
        seen: dict[str, int] = {}
        for _, line in self.prose:
            match = HEADING.match(line)
            if match is None:
                continue
            slug = slugify(match["text"])
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            anchors.add(slug if count == 0 else f"{slug}-{count}")
        return anchors


def _blank_link_syntax(span: re.Match[str]) -> str:
    code = span.group(0)
    return " " * len(code) if "](" in code else code


def slugify(heading: str) -> str:
    """GitHub's anchor for a heading: link text kept, punctuation dropped, spaces to hyphens.

    >>> slugify("Strategy: allocation (`allocation.py`, `AllocationPolicy`)")
    'strategy-allocation-allocationpy-allocationpolicy'
    >>> slugify("The [index](README.md) and job_scheduler")
    'the-index-and-job_scheduler'
    """
    text = LINK.sub(lambda match: match["text"], heading)
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")
