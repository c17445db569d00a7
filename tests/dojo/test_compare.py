"""``dojo compare``: measures, findings, classes matched by role, design notes, the paired diff."""

import ast
import json
import re
import textwrap
from pathlib import Path
from typing import Any

import attrs
import pytest

from dojo.adapters import run_tool
from dojo.comparison.findings import LEARNER_RULES, missing_tools
from dojo.comparison.metrics import code_lines, complexity, measure
from harness.results import FAILED, PASSED, Outcome, RunResults
from tests.dojo.support import Dojo, FakeSuite, read_table
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


MEASURES = ("measure", "yours", "reference")
ROLES = ("reference", "its role", "yours")

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
    ruff: dict[str, Any]
    commands: list[tuple[list[str], Path]] = attrs.field(factory=list)

    def __call__(self, command: list[str], cwd: Path) -> str:
        """The canned output for this tool and side."""
        self.commands.append((command, cwd))
        side = "solutions" if "solutions" in str(cwd) + command[-1] else "katas"
        return self.mypy[side] if "mypy" in command else json.dumps(self.ruff[side])


def tools() -> FakeTools:
    finding = {
        "filename": "katas/toy/__init__.py",
        "location": {"row": 12},
        "code": "FBT001",
        "message": "Boolean-typed positional argument",
    }
    return FakeTools(
        mypy={
            "katas": (
                "toy/__init__.py:1: error: x needs a type  [var-annotated]\n"
                "toy/__init__.py:2: error: y\n"
                "Found 2 errors\n"
            ),
            "solutions": "",
        },
        ruff={"katas": [finding], "solutions": []},
    )


def green() -> FakeSuite:
    outcomes = (Outcome("t::a", 1, PASSED), Outcome("t::b", 2, PASSED))
    return FakeSuite([(0, RunResults(outcomes, ()))])


def red() -> FakeSuite:
    outcomes = (Outcome("t::a", 1, PASSED), Outcome("t::b", 2, FAILED, "x"))
    return FakeSuite([(1, RunResults(outcomes, ()))])


@pytest.fixture
def with_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    """Mypy and ruff count as installed, whatever this interpreter has."""
    monkeypatch.setattr("dojo.commands.compare.missing_tools", list)


def test_compare_waits_until_the_selected_steps_are_green(toy: ToyRepo) -> None:
    fake = tools()

    ran = Dojo(toy.root, suite=red(), tools=fake)("compare", "toy")

    assert ran.status == 1
    assert " ".join(ran.out.split()) == (
        "dojo compare shows the reference once steps 1-2 are green; 1 of 2 of their tests "
        "pass now. dojo test toy shows what is next; dojo compare toy --peek compares anyway."
    )
    assert fake.commands == []


@pytest.mark.usefixtures("with_tools")
def test_the_selected_steps_may_be_fewer(toy: ToyRepo) -> None:
    ran = Dojo(toy.root, suite=red(), tools=tools())("compare", "toy", "--step", "1")

    assert ran.status == 0, ran.out
    assert read_table(ran.out, MEASURES)[0] == ["tests passing", "1/1", "1/1"]


@pytest.mark.usefixtures("with_tools")
def test_compare_puts_every_measure_side_by_side_and_lists_your_findings(toy: ToyRepo) -> None:
    toy.write("katas/toy/__init__.py", MINE)
    toy.write("solutions/toy/__init__.py", THEIRS)

    ran = Dojo(toy.root, suite=red(), tools=tools())("compare", "toy", "--peek")

    assert ran.status == 0, ran.err
    assert read_table(ran.out, MEASURES) == [
        ["tests passing", "1/2", "2/2"],
        ["mypy --strict errors", "2", "0"],
        ["ruff findings (learner rules)", "1", "0"],
        ["lines of code", "12", "11"],
        ["most complex function", "1, in __init__.Doubler.double", "1, in __init__.Doubler.double"],
    ]
    assert "toy/__init__.py:1: x needs a type [var-annotated]" in ran.out
    assert "toy/__init__.py:2: y [mypy]" in ran.out
    assert re.search(
        r"cd katas && \S+/python -m mypy --strict --config-file \.\./pyproject\.toml toy", ran.out
    )
    assert "katas/toy/__init__.py:12: Boolean-typed positional argument [FBT001]" in ran.out
    assert "--select F,E,W,B,C90,N,SIM,RET,ARG,PL,SLF,FBT,A,UP" in ran.out


@pytest.mark.usefixtures("with_tools")
def test_the_tools_run_under_the_repositorys_settings_and_the_learner_rules(toy: ToyRepo) -> None:
    fake = tools()

    Dojo(toy.root, suite=green(), tools=fake)("compare", "toy")

    mypy = [command for command, _ in fake.commands if "mypy" in command]
    ruff = [command for command, _ in fake.commands if "ruff" in command]
    assert [cwd for command, cwd in fake.commands if "mypy" in command] == [
        toy.root / "katas",
        toy.root / "solutions",
    ]
    assert all(
        "--strict" in command and str(toy.root / "pyproject.toml") in command for command in mypy
    )
    assert all("--isolated" in command and ",".join(LEARNER_RULES) in command for command in ruff)


def test_without_mypy_and_ruff_compare_says_in_one_line_how_to_get_them(
    toy: ToyRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("dojo.comparison.findings.importlib.util.find_spec", lambda _name: None)
    fake = tools()

    ran = Dojo(toy.root, suite=green(), tools=fake)("compare", "toy")

    assert ran.status == 0
    assert read_table(ran.out, MEASURES)[1] == [
        "mypy --strict errors",
        "not installed",
        "not installed",
    ]
    assert (
        "mypy and ruff not installed here, so not counted: make tools installs them "
        "(the pinned versions make test uses)."
    ) in " ".join(ran.out.split())
    assert fake.commands == []


ROLE_MINE = '''\
"""Mine."""


class Doubler:
    """Doubles."""

    def double(self, number: int) -> int:
        """Twice."""
        return number + number


class Index:
    """Where things are."""

    def find(self) -> None:
        """Find."""

    def put(self) -> None:
        """Put."""


class Extra:
    """Nothing like the reference."""

    def unrelated(self) -> None:
        """No."""
'''

ROLE_THEIRS = '''\
"""Reference."""


class Doubler:
    """Doubles."""

    def double(self, number: int) -> int:
        """Twice."""
        return number * 2


class FreeSpots:
    """Which spots are free."""

    def find(self) -> None:
        """Find."""

    def put(self) -> None:
        """Put."""

    def take(self) -> None:
        """Take."""


class Lonely:
    """A role nobody else plays."""
'''

DESIGN = """\
# Toy design

## The modules

`FreeSpots` and `Lonely` live in `__init__.py`.

### The free-spot index (`FreeSpots`)

Why an index.
"""


@pytest.mark.usefixtures("with_tools")
def test_classes_are_matched_by_role_and_each_difference_names_its_design_note(
    toy: ToyRepo,
) -> None:
    toy.write("katas/toy/__init__.py", ROLE_MINE)
    toy.write("solutions/toy/__init__.py", ROLE_THEIRS)
    toy.write("solutions/toy/DESIGN.md", DESIGN)

    ran = Dojo(toy.root, suite=green(), tools=tools())("compare", "toy")

    assert "1 of your classes have the name and the public methods of the reference's" in " ".join(
        ran.out.split()
    )
    assert read_table(ran.out, ROLES) == [
        ["FreeSpots (__init__.py)", "Which spots are free.", "Index (__init__.py) lacks: take"],
        ["Lonely (__init__.py)", "A role nobody else plays.", "no class of yours plays this role"],
        ["—", "no class of the reference plays this role", "Extra (__init__.py)"],
    ]
    assert "FreeSpots: section 'The free-spot index (`FreeSpots`)'" in ran.out
    assert "Lonely: section 'The modules'" in ran.out


@pytest.mark.usefixtures("with_tools")
def test_diff_pairs_modules_by_what_they_define(toy: ToyRepo) -> None:
    long_line = "LONG = " + repr("x" * 150) + "\n"
    toy.write("katas/toy/__init__.py", MINE)
    toy.write("solutions/toy/__init__.py", THEIRS)
    toy.write("katas/toy/index.py", "def find() -> int:\n    return 1\n\n\nLIMIT = 3\n")
    toy.write("solutions/toy/spots.py", "def find() -> int:\n    return 2\n\n\nLIMIT = 3\n")
    toy.write("solutions/toy/extra.py", long_line)
    toy.write("katas/toy/same.py", "Y = 2\n")
    toy.write("solutions/toy/same.py", "Y = 2\n")

    ran = Dojo(toy.root, suite=green(), tools=tools(), width=80)("compare", "toy", "--diff")

    lines = ran.out.splitlines()
    assert "--- yours/index.py" in lines
    assert "+++ reference/spots.py" in lines
    assert "+    return 2" in lines
    assert lines[lines.index("+++ reference/extra.py") - 1] == "--- /dev/null"
    assert f"+{long_line.rstrip()}" in lines
    assert "-        return number + number" in lines
    assert "same.py" not in ran.out


@pytest.mark.usefixtures("with_tools")
def test_diff_output_writes_the_diff_to_a_file(toy: ToyRepo) -> None:
    toy.write("katas/toy/__init__.py", MINE)
    toy.write("katas/toy/mine_only.py", "Z = 1\n")

    ran = Dojo(toy.root, suite=green(), tools=tools())(
        "compare", "toy", "--diff", "--output", "my.diff"
    )

    written = (toy.root / "my.diff").read_text()
    assert "The diff of 2 module(s) is in my.diff." in ran.out
    assert "--- yours/mine_only.py\n+++ /dev/null\n" in written
    assert "+++ reference/__init__.py" in written
    assert "--- yours" not in ran.out


@pytest.mark.usefixtures("with_tools")
def test_code_that_does_not_parse_is_one_line_naming_it(toy: ToyRepo) -> None:
    toy.write("katas/toy/__init__.py", "def broken(:\n")

    ran = Dojo(toy.root, suite=green(), tools=tools())("compare", "toy", "--peek")

    assert ran.status == 2
    assert ran.err.startswith("dojo: error: ")
    assert "katas/toy/__init__.py:1 does not parse (SyntaxError)" in ran.err


@pytest.mark.usefixtures("with_tools")
def test_a_ruff_that_gives_no_report_is_a_one_line_error(toy: ToyRepo) -> None:
    fake = tools()
    fake.ruff["katas"] = "ruff: crashed"

    ran = Dojo(toy.root, suite=green(), tools=fake)("compare", "toy")

    assert ran.status == 2
    assert ran.err.strip() == "dojo: error: ruff gave no JSON report: '\"ruff: crashed\"'"


def test_compare_with_the_real_tools_counts_their_findings(toy: ToyRepo) -> None:
    if missing_tools():
        pytest.skip(f"{missing_tools()} not installed: make tools")
    toy.write("katas/toy/__init__.py", UNTYPED)

    ran = Dojo(toy.root, tools=run_tool)("compare", "toy", "--peek")

    assert ran.status == 0, ran.err
    row = {cells[0]: cells[1:] for cells in read_table(ran.out, MEASURES)}
    assert row["mypy --strict errors"] == ["1", "0"]
    assert row["ruff findings (learner rules)"] == ["1", "0"]
    assert "`os` imported but unused [F401]" in ran.out


def parse(source: str) -> ast.FunctionDef:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.FunctionDef)
    return node


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("def f():\n    return 1\n", 1, id="straight-line code"),
        pytest.param("def f(a):\n    if a:\n        return 1\n    return 2\n", 2, id="an if"),
        pytest.param("def f(a, b):\n    return a and b or a\n", 3, id="two boolean operators"),
        pytest.param(
            "def f(xs):\n    return [x for x in xs if x]\n",
            3,
            id="a comprehension with a condition",
        ),
        pytest.param(
            "def f(xs):\n    for x in xs:\n        while x:\n            x -= 1\n",
            3,
            id="two loops",
        ),
        pytest.param(
            "def f():\n    try:\n        pass\n    except ValueError:\n        pass\n",
            2,
            id="an except",
        ),
        pytest.param(
            (
                "def f(a):\n    match a:\n        case 1:\n            pass\n"
                "        case _:\n            pass\n"
            ),
            3,
            id="a match with two cases",
        ),
        pytest.param(
            "def f(a):\n    def g():\n        if a:\n            pass\n    return g\n",
            1,
            id="a nested function",
        ),
        pytest.param("def f(a):\n    return 1 if a else 2\n", 2, id="a conditional expression"),
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

    assert metrics.lines == 12
    assert metrics.complexity == 1


def test_the_most_complex_function_is_named_with_its_class_and_enclosing_blocks(
    tmp_path: Path,
) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "m.py").write_text(NESTED)

    metrics = measure(tmp_path / "pkg")

    assert (metrics.complexity, metrics.most_complex) == (3, "m.Outer.method.inner")


@pytest.mark.usefixtures("with_tools")
def test_ctrl_c_while_the_tools_run_is_one_line_and_status_130(toy: ToyRepo) -> None:
    def interrupted(command: list[str], cwd: Path) -> str:
        raise KeyboardInterrupt((command, cwd))

    ran = Dojo(toy.root, suite=green(), tools=interrupted)("compare", "toy")

    assert ran.status == 130
    assert ran.err == "dojo: error: interrupted (Ctrl-C); nothing more was done\n"
    assert "Traceback" not in ran.out
