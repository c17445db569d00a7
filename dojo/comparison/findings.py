"""mypy and ruff on an implementation, under the rules a learner is asked to keep.

mypy runs ``--strict`` with the repository's settings, as on the reference. ruff runs
isolated from the repository's ``select = ["ALL"]``, with ``LEARNER_RULES``: the rules that
say something about a design or a likely bug, not the ones for a published library
(docstrings, security lints, copyright notices) or for this repository's own tests.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from dojo.errors import ToolError
from dojo.text import one_line

if TYPE_CHECKING:
    from dojo.app import ToolRunner
    from dojo.repository import Implementation, Repository

# pyflakes, pycodestyle, bugbear, complexity (over 10), naming, simplifications, returns,
# unused arguments, pylint's design limits, private access (tell, don't ask), boolean
# traps, shadowed builtins, modern syntax.
LEARNER_RULES = ("F", "E", "W", "B", "C90", "N", "SIM", "RET", "ARG", "PL", "SLF", "FBT", "A", "UP")
# Line length is the formatter's business; magic numbers read better in domain rules.
LEARNER_IGNORES = ("E501", "PLR2004")
TOOLS = ("mypy", "ruff")
SHOWN = 8


@attrs.frozen
class Finding:
    """One finding: where, which rule, and what it says."""

    place: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message} [{self.rule}]"


@attrs.frozen
class Findings:
    """One tool's findings on one implementation, and the command that lists them all."""

    tool: str
    command: str
    found: tuple[Finding, ...]


def missing_tools() -> list[str]:
    """The tools this interpreter cannot run (the light install has neither)."""
    return [tool for tool in TOOLS if importlib.util.find_spec(tool) is None]


def mypy_command(repository: Repository, impl: Implementation, kata: str) -> list[str]:
    """``mypy --strict`` on the kata package with the repository's settings, run in ``impl``.

    Its cache is kept in ``.dojo/``, one per side, so each side's second run is quick.
    """
    cache = repository.state / "mypy_cache" / ("mine" if impl.is_learners else "other")
    return [
        *(sys.executable, "-m", "mypy", "--strict", "--config-file", str(repository.settings)),
        *("--no-error-summary", "--show-error-codes", "--cache-dir", str(cache), kata),
    ]


def ruff_options() -> list[str]:
    """The learner's rule set, isolated from the repository's own settings."""
    return [
        *("check", "--isolated", "--select", ",".join(LEARNER_RULES)),
        *("--ignore", ",".join(LEARNER_IGNORES), "--line-length", "100"),
        *("--target-version", "py311"),
    ]


def mypy_findings(
    run: ToolRunner, repository: Repository, impl: Implementation, kata: str
) -> Findings:
    """Mypy's errors in the kata package of ``impl``."""
    found = []
    for line in run(mypy_command(repository, impl, kata), impl.folder).splitlines():
        place, marker, rest = line.partition(": error: ")
        if not marker:
            continue
        message, bracket, code = rest.rpartition("  [")
        if not bracket:
            message, code = rest, "mypy]"
        found.append(Finding(one_line(place), one_line(code.rstrip("]")), one_line(message)))
    folder = impl.folder
    shown = [_from(folder, sys.executable), "-m", "mypy", "--strict", "--config-file"]
    shown += [_from(folder, repository.settings), kata]
    command = f"cd {shlex.quote(repository.relative(folder))} && {shlex.join(shown)}"
    return Findings("mypy", command, tuple(found))


def ruff_findings(
    run: ToolRunner, repository: Repository, impl: Implementation, kata: str
) -> Findings:
    """Ruff's findings in the kata package of ``impl``, under ``LEARNER_RULES``."""
    folder = impl.package(kata)
    command = [sys.executable, "-m", "ruff", *ruff_options(), "--exit-zero"]
    output = run([*command, "--output-format=json", str(folder)], repository.root)
    try:
        found = tuple(
            Finding(
                f"{repository.relative(Path(item['filename']))}:{item['location']['row']}",
                one_line(str(item["code"])),
                one_line(str(item["message"])),
            )
            for item in json.loads(output)
        )
    except (ValueError, TypeError, KeyError, RecursionError):
        raise ToolError(f"ruff gave no JSON report: {output.strip()[:200]!r}") from None
    root = repository.root
    shown = [_from(root, sys.executable), "-m", "ruff", *ruff_options()]
    return Findings("ruff", shlex.join([*shown, repository.relative(folder)]), found)


def _from(folder: Path, target: str | Path) -> str:
    """``target`` as a path relative to ``folder``: the way to type it after ``cd folder``."""
    return os.path.relpath(target, folder)
