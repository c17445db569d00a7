"""``dojo compare`` and the measures it prints: tests, mypy, ruff, size, complexity, API."""

import ast
import json
import textwrap
from pathlib import Path

import attrs
import pytest

from dojo.adapters import run_tool
from dojo.metrics import code_lines, complexity, measure
from harness.results import FAILED, PASSED, Outcome, RunResults
from tests.dojo.support import Dojo, FakeSuite
from tests.harness.toy import ToyRepo

MINE = '''\
"""Mine."""


class Doubler:
    """Doubles."""

    def double(self, number: int) -> int:
        """Twice."""
        return number + number

    def _helper(self) -> None:
        return None


class _Hidden:
    pass


def greet(name: str) -> str:
    return name
'''

THEIRS = '''\
"""Reference."""


class Doubler:
    """Doubles."""

    def double(self, number: int) -> int:
        """Twice."""
        return number * 2

    def triple(self, number: int) -> int:
        """Thrice."""
        return number * 3


class Greeter:
    """Greets."""
'''


def rows(output: str) -> dict[str, list[str]]:
    """Each table row of ``output`` by its first cell: the other cells, stripped."""
    table = [line.split("│")[1:-1] for line in output.splitlines() if line.startswith("│")]
    return {cells[0].strip(): [cell.strip() for cell in cells[1:]] for cells in table}


NESTED = """\
import sys

if sys.version_info >= (3, 11):
    class Outer:
        def method(self, a):
            def inner(b):
                if a and b:
                    return 1
                return 2
            return inner
else:
    try:
        def fallback():
            return 0
    finally:
        pass
"""

UNTYPED = """\
import os


def double(number):
    return number * 2


def greet(name: str) -> str:
    return f"Hello, {name}!"
"""


@attrs.define
class FakeTools:
    """Answers mypy and ruff with canned output and remembers the commands."""

    mypy: dict[str, str]
    ruff: dict[str, str]
    commands: list[tuple[list[str], Path]] = attrs.field(factory=list)

    def __call__(self, command: list[str], cwd: Path) -> str:
        """The canned output for this tool and side."""
        self.commands.append((command, cwd))
        side = "solutions" if "solutions" in str(cwd) + command[-1] else "katas"
        return (self.mypy if "mypy" in command else self.ruff)[side]


def tools() -> FakeTools:
    return FakeTools(
        mypy={
            "katas": "toy/__init__.py:1: error: x\ntoy/__init__.py:2: error: y\n",
            "solutions": "",
        },
        ruff={"katas": json.dumps([{"code": "D103"}]), "solutions": "[]"},
    )


def suite() -> FakeSuite:
    mine = RunResults((Outcome("t::a", 1, PASSED), Outcome("t::b", 2, FAILED, "x")), ())
    theirs = RunResults((Outcome("t::a", 1, PASSED), Outcome("t::b", 2, PASSED)), ())
    return FakeSuite([(1, mine), (0, theirs)])


def test_compare_puts_every_measure_side_by_side(toy: ToyRepo) -> None:
    toy.write("katas/toy/__init__.py", MINE)
    toy.write("solutions/toy/__init__.py", THEIRS)
    fake = tools()
    dojo = Dojo(toy.root, suite=suite(), tools=fake)

    ran = dojo("compare", "toy")

    assert ran.status == 0, ran.err
    row = rows(ran.out)
    assert row["step 1 tests passing"] == ["1/1", "1/1"]
    assert row["step 2 tests passing"] == ["0/1", "1/1"]
    assert row["mypy --strict errors"] == ["2", "0"]
    assert row["ruff findings"] == ["1", "0"]
    assert row["lines of code"] == ["12", "11"]
    assert row["largest cyclomatic complexity"] == [
        "1 (__init__.Doubler.double)",
        "1 (__init__.Doubler.double)",
    ]
    assert row["Doubler"] == ["double", "double, triple"]
    assert row["Greeter"] == ["(none)", ""]
    assert "_Hidden" not in ran.out
    assert "yours/__init__.py" not in ran.out


def test_the_tools_run_under_the_repositorys_settings(toy: ToyRepo) -> None:
    fake = tools()

    Dojo(toy.root, suite=suite(), tools=fake)("compare", "toy")

    mypy = [command for command, _ in fake.commands if "mypy" in command]
    ruff = [command for command, _ in fake.commands if "ruff" in command]
    config = str(toy.root / "pyproject.toml")
    assert [cwd for command, cwd in fake.commands if "mypy" in command] == [
        toy.root / "katas",
        toy.root / "solutions",
    ]
    assert all("--strict" in command and config in command for command in mypy)
    assert all("--config" in command and config in command for command in ruff)


def test_diff_shows_each_file_that_differs(toy: ToyRepo) -> None:
    toy.write("katas/toy/__init__.py", MINE)
    toy.write("solutions/toy/__init__.py", THEIRS)
    toy.write("solutions/toy/extra.py", "X = 1\n")
    toy.write("katas/toy/same.py", "Y = 2\n")
    toy.write("solutions/toy/same.py", "Y = 2\n")

    ran = Dojo(toy.root, suite=suite(), tools=tools())("compare", "toy", "--diff")

    assert "--- yours/__init__.py" in ran.out
    assert "+++ reference/__init__.py" in ran.out
    assert "-        return number + number" in ran.out
    assert "+        return number * 2" in ran.out
    assert "+++ reference/extra.py" in ran.out
    assert "+X = 1" in ran.out
    assert "same.py" not in ran.out


def test_a_ruff_that_gives_no_report_is_a_one_line_error(toy: ToyRepo) -> None:
    fake = tools()
    fake.ruff["katas"] = "ruff: crashed"

    ran = Dojo(toy.root, suite=suite(), tools=fake)("compare", "toy")

    assert ran.status == 2
    assert ran.err.strip() == "dojo: error: ruff gave no JSON report: 'ruff: crashed'"


def test_compare_with_the_real_tools_counts_their_findings(toy: ToyRepo) -> None:
    toy.write("katas/toy/__init__.py", UNTYPED)

    ran = Dojo(toy.root, tools=run_tool)("compare", "toy")

    assert ran.status == 0, ran.err
    row = rows(ran.out)
    assert row["step 1 tests passing"] == ["1/1", "1/1"]
    assert row["mypy --strict errors"] == ["1", "0"]
    assert row["ruff findings"][1] == "0"
    assert int(row["ruff findings"][0]) >= 3  # F401, and no annotations (ANN001, ANN201)


def parse(source: str) -> ast.FunctionDef:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.FunctionDef)
    return node


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def f():\n    return 1\n", 1),
        ("def f(a):\n    if a:\n        return 1\n    return 2\n", 2),
        ("def f(a, b):\n    return a and b or a\n", 3),
        ("def f(xs):\n    return [x for x in xs if x]\n", 3),
        ("def f(xs):\n    for x in xs:\n        while x:\n            x -= 1\n", 3),
        ("def f():\n    try:\n        pass\n    except ValueError:\n        pass\n", 2),
        (
            (
                "def f(a):\n    match a:\n        case 1:\n            pass\n"
                "        case _:\n            pass\n"
            ),
            3,
        ),
        ("def f(a):\n    def g():\n        if a:\n            pass\n    return g\n", 1),
        ("def f(a):\n    return 1 if a else 2\n", 2),
    ],
)
def test_complexity_counts_each_decision_point_of_the_function_itself(
    source: str, expected: int
) -> None:
    assert complexity(parse(source)) == expected


def test_lines_of_code_skip_blank_and_comment_lines() -> None:
    assert code_lines("x = 1\n\n# why\n  # more\ny = 2  # trailing\n") == 2


def test_measure_reads_every_module_and_skips_caches(tmp_path: Path) -> None:
    (tmp_path / "pkg" / "__pycache__").mkdir(parents=True)
    (tmp_path / "pkg" / "__init__.py").write_text(MINE)
    (tmp_path / "pkg" / "__pycache__" / "junk.py").write_text("def broken(:\n")

    metrics = measure(tmp_path / "pkg")

    assert metrics.api == {"Doubler": ("double",)}
    assert metrics.complexity == 1


def test_the_most_complex_function_is_named_with_its_class_and_enclosing_blocks(
    tmp_path: Path,
) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "m.py").write_text(NESTED)

    metrics = measure(tmp_path / "pkg")

    assert (metrics.complexity, metrics.most_complex) == (3, "m.Outer.method.inner")
