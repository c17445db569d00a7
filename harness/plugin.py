"""The pytest plugin behind ``--impl`` and ``--step``, and the self-checks of every suite."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from harness.catalog import ROOT, Kata, MetadataError, kata_names, load_kata
from harness.impl import ImplError, require_kata, resolve_impl
from harness.results import ResultRecorder

if TYPE_CHECKING:
    from collections.abc import Iterable

TESTS = ROOT / "tests"
CONFORMANCE = TESTS / "conformance"
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
    group.addoption("--results-json", default=None, help="write each test's outcome to this file")


def kata_of(path: Path) -> str | None:
    """The kata whose tests live at ``path`` (acceptance or conformance), if any."""
    try:
        parts = path.resolve().relative_to(TESTS).parts
    except ValueError:
        return None
    if parts[:1] == ("conformance",):
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in kata_names(ROOT):
        return parts[0]
    return None


def is_acceptance(path: Path) -> bool:
    """Acceptance tests are the kata folders of ``tests/``, conformance excluded."""
    return kata_of(path) is not None and CONFORMANCE not in path.resolve().parents


def targeted_katas(args: Iterable[str], cwd: Path) -> list[str]:
    """Katas whose tests the command line selects, so a missing package fails up front."""
    names = kata_names(ROOT)
    targeted: set[str] = set()
    for arg in args:
        path = (cwd / arg.split("::")[0]).resolve()
        for name in names:
            folders = (TESTS / name, CONFORMANCE / name)
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
    except (ImplError, MetadataError) as error:
        raise pytest.UsageError(str(error)) from None
    sys.path.insert(0, str(impl))
    config.stash[_IMPL] = impl
    config.stash[_KATAS] = katas
    results = config.getoption("results_json")
    if results:
        config.pluginmanager.register(ResultRecorder(Path(results), impl, step_of), "results-json")


def step_of(item: pytest.Item) -> int | None:
    """The step an acceptance test belongs to, or None when it has not exactly one."""
    marks = list(item.iter_markers("step"))
    if len(marks) != 1 or len(marks[0].args) != 1 or not isinstance(marks[0].args[0], int):
        return None
    return int(marks[0].args[0])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Refuse acceptance tests without exactly one known step; apply ``--step``."""
    problems = []
    for item in items:
        kata = kata_of(item.path)
        if kata is None or not is_acceptance(item.path):
            continue
        step = step_of(item)
        if step is None:
            problems.append(f"{item.nodeid}: needs exactly one step(N) marker")
            continue
        try:
            _cached_kata(config, kata).step(step)
        except MetadataError as error:
            problems.append(f"{item.nodeid}: {error}")
    if problems:
        raise pytest.UsageError(
            "acceptance tests without a valid step:\n  " + "\n  ".join(problems)
        )
    limit = config.getoption("step")
    if limit is None:
        return
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        step = step_of(item) if is_acceptance(item.path) else None
        (dropped if step is not None and step > limit else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def _cached_kata(config: pytest.Config, name: str) -> Kata:
    katas = config.stash[_KATAS]
    if name not in katas:
        katas[name] = load_kata(name)
    return katas[name]


def pytest_report_header(config: pytest.Config) -> str:
    """Say which implementation is under test, first thing."""
    return f"implementation: {config.stash[_IMPL]}"
