"""The pytest plugin behind ``--impl``, ``--step`` and ``--stage``, and each suite's self-checks.

Three kinds of tests live under ``tests/``: a kata's step suite (``tests/<kata>/``, each
test marked ``step(N)``), its interview suite (``tests/interview/<kata>/``, each test marked
``interview("core")`` or ``interview("<change id>")``), and the conformance tests
(``tests/conformance/<kata>/``).
"""

from __future__ import annotations

import functools
import importlib.machinery
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from harness.catalog import ROOT, Interview, Kata, MetadataError, kata_names, load_kata
from harness.impl import ImplError, require_kata, resolve_impl
from harness.recorder import ResultRecorder
from harness.runner import module_step

if TYPE_CHECKING:
    import types
    from collections.abc import Iterable

TESTS = ROOT / "tests"
CONFORMANCE = TESTS / "conformance"
INTERVIEWS = TESTS / "interview"
_GROUPS = ("conformance", "interview")
_IMPL = pytest.StashKey[Path]()
_KATAS = pytest.StashKey[dict[str, Kata]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the harness options."""
    group = parser.getgroup("katas", "kata harness")
    group.addoption(
        "--impl",
        default="katas",
        help="implementation to test: katas (default, your copy), solutions, or a folder "
        "that holds <kata>/ packages",
    )
    group.addoption(
        "--step", type=int, default=None, help="run the acceptance tests of steps 1..N only"
    )
    group.addoption(
        "--stage",
        default=None,
        metavar="ID",
        help="run the interview tests of the core and the change requests up to ID only",
    )
    group.addoption("--results-json", default=None, help="write each test's outcome to this file")


@functools.cache  # asked once per test; a path's place does not change in a session
def kata_of(path: Path) -> str | None:
    """The kata whose tests live at ``path`` (acceptance or conformance), if any."""
    try:
        parts = path.resolve().relative_to(TESTS).parts
    except ValueError:
        return None
    if parts[:1] and parts[0] in _GROUPS:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in kata_names(ROOT):
        return parts[0]
    return None


@functools.cache  # asked once per test; a path's place does not change in a session
def is_acceptance(path: Path) -> bool:
    """Acceptance tests are the kata folders of ``tests/``, conformance and interview excluded."""
    resolved = path.resolve()
    return (
        kata_of(path) is not None
        and CONFORMANCE not in resolved.parents
        and INTERVIEWS not in resolved.parents
    )


@functools.cache  # asked once per test; a path's place does not change in a session
def is_interview(path: Path) -> bool:
    """Interview tests are the kata folders of ``tests/interview/``."""
    return kata_of(path) is not None and INTERVIEWS in path.resolve().parents


def targeted_katas(args: Iterable[str], cwd: Path) -> list[str]:
    """Katas whose tests the command line selects, so a missing package fails up front."""
    names = kata_names(ROOT)
    targeted: set[str] = set()
    for arg in args:
        path = (cwd / arg.split("::")[0]).resolve()
        for name in names:
            folders = (TESTS / name, CONFORMANCE / name, INTERVIEWS / name)
            if any(
                path == folder or folder in path.parents or path in folder.parents
                for folder in folders
            ):
                targeted.add(name)
    return sorted(targeted)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Resolve ``--impl``, check it holds every targeted kata, and put it on ``sys.path``."""
    label = str(config.getoption("impl"))
    cwd = config.invocation_params.dir
    try:
        impl = resolve_impl(label, cwd=cwd)
        katas = {name: load_kata(name) for name in targeted_katas(config.args, cwd)}
        for name in katas:
            require_kata(impl, name, label=label)
        step = config.getoption("step")
        if step is not None:
            for kata in katas.values():
                kata.step(step)
        stage = config.getoption("stage")
        if stage is not None:
            for kata in katas.values():
                _interview(kata).stage(stage)
    except (ImplError, MetadataError) as error:
        raise pytest.UsageError(str(error)) from None
    sys.path.insert(0, str(impl))
    sys.path_hooks.insert(0, functools.partial(_fresh_finder, impl))
    config.stash[_IMPL] = impl
    config.stash[_KATAS] = katas
    results = config.getoption("results_json")
    if results:
        recorder = ResultRecorder(
            Path(results), impl, lambda item: number_of(config, item), quotes_of
        )
        config.pluginmanager.register(recorder, "results-json")


class FreshSourceLoader(importlib.machinery.SourceFileLoader):
    """Compiles a module from its source every time, and caches no bytecode of it.

    Python trusts a cached ``.pyc`` whose source has the same size and modification
    second: two saves of the same length within a second (``<`` made ``>``) would leave
    the second unseen. An implementation is what changes between runs, so its modules
    are always read from source.
    """

    def get_code(self, fullname: str) -> types.CodeType:
        """The module's code, compiled from its source."""
        path = self.get_filename(fullname)
        return self.source_to_code(self.get_data(path), path)


def _fresh_finder(impl: Path, entry: str) -> importlib.machinery.FileFinder:
    """The finder for import path entries inside ``impl``; ImportError for any other."""
    if not Path(entry).resolve().is_relative_to(impl):
        raise ImportError(entry)
    return importlib.machinery.FileFinder(
        entry, (FreshSourceLoader, importlib.machinery.SOURCE_SUFFIXES)
    )


def _interview(kata: Kata) -> Interview:
    if kata.interview is None:
        raise MetadataError(f"{kata.name} has no interview ([interview] in its kata.toml)")
    return kata.interview


def step_of(item: pytest.Item) -> int | None:
    """The step an acceptance test belongs to, or None when it has not exactly one."""
    marks = list(item.iter_markers("step"))
    if len(marks) != 1 or len(marks[0].args) != 1 or not isinstance(marks[0].args[0], int):
        return None
    return int(marks[0].args[0])


def stage_of(item: pytest.Item) -> str | None:
    """The interview stage (``core`` or a change id) a test belongs to, or None."""
    marks = list(item.iter_markers("interview"))
    if len(marks) != 1 or len(marks[0].args) != 1 or not isinstance(marks[0].args[0], str):
        return None
    return str(marks[0].args[0])


def number_of(config: pytest.Config, item: pytest.Item) -> int | None:
    """A test's step, or the number of its interview stage (1 is the core); None if neither."""
    if is_acceptance(item.path):
        return step_of(item)
    kata, stage = kata_of(item.path), stage_of(item)
    if kata is None or stage is None or not is_interview(item.path):
        return None
    try:
        return _interview(_cached_kata(config, kata)).stage(stage).number
    except MetadataError:
        return None


def quotes_of(item: pytest.Item) -> tuple[str, ...]:
    """The spec sentences a test quotes, from its ``spec`` markers at every level."""
    return tuple(
        str(quote) for mark in reversed(list(item.iter_markers("spec"))) for quote in mark.args
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Refuse tests without exactly one known step or stage; apply ``--step`` and ``--stage``."""
    problems = [problem for item in items for problem in _placement_problems(config, item)]
    if problems:
        raise pytest.UsageError(
            "acceptance tests without a valid step or stage:\n  " + "\n  ".join(problems)
        )
    step, stage = config.getoption("step"), config.getoption("stage")
    if step is None and stage is None:
        return
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        number = number_of(config, item)
        kata = kata_of(item.path)
        if is_acceptance(item.path):
            limit = step
        elif stage is not None and kata is not None and is_interview(item.path):
            limit = _interview(_cached_kata(config, kata)).stage(stage).number
        else:
            limit = None
        (dropped if number is not None and limit is not None and number > limit else kept).append(
            item
        )
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def _placement_problems(config: pytest.Config, item: pytest.Item) -> list[str]:
    """Why a kata test does not belong to exactly one known step or stage, if it does not."""
    kata = kata_of(item.path)
    if kata is None:
        return []
    try:
        if is_acceptance(item.path):
            step = step_of(item)
            if step is None:
                return [f"{item.nodeid}: needs exactly one step(N) marker"]
            named = module_step(item.path)
            if named is not None and named != step:
                # A run of steps 1..N leaves out the modules named for later steps unread.
                return [f"{item.nodeid}: marked step({step}) in a module of step {named}"]
            _cached_kata(config, kata).step(step)
        elif is_interview(item.path):
            stage = stage_of(item)
            if stage is None:
                return [f"{item.nodeid}: needs exactly one interview(STAGE) marker"]
            _interview(_cached_kata(config, kata)).stage(stage)
    except MetadataError as error:
        return [f"{item.nodeid}: {error}"]
    return []


def _cached_kata(config: pytest.Config, name: str) -> Kata:
    katas = config.stash[_KATAS]
    if name not in katas:
        katas[name] = load_kata(name)
    return katas[name]


def pytest_report_header(config: pytest.Config) -> str:
    """Say which implementation is under test, first thing."""
    return f"implementation: {config.stash[_IMPL]}"
