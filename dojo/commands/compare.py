"""``dojo compare``: the learner's implementation beside the reference, measure by measure."""

from __future__ import annotations

import difflib
import json
import sys
from typing import TYPE_CHECKING

import attrs
from rich.table import Table

from dojo.errors import ToolError
from dojo.invocation import add_impl, add_kata
from dojo.metrics import Metrics, measure, python_files
from dojo.registry import Command
from dojo.report import TestReport
from harness.results import StepResult

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from dojo.app import App
    from dojo.invocation import Invocation
    from dojo.registry import Registry
    from dojo.repository import Implementation
    from harness.catalog import Kata


def register(registry: Registry) -> None:
    """Add ``dojo compare KATA [--impl I] [--diff]``."""
    registry.add(
        Command("compare", "your implementation beside the reference", compare, _arguments)
    )


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_kata(parser)
    add_impl(parser)
    parser.add_argument("--diff", action="store_true", help="per-file diff")


@attrs.frozen
class Side:
    """One implementation, measured."""

    steps: tuple[StepResult, ...]
    mypy_errors: int
    ruff_findings: int
    metrics: Metrics


def mypy_errors(app: App, impl: Implementation, kata: str) -> int:
    """``mypy --strict`` errors in the kata package, under the repository's settings."""
    repository = app.repository
    cache = repository.state / "mypy_cache" / ("mine" if impl.is_learners else "other")
    output = app.run_tool(
        [
            *(sys.executable, "-m", "mypy", "--strict", "--config-file"),
            *(str(repository.settings), "--cache-dir", str(cache), kata),
        ],
        impl.folder,
    )
    return sum(1 for line in output.splitlines() if ": error:" in line)


def ruff_findings(app: App, impl: Implementation, kata: str) -> int:
    """``ruff check`` findings in the kata package, under the repository's settings."""
    repository = app.repository
    output = app.run_tool(
        [
            *(sys.executable, "-m", "ruff", "check", "--exit-zero", "--output-format=json"),
            *("--config", str(repository.settings), str(impl.package(kata))),
        ],
        repository.root,
    )
    try:
        return len(json.loads(output))
    except ValueError:
        raise ToolError(f"ruff gave no JSON report: {output.strip()[:200]!r}") from None


def measure_side(app: App, kata: Kata, impl: Implementation) -> Side:
    """Run the tests and the tools on one implementation."""
    _, results = app.run_suite(kata.name, impl, len(kata.steps), app.repository.root)
    report = TestReport.of(kata, impl, results, len(kata.steps))
    return Side(
        report.steps,
        mypy_errors(app, impl, kata.name),
        ruff_findings(app, impl, kata.name),
        measure(impl.package(kata.name)),
    )


def compare(invocation: Invocation) -> int:
    """Print both implementations' measures side by side, and the diff if ``--diff``."""
    app, kata = invocation.app, invocation.kata()
    impl = app.repository.implementation(kata, invocation.args.impl, app.cwd)
    reference = app.repository.reference
    mine, theirs = measure_side(app, kata, impl), measure_side(app, kata, reference)
    table = Table(title=f"{kata.title}: yours ({impl.label}) and the reference")
    for column in ("measure", "yours", "reference"):
        table.add_column(column)
    for own, ref in zip(mine.steps, theirs.steps, strict=True):
        table.add_row(
            f"step {own.number} tests passing",
            f"{own.passed}/{own.total}",
            f"{ref.passed}/{ref.total}",
        )
    table.add_row("mypy --strict errors", str(mine.mypy_errors), str(theirs.mypy_errors))
    table.add_row("ruff findings", str(mine.ruff_findings), str(theirs.ruff_findings))
    table.add_row("lines of code", str(mine.metrics.lines), str(theirs.metrics.lines))
    table.add_row(
        "largest cyclomatic complexity",
        f"{mine.metrics.complexity} ({mine.metrics.most_complex or '-'})",
        f"{theirs.metrics.complexity} ({theirs.metrics.most_complex or '-'})",
    )
    app.console.print(table)
    app.console.print(_api_table(mine.metrics, theirs.metrics))
    if invocation.args.diff:
        _print_diff(app, impl.package(kata.name), reference.package(kata.name))
    return 0


def _api_table(mine: Metrics, theirs: Metrics) -> Table:
    table = Table(title="Public classes and methods")
    for column in ("class", "yours", "reference"):
        table.add_column(column)
    for name in sorted(set(mine.api) | set(theirs.api)):
        table.add_row(
            name,
            ", ".join(mine.api[name]) if name in mine.api else "(none)",
            ", ".join(theirs.api[name]) if name in theirs.api else "(none)",
        )
    return table


def _print_diff(app: App, mine: Path, theirs: Path) -> None:
    # Pygments is slow to import and only --diff needs it.
    from rich.syntax import Syntax  # noqa: PLC0415 - see above

    names = sorted(
        {path.relative_to(mine).as_posix() for path in python_files(mine)}
        | {path.relative_to(theirs).as_posix() for path in python_files(theirs)}
    )
    for name in names:
        lines = difflib.unified_diff(
            _lines(mine / name), _lines(theirs / name), f"yours/{name}", f"reference/{name}"
        )
        text = "".join(lines)
        if text:
            app.console.print(Syntax(text, "diff", word_wrap=True))


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True) if path.is_file() else []
