"""The corpus of wrong implementations: plausible mistakes the acceptance tests must catch.

Each ``tests/wrong/<kata>/<name>.toml`` describes one mistake as edits of the reference
solution, aimed at one sentence of the spec::

    rule = "the spec sentence it breaks"
    step = 4                      # the tests of steps 1..4 must catch it
    # equivalent = "why no test can tell it apart"   (a true equivalent only)
    # verify = "chmod"   (the ``dojo verify`` check(s) that must report it, a name or a
    #                     list of names: make verify)

    [[edits]]
    file = "pricing.py"           # relative to solutions/<kata>/
    find = "..."                  # occurs exactly once in that file
    replace = "..."

``python -m harness.wrong [KATA ...]`` applies each to a copy of the reference, runs the
kata's tests of steps 1..``step`` against it, and expects a failure. It prints the catch
rate per kata and exits 1 on a survivor not marked equivalent, an "equivalent" that is
caught, an edit that no longer applies, a copy that does not import, or a run that
collects no test.

The runs are forked from warm pytest servers (``harness.warm``), one per worker, and as
many entries are tested at once as the machine has cores (``--jobs``).
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import sys
import tempfile
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from harness.catalog import ROOT, MetadataError, kata_names, load_kata
from harness.results import ERROR, FAILED
from harness.runner import in_child, later_step_modules, module_step, run_suite
from harness.warm import CHILD_ENV, PLUGINS, WarmPool

if TYPE_CHECKING:
    from collections.abc import Sequence

    from harness.results import RunResults
    from harness.runner import Launcher

CAUGHT, SURVIVED, BROKEN = "caught", "survived", "broken"
_FIELDS = {"rule", "step", "equivalent", "edits", "verify"}
# Each run stops at its first failure, keeps the modules' order and prints nothing: the
# outcomes are read back from the recorder.
_OPTIONS = ("-x", "-q", "-p", "no:randomly", "--tb=no", "--no-header", "-rN", *PLUGINS)


class CorpusError(ValueError):
    """A corpus entry that cannot be applied; the message names the file and why."""


@attrs.frozen
class Edit:
    """Replace the one occurrence of ``find`` in ``file`` by ``replace``."""

    file: str
    find: str
    replace: str


@attrs.frozen
class WrongImplementation:
    """One entry of the corpus."""

    kata: str
    name: str
    rule: str
    step: int
    edits: tuple[Edit, ...]
    equivalent: str = ""
    verify: tuple[str, ...] = ()

    @classmethod
    def load(cls, path: Path, kata: str) -> WrongImplementation:
        """Read one entry; ``CorpusError`` naming the file and the field."""
        shown = _shown(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise CorpusError(f"{shown}: {error}") from error
        unknown = sorted(set(data) - _FIELDS)
        if unknown:
            raise CorpusError(f"{shown}: unknown field(s) {', '.join(unknown)}")
        rule, step, edits = data.get("rule"), data.get("step"), data.get("edits")
        if not isinstance(rule, str) or not rule.strip():
            raise CorpusError(f"{shown}: rule must quote the spec sentence the mistake breaks")
        if isinstance(step, bool) or not isinstance(step, int) or step < 1:
            raise CorpusError(f"{shown}: step must be a positive integer")
        if not isinstance(edits, list) or not edits:
            raise CorpusError(f"{shown}: needs at least one [[edits]] table")
        equivalent = data.get("equivalent", "")
        if not isinstance(equivalent, str):
            raise CorpusError(f"{shown}: equivalent must be a string (the reason)")
        verify = data.get("verify", [])
        checks = [verify] if isinstance(verify, str) else verify
        if not isinstance(checks, list) or not all(
            isinstance(name, str) and name for name in checks
        ):
            raise CorpusError(
                f"{shown}: verify must be a string or a list of strings (the checks that catch it)"
            )
        found = tuple(_edit(shown, item) for item in edits)
        return cls(kata, path.stem, rule, step, found, equivalent, tuple(checks))

    def apply(self, source: Path, target: Path) -> None:
        """Copy ``source`` (the reference package) to ``target`` with the edits made."""
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        for edit in self.edits:
            path = target / edit.file
            if not path.is_file():
                raise CorpusError(f"{edit.file} is not in the reference")
            text = path.read_text(encoding="utf-8")
            count = text.count(edit.find)
            if count != 1:
                raise CorpusError(f"the text to find occurs {count} times in {edit.file}, not once")
            path.write_text(text.replace(edit.find, edit.replace), encoding="utf-8")


def _shown(path: Path) -> Path:
    """``path`` relative to the repository, as a learner would type it, where it can be."""
    try:
        return path.relative_to(ROOT)
    except ValueError:
        return path


def _edit(path: Path, item: Any) -> Edit:  # noqa: ANN401 - raw TOML
    if not isinstance(item, dict) or {"file", "find", "replace"} != set(item):
        raise CorpusError(f"{path}: each [[edits]] has exactly file, find and replace")
    if not all(isinstance(item[key], str) for key in item) or not item["find"]:
        raise CorpusError(f"{path}: file, find and replace must be strings, find not empty")
    return Edit(item["file"], item["find"], item["replace"])


@attrs.frozen
class Result:
    """How one wrong implementation fared, and what the check makes of it."""

    entry: WrongImplementation
    outcome: str
    detail: str = ""

    @property
    def problem(self) -> str:
        """Why this result fails the check, or "" when it is as it should be."""
        name = f"{self.entry.kata}/{self.entry.name}"
        if self.outcome == BROKEN:
            return f"{name}: {self.detail}"
        if self.outcome == SURVIVED and not self.entry.equivalent:
            return f"{name}: survives the tests of steps 1-{self.entry.step} ({self.entry.rule!r})"
        if self.outcome == CAUGHT and self.entry.equivalent:
            return f"{name}: marked equivalent, but the tests catch it: {self.detail}"
        return ""


def corpus(kata: str, root: Path = ROOT) -> list[WrongImplementation]:
    """Every entry of a kata's corpus, sorted by name; ``CorpusError`` for a bad file."""
    folder = root / "tests" / "wrong" / kata
    return [WrongImplementation.load(path, kata) for path in sorted(folder.glob("*.toml"))]


def run_one(entry: WrongImplementation, root: Path = ROOT, launch: Launcher = in_child) -> Result:
    """Apply ``entry`` in a scratch folder and run the tests that must catch it.

    The modules of the entry's own step run first, alone: a mistake aimed at a step's rule
    is most often caught there, and the run stops at its first failure. Only a copy that
    passes them runs the modules of the earlier steps; one that passes those too survives.
    """
    batches = _batches(root / "tests" / entry.kata, entry.step)
    if not batches:
        return Result(
            entry, BROKEN, f"tests/{entry.kata}/ has no test module of steps 1-{entry.step}"
        )
    with tempfile.TemporaryDirectory(prefix="katas-wrong-") as scratch:
        try:
            entry.apply(root / "solutions" / entry.kata, Path(scratch) / entry.kata)
        except CorpusError as error:
            return Result(entry, BROKEN, str(error))
        for modules in batches:
            status, results = run_suite(
                [entry.kata],
                scratch,
                step=entry.step,
                extra=_OPTIONS,
                quiet=True,
                root=root,
                env=CHILD_ENV,
                paths=modules,
                launch=launch,
            )
            verdict = _verdict(entry, status, results)
            if verdict is not None:
                return verdict
    return Result(entry, SURVIVED)


def _verdict(entry: WrongImplementation, status: int, results: RunResults) -> Result | None:
    """What one run says of ``entry``: caught or broken; None when every test it ran passed.

    A run that collected no test (pytest's exit status 5) or ended otherwise is broken,
    never a pass.
    """
    if results.collection_errors:
        first = results.collection_errors[0]
        return Result(entry, BROKEN, f"does not import: {first.message}")
    failures = [outcome for outcome in results.outcomes if outcome.outcome in (FAILED, ERROR)]
    if status == 1 and failures:
        return Result(entry, CAUGHT, failures[0].nodeid)
    if status == 0 and results.outcomes:
        return None  # every test passed, or was skipped: a skip catches nothing
    return Result(entry, BROKEN, f"pytest ended with exit status {status}")


def _batches(tests: Path, step: int) -> list[list[str]]:
    """The kata's test modules of steps 1..``step``: those named for ``step``, then the rest.

    The modules named for a later step are left out, as in a practice run
    (``later_step_modules``); one named for no step is in the rest. An empty batch is left
    out.
    """
    later = set(later_step_modules(tests, step))
    modules = [module for module in sorted(tests.glob("test_*.py")) if module not in later]
    aimed = [str(module) for module in modules if module_step(module) == step]
    rest = [str(module) for module in modules if module_step(module) != step]
    return [batch for batch in (aimed, rest) if batch]


def render(results: Sequence[Result], katas: Sequence[str]) -> str:
    """Per kata: entries, caught, survived, equivalent, catch rate; then every problem."""
    header = (
        f"{'kata':<20} {'entries':>8} {'caught':>7} {'survived':>9} {'equivalent':>11} "
        f"{'catch rate':>11}"
    )
    lines = [header, "-" * len(header)]
    for kata in katas:
        mine = [result for result in results if result.entry.kata == kata]
        real = [result for result in mine if not result.entry.equivalent]
        caught = sum(result.outcome == CAUGHT for result in real)
        rate = f"{100.0 * caught / len(real):.1f}%" if real else "-"
        lines.append(
            f"{kata:<20} {len(mine):>8} {caught:>7} "
            f"{sum(result.outcome == SURVIVED for result in real):>9} "
            f"{len(mine) - len(real):>11} {rate:>11}"
        )
    problems = [result.problem for result in results if result.problem]
    lines.append("")
    if problems:
        lines.append(f"{len(problems)} problem(s):")
        lines += [f"  {problem}" for problem in problems]
    else:
        lines.append("every wrong implementation is caught (or a listed equivalent that survives)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m harness.wrong", description=__doc__)
    parser.add_argument("katas", nargs="*", help="katas whose corpus to run (default: all)")
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="wrong implementations tested at once (default: the number of cores)",
    )
    args = parser.parse_args(argv)
    known = kata_names(ROOT)
    unknown = [name for name in args.katas if name not in known]
    if unknown:
        parser.error(f"unknown kata(s) {', '.join(unknown)}; the katas are: {', '.join(known)}")
    if args.jobs < 1:
        parser.error(f"--jobs {args.jobs}: must be 1 or more")
    katas = [kata for kata in (args.katas or known) if (ROOT / "tests" / "wrong" / kata).is_dir()]
    try:
        entries = [entry for kata in katas for entry in corpus(kata)]
        for entry in entries:
            load_kata(entry.kata).step(entry.step)
    except (CorpusError, MetadataError) as error:
        print(f"error: {error}", file=sys.stderr)  # noqa: T201 - CLI output
        return 1
    if not entries:
        print("no wrong implementations found under tests/wrong/", file=sys.stderr)  # noqa: T201
        return 1
    servers = WarmPool(args.jobs)
    try:
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(functools.partial(run_one, launch=servers), entries))
    finally:
        servers.close()
    print(render(results, katas))  # noqa: T201 - CLI output
    return 1 if any(result.problem for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
