"""A throwaway repository with one tiny kata, for running the harness end to end."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import attrs

REPO = Path(__file__).resolve().parents[2]

KATA_TOML = """\
title = "Toy"
summary = "Two functions, for testing the harness."
difficulty = "beginner"
patterns = ["Strategy"]
principles = ["SRP"]

[[steps]]
title = "Double"
minutes = 5

[[steps]]
title = "Greet"
minutes = 5
"""

SPEC = "# Toy\n\n## Step 1: Double\n\nDouble it.\n\n## Step 2: Greet\n\nSay hello.\n"

SKELETON = '''\
"""Toy skeleton."""


def double(number: int) -> int:
    """Twice ``number``."""
    raise NotImplementedError


def greet(name: str) -> str:
    """A greeting."""
    raise NotImplementedError
'''

SOLUTION = '''\
"""Toy solution."""


def double(number: int) -> int:
    """Twice ``number``."""
    return number * 2


def greet(name: str) -> str:
    """A greeting."""
    if not name:
        raise ValueError("name must not be empty")
    return f"Hello, {name}!"
'''

HINTS = """\
[[steps]]
title = "Double"
hints = ["Multiply.", "By two."]

[[steps]]
title = "Greet"
hints = ["Use an f-string."]
"""

# What git restores of ``katas/toy/`` after ``dojo reset``.
SKELETON_FILES = ["README.md", "__init__.py", "hints.toml", "kata.toml"]

STEP_1 = """\
import pytest
from toy import double

pytestmark = [pytest.mark.step(1), pytest.mark.spec("Double it.")]


def test_doubles_three() -> None:
    assert double(3) == 6
"""

STEP_2 = """\
import pytest
from toy import greet

pytestmark = [pytest.mark.step(2), pytest.mark.spec("Say hello.")]


def test_greets_by_name() -> None:
    assert greet("Ada") == "Hello, Ada!"
"""


@attrs.frozen
class Ran:
    """What a command printed and how it ended."""

    status: int
    output: str

    def row(self, *key: str) -> list[str]:
        """The other cells of the table row whose first cells are ``key``; [] if none is."""
        for line in self.output.splitlines():
            cells = line.split()
            if tuple(cells[: len(key)]) == key:
                return cells[len(key) :]
        return []


@attrs.frozen
class ToyRepo:
    """A repository laid out like ours, with the ``toy`` kata, at ``root``."""

    root: Path

    @classmethod
    def create(cls, root: Path) -> ToyRepo:
        """Write the toy repository under ``root``.

        It holds ``katas/`` and a ``harness/`` folder, so ``dojo`` finds it as it finds ours.
        """
        root.mkdir(parents=True)
        shutil.copy2(REPO / "pyproject.toml", root / "pyproject.toml")
        (root / "tests").mkdir()
        (root / "harness").mkdir()
        shutil.copy2(REPO / "tests" / "conftest.py", root / "tests" / "conftest.py")
        repo = cls(root)
        repo.write("katas/toy/kata.toml", KATA_TOML)
        repo.write("katas/toy/README.md", SPEC)
        repo.write("katas/toy/__init__.py", SKELETON)
        repo.write("katas/toy/hints.toml", HINTS)
        repo.write("solutions/toy/__init__.py", SOLUTION)
        repo.write("tests/toy/test_step1_double.py", STEP_1)
        repo.write("tests/toy/test_step2_greet.py", STEP_2)
        return repo

    def committed(self) -> ToyRepo:
        """This repository, made a git repository with everything committed."""
        git = (
            "git",
            "-c",
            "user.name=toy",
            "-c",
            "user.email=toy@example.org",
            "-C",
            str(self.root),
        )
        subprocess.run(["git", "init", "-q", str(self.root)], check=True)
        subprocess.run([*git, "add", "."], check=True)
        subprocess.run([*git, "commit", "-q", "-m", "toy"], check=True)
        return self

    def write(self, relative: str, text: str) -> Path:
        """Create or replace a file of the toy repository."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def run(self, *args: str, cwd: Path | None = None) -> Ran:
        """Run ``python ARGS`` with the harness pointed at this repository."""
        env = {
            **os.environ,
            "KATAS_ROOT": str(self.root),
            "PYTHONPATH": str(REPO),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        completed = subprocess.run(
            [sys.executable, *args],
            cwd=cwd or self.root,
            env=env,
            check=False,
            capture_output=True,
            text=True,
            timeout=600,
        )
        return Ran(completed.returncode, completed.stdout + completed.stderr)

    def pytest(self, *args: str, cwd: Path | None = None) -> Ran:
        """Run pytest in the toy repository."""
        return self.run("-m", "pytest", "-p", "no:cacheprovider", *args, cwd=cwd)


INTERVIEW_TOML = """
[interview]
prompt = "Design a doubler."
clarify_minutes = 2
core_minutes = 10
review_minutes = 3

[[interview.changes]]
id = "greetings"
title = "Greetings"
minutes = 5
"""

INTERVIEW_SPEC = """\
# Interview: Toy

## Prompt

Design a doubler.

## Core requirements

1. **Numbers double.** A number comes back twice as large.
   - Ask: What does it do to a number?
   - Why it matters: it is the whole job.

## Driver contract

`double_of(n)` returns twice `n`.

## Change request 1: Greetings

It greets by name.

## Rubric

| area | strong |
|---|---|
| Requirements clarified | asks what doubling means |
| Entities and responsibilities | one function |
| API | plain |
| Extensibility | a second operation by addition |
| Patterns where they pay | none needed |
| Concurrency | none |
| Testing | table of cases |
| Communication | says why |

## Follow-up questions

### What about floats?

They double too; see [the spec](README.md).
"""

DRIVER_SKELETON = '''\
"""The toy's interview driver, to be written."""


def double_of(n: int) -> int:
    """Twice ``n``."""
    raise NotImplementedError


def greeting(name: str) -> str:
    """A greeting for ``name``."""
    raise NotImplementedError
'''

DRIVER = '''\
"""The toy's interview driver."""

from toy import double, greet


def double_of(n: int) -> int:
    """Twice ``n``."""
    return double(n)


def greeting(name: str) -> str:
    """A greeting for ``name``."""
    return greet(name)
'''

INTERVIEW_CORE = """\
import pytest
from toy.driver import double_of

pytestmark = [
    pytest.mark.interview("core"),
    pytest.mark.spec("Numbers double. A number comes back twice", "double_of(n) returns twice n"),
]


def test_a_number_doubles() -> None:
    assert double_of(4) == 8
"""

INTERVIEW_CHANGE = """\
import pytest
from toy.driver import greeting

pytestmark = [pytest.mark.interview("greetings"), pytest.mark.spec("It greets by name.")]


def test_it_greets() -> None:
    assert greeting("Ada") == "Hello, Ada!"
"""


def add_interview(repo: ToyRepo) -> ToyRepo:
    """Give the toy kata an interview: metadata, spec, drivers and a two-stage suite."""
    toml = repo.root / "katas/toy/kata.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + INTERVIEW_TOML, encoding="utf-8")
    repo.write("katas/toy/INTERVIEW.md", INTERVIEW_SPEC)
    repo.write("katas/toy/driver.py", DRIVER_SKELETON)
    repo.write("solutions/toy/driver.py", DRIVER)
    repo.write("tests/interview/toy/test_core.py", INTERVIEW_CORE)
    repo.write("tests/interview/toy/test_change_1_greetings.py", INTERVIEW_CHANGE)
    return repo
