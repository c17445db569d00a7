"""Reading a spec as rules, and tracing the tests' quotes to them."""

import pytest

from harness.contract import Citation, trace
from harness.spec import normalise, sections, sentences

SPEC = """\
# Kata

Intro, not in any section.

## The API

| error | when |
|---|---|
| `BadError` | a bad value |

## Step 1: Start

A lot starts empty.

- `lot.park(car)` returns a ticket. A full lot refuses.
  - A nested rule stands alone.
- Plates are compared with `str.casefold()`. Case never matters.

```python
lot.park(car)  # Examples are not rules.
```

### A subsection

Still step 1.

## Glossary

- Lot: a place. Not a rule.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("One. Two.", ["One.", "Two."], id="two sentences"),
        pytest.param(
            "Call `a. B` now. Then", ["Call a. B now.", "Then"], id="code span never splits"
        ),
        pytest.param("**Title.** Body here.", ["Title.", "Body here."], id="bold title"),
        pytest.param("e.g. this stays", ["e.g. this stays"], id="lower case after a period"),
        pytest.param("Is it? `x` is.", ["Is it?", "x is."], id="question, then a code span"),
    ],
)
def test_sentences_split_where_a_new_sentence_starts(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_normalising_drops_markup_and_collapses_space() -> None:
    assert normalise("  `a`  **b**\n c ") == "a b c"


def test_sections_are_the_level_two_headings_with_their_subsections() -> None:
    found = sections(SPEC)

    assert [section.title for section in found] == ["The API", "Step 1: Start", "Glossary"]
    assert "### A subsection" in found[1].markdown
    assert found[1].line == 11


def test_rules_are_sentences_of_items_and_paragraphs_and_table_rows() -> None:
    step = sections(SPEC)[1]

    rules = [rule.text for rule in step.rules()]

    assert rules == [
        "A lot starts empty.",
        "lot.park(car) returns a ticket.",
        "A full lot refuses.",
        "A nested rule stands alone.",
        "Plates are compared with str.casefold().",
        "Case never matters.",
        "Still step 1.",
    ]
    assert [rule.text for rule in sections(SPEC)[0].rules()] == ["BadError | a bad value"]


def test_a_quote_cites_every_sentence_its_span_overlaps() -> None:
    step = sections(SPEC)[1]

    cited = step.cited("a ticket. A full")

    assert [rule.text for rule in cited] == [
        "lot.park(car) returns a ticket.",
        "A full lot refuses.",
    ]


@pytest.mark.parametrize(
    "quote",
    [
        pytest.param("returns a ticket. A nested", id="spans a parent and its sub-item"),
        pytest.param("Examples are not rules", id="inside a code block"),
        pytest.param("", id="empty"),
    ],
)
def test_a_quote_is_found_inside_one_block_only(quote: str) -> None:
    assert sections(SPEC)[1].cited(quote) == []


def test_a_quote_matches_whatever_the_markup() -> None:
    step = sections(SPEC)[1]

    assert step.cited("`lot.park(car)` returns") == step.cited("lot.park(car) returns")


def _trace(*citations: Citation) -> list[str]:
    found = sections(SPEC)
    return list(trace("SPEC", {1: found[1]}, [found[0]], citations).problems)


ALL_OF_STEP_1 = (
    "A lot starts empty.",
    "returns a ticket. A full lot refuses.",
    "A nested rule stands alone.",
    "Plates are compared with `str.casefold()`. Case never matters.",
    "Still step 1.",
)


def test_a_suite_that_quotes_every_rule_has_no_gaps() -> None:
    citations = (
        Citation("t::a", 1, ALL_OF_STEP_1),
        Citation("t::b", 1, ("`BadError` | a bad value",)),
    )

    assert _trace(*citations) == []


def test_a_test_without_a_quote_is_named() -> None:
    problems = _trace(Citation("t::a", 1, ALL_OF_STEP_1), Citation("t::bare", 1, ()))

    assert "t::bare: quotes no sentence of the spec (spec marker)" in problems


def test_a_quote_that_is_not_in_the_spec_is_named() -> None:
    problems = _trace(Citation("t::a", 1, (*ALL_OF_STEP_1, "Lot: a place.")))

    assert (
        "t::a: quote 'Lot: a place.' is not in 'Step 1: Start' or a shared section of SPEC"
        in problems
    )


def test_an_unquoted_rule_of_a_step_is_named_with_its_line() -> None:
    problems = _trace(Citation("t::a", 1, ALL_OF_STEP_1[1:]))

    assert "SPEC line 13 ('Step 1: Start'): no test of it quotes 'A lot starts empty.'" in problems


def test_an_unquoted_rule_of_a_shared_section_is_named() -> None:
    problems = _trace(Citation("t::a", 1, ALL_OF_STEP_1))

    assert "SPEC line 9 ('The API'): no test quotes 'BadError | a bad value'" in problems


def test_a_step_quoted_only_by_another_steps_tests_is_not_covered() -> None:
    found = sections(SPEC)

    result = trace("SPEC", {1: found[1], 2: found[0]}, [], [Citation("t::two", 2, ALL_OF_STEP_1)])

    assert result.rows[0] == (1, 7, 0)
    assert any(
        "t::two: quote 'A lot starts empty.' is not in 'The API'" in p for p in result.problems
    )
