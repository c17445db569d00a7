"""A spec read as a contract: its ``##`` sections, the rules they state, and where a quote is.

A rule is one sentence of a list item or a paragraph, or one table row. Code blocks are
examples, not rules. A quote, as a test cites it, is found in one block (a list item's own
text, a paragraph or a table row) and cites every sentence its span overlaps. Both sides
are compared normalised: backticks and ``*`` removed, whitespace collapsed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs
from markdown_it import MarkdownIt

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from markdown_it.token import Token

_MARKUP = re.compile(r"[`*]")
_SPACE = re.compile(r"\s+")
_CODE_SPAN = re.compile(r"`+[^`]*`+")
# A sentence ends at . ? or ! followed by space and something that starts a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])[*_]*\s+(?=[A-Z`\"'(\[*])")


def normalise(text: str) -> str:
    """``text`` without backticks or ``*``, its whitespace collapsed to single spaces."""
    return _SPACE.sub(" ", _MARKUP.sub("", text)).strip()


def sentences(text: str) -> list[str]:
    """The sentences of one block of Markdown, normalised; a code span never splits."""
    # Keep each code span's first character, so a sentence may start with one.
    masked = _CODE_SPAN.sub(lambda match: match.group()[0] + "x" * (len(match.group()) - 1), text)
    parts, start = [], 0
    for boundary in _SENTENCE_END.finditer(masked):
        parts.append(text[start : boundary.start()])
        start = boundary.end()
    parts.append(text[start:])
    return [part for part in (normalise(piece) for piece in parts) if part]


@attrs.frozen
class Rule:
    """One sentence (or table row) of a section; ``line`` is 1-based in the spec."""

    section: str
    line: int
    text: str


@attrs.frozen
class Block:
    """A list item's own text, a paragraph or a table row, split into its rules."""

    kind: str
    line: int
    rules: tuple[str, ...]

    @property
    def text(self) -> str:
        """The whole block, normalised."""
        return " ".join(self.rules)

    def cited(self, quote: str) -> list[int]:
        """Indexes of the rules a normalised ``quote`` overlaps, or [] when it is not here."""
        text = self.text
        found: set[int] = set()
        start = text.find(quote)
        while start >= 0:
            end, offset = start + len(quote), 0
            for index, rule in enumerate(self.rules):
                if offset < end and start < offset + len(rule):
                    found.add(index)
                offset += len(rule) + 1
            start = text.find(quote, start + 1)
        return sorted(found)


@attrs.frozen
class Section:
    """A ``##`` section with its ``###`` subsections: title, first line, Markdown and blocks."""

    title: str
    line: int
    markdown: str
    blocks: tuple[Block, ...]

    def rules(self, keep: Callable[[Block], bool] = lambda _block: True) -> list[Rule]:
        """Every rule of the blocks ``keep`` accepts, in order."""
        return [
            Rule(self.title, block.line, rule)
            for block in self.blocks
            if keep(block)
            for rule in block.rules
        ]

    def cited(self, quote: str, keep: Callable[[Block], bool] = lambda _block: True) -> list[Rule]:
        """The rules ``quote`` (as written in a test) cites here; [] when it is not found."""
        wanted = normalise(quote)
        if not wanted:
            return []
        return [
            Rule(self.title, block.line, block.rules[index])
            for block in self.blocks
            if keep(block)
            for index in block.cited(wanted)
        ]


def sections(markdown: str) -> list[Section]:
    """The ``##`` sections of ``markdown``, in order (text before the first is left out)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    lines = markdown.splitlines()
    heads = [
        (index, token)
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == "h2"
    ]
    found = []
    for number, (index, head) in enumerate(heads):
        stop = heads[number + 1][0] if number + 1 < len(heads) else len(tokens)
        first = (head.map or [0, 0])[0]
        last = (
            (heads[number + 1][1].map or [len(lines), 0])[0]
            if number + 1 < len(heads)
            else len(lines)
        )
        found.append(
            Section(
                title=tokens[index + 1].content.strip(),
                line=first + 1,
                markdown="\n".join(lines[first:last]).rstrip() + "\n",
                blocks=tuple(
                    sorted(_blocks(tokens[index + 3 : stop]), key=lambda block: block.line)
                ),
            )
        )
    return found


def _blocks(tokens: list[Token]) -> Iterator[Block]:
    """The rule-bearing blocks among ``tokens``: item texts, paragraphs and table rows."""
    yield from _texts(tokens)
    yield from _rows(tokens)


def _texts(tokens: list[Token]) -> Iterator[Block]:
    """List items (each with its own paragraphs, not its sub-items) and other paragraphs."""
    items: list[tuple[int, int, list[str]]] = []  # (level, line, paragraphs) of open items
    for position, token in enumerate(tokens):
        line = (token.map or [0, 0])[0] + 1
        if token.type == "list_item_open":
            items.append((token.level, line, []))
        elif token.type == "list_item_close":
            _level, first, texts = items.pop()
            rules = tuple(rule for text in texts for rule in sentences(text))
            if rules:
                yield Block("item", first, rules)
        elif token.type == "paragraph_open":
            text = tokens[position + 1].content
            if items and token.level == items[-1][0] + 1:
                items[-1][2].append(text)
            elif not items and sentences(text):
                yield Block("paragraph", line, tuple(sentences(text)))


def _rows(tokens: list[Token]) -> Iterator[Block]:
    """Table body rows, each one rule: its cells joined by `` | ``."""
    in_body = False
    row: list[str] = []
    line = 0
    for token in tokens:
        if token.type in ("tbody_open", "tbody_close"):
            in_body = token.type == "tbody_open"
        elif in_body and token.type == "tr_open":
            row, line = [], (token.map or [0, 0])[0] + 1
        elif in_body and token.type == "inline":
            row.append(token.content)
        elif in_body and token.type == "tr_close":
            yield Block("row", line, (normalise(" | ".join(row)),))
