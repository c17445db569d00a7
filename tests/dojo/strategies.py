"""Hypothesis strategies for everything ``dojo`` reads: its files and its command line."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

# Text that stresses printing: markup, control characters, other scripts, line breaks.
NASTY = st.sampled_from(
    ["[/x]", "[bold]", "\x1b[2J", "\x07", "\x9b", "\r", "\n", "é", "漢", "::", "'", '"', "\\", " "]
)
TEXT = st.one_of(st.text(max_size=30), st.lists(NASTY, max_size=6).map("".join))

JSON: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=12,
)

COUNT = st.one_of(st.integers(min_value=-2, max_value=50), JSON)
MOMENTS = st.one_of(
    st.just(""),
    st.datetimes(timezones=st.timezones()).map(lambda moment: moment.isoformat()),
    st.datetimes().map(lambda moment: moment.isoformat()),
    TEXT,
    JSON,
)


@st.composite
def kata_record(draw: st.DrawFn) -> Any:
    """One kata's record: usually the right shape, with values that may be wrong."""
    if draw(st.integers(0, 9)) == 0:
        return draw(JSON)
    steps = draw(
        st.dictionaries(
            TEXT | st.integers(0, 9).map(str), st.lists(COUNT, max_size=3) | JSON, max_size=4
        )
    )
    hints = draw(st.dictionaries(TEXT | st.integers(0, 9).map(str), COUNT, max_size=4))
    return {"steps": steps, "hints": hints, "last_run": draw(MOMENTS)}


@st.composite
def progress_files(draw: st.DrawFn) -> str:
    """The text of a ``progress.json``: valid, near-valid, or anything at all."""
    kind = draw(st.sampled_from(["near", "near", "near", "json", "text", "deep"]))
    if kind == "json":
        return json.dumps(draw(JSON))
    if kind == "text":
        return draw(st.text(max_size=200))
    if kind == "deep":
        depth = draw(st.integers(1, 20_000))
        return '{"version": 1, "katas": {"toy": ' + "[" * depth + "]" * depth + "}}"
    katas = draw(
        st.dictionaries(st.sampled_from(["toy", "other"]) | TEXT, kata_record(), max_size=3)
    )
    version = draw(st.sampled_from([1, 1, 1, 2, "1", None]))
    return json.dumps({"version": version, "katas": katas})


def toml_value() -> st.SearchStrategy[str]:
    """A TOML value written out: strings, numbers, arrays, inline tables, or junk."""
    scalar = st.one_of(
        TEXT.map(json.dumps),
        st.integers(-5, 100).map(str),
        st.sampled_from(["true", "false", "1.5", "nan", "inf", "1979-05-27T07:32:00Z"]),
    )
    return st.recursive(
        scalar,
        lambda inner: (
            st.lists(inner, max_size=3).map(lambda items: f"[{', '.join(items)}]")
            | st.dictionaries(
                st.sampled_from(["title", "minutes", "hints", "x"]), inner, max_size=3
            ).map(
                lambda table: (
                    "{" + ", ".join(f"{key} = {value}" for key, value in table.items()) + "}"
                )
            )
        ),
        max_leaves=6,
    )


Table = dict[str, str]


@st.composite
def toml_files(draw: st.DrawFn, top: Table, steps: list[Table]) -> str:
    """A TOML file like ``top`` and its ``[[steps]]``, with a few values changed or dropped.

    Values are TOML literals. A tenth of the files are not TOML at all.
    """
    if draw(st.integers(0, 9)) == 0:
        return draw(st.text(max_size=100))
    tables = [dict(top), *(dict(step) for step in steps)]
    for _ in range(draw(st.integers(1, 3))):
        table = draw(st.sampled_from(tables))
        key = draw(st.sampled_from([*table, "extra", "steps"]))
        if draw(st.booleans()) and key in table:
            del table[key]
        else:
            table[key] = draw(toml_value())
    lines = [f"{key} = {value}" for key, value in tables[0].items()]
    for table in tables[1 : 1 + draw(st.integers(0, len(steps) + 1))]:
        lines += ["", "[[steps]]", *(f"{key} = {value}" for key, value in table.items())]
    return "\n".join(lines) + "\n"


KATA_TOML = toml_files(
    {
        "title": '"Toy"',
        "summary": '"Two functions."',
        "difficulty": '"beginner"',
        "patterns": '["Strategy"]',
        "principles": '["SRP"]',
    },
    [{"title": '"Double"', "minutes": "5"}, {"title": '"Greet"', "minutes": "5"}],
)
HINTS_TOML = toml_files(
    {},
    [{"title": '"Double"', "hints": '["Multiply."]'}, {"title": '"Greet"', "hints": '["Hi."]'}],
)


@st.composite
def run_logs(draw: st.DrawFn) -> str:
    """A team's ``runs.jsonl``: records of the right shape with wrong values, junk lines."""
    record = st.fixed_dictionaries(
        {
            "time": MOMENTS,
            "kata": st.sampled_from(["toy"]) | TEXT | JSON,
            "steps": st.lists(st.lists(COUNT, max_size=4), max_size=3) | JSON,
            "light": st.sampled_from(["red", "amber", "green"]) | TEXT,
        }
    ).map(json.dumps)
    deep = st.integers(1, 20_000).map(lambda depth: "[" * depth + "]" * depth)
    lines = draw(st.lists(record | st.text(max_size=40) | JSON.map(json.dumps) | deep, max_size=6))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n"]))


OPTIONS = (
    "--step",
    "--impl",
    "--team",
    "--yes",
    "--diff",
    "--peek",
    "--web",
    "--port",
    "--people",
    "--minutes",
    "--break-every",
    "--break-minutes",
    "--kata",
    "new",
)
VALUES = st.one_of(
    st.sampled_from(
        ["toy", "nope", "1", "0", "-1", "2", "99", "solutions", "katas", "red", "Ana,Ben"]
    ),
    TEXT,
)


def command_lines(commands: list[str]) -> st.SearchStrategy[list[str]]:
    """``dojo`` command lines: a command, then options and values in any order."""
    return st.tuples(
        st.sampled_from(commands) | TEXT,
        st.lists(st.sampled_from(OPTIONS) | VALUES, max_size=6),
    ).map(lambda line: [line[0], *line[1]])
