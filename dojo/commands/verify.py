"""``dojo verify``: your implementation against the real thing (the kernel, chmod, ls, croniter).

The kata's checks (``dojo/verify/oracles/<kata>/``) generate cases from a seed, ask both
the real thing and your code, and shrink every kind of disagreement to the smallest case.
"""

from __future__ import annotations

import argparse
import importlib.util
import shlex
import shutil
from typing import TYPE_CHECKING

from dojo.errors import UsageError
from dojo.invocation import add_impl, add_kata
from dojo.registry import Command
from dojo.verify.oracles import checks_of, katas_with_checks
from dojo.verify.plan import Plan, Planned
from dojo.verify.progress import Display
from dojo.verify.report import Run, render, render_header

if TYPE_CHECKING:
    from dojo.invocation import Invocation, Target
    from dojo.registry import Registry
    from dojo.verify.check import CheckInfo

SEED = 20261128
MAX_CASES = 10_000_000
INTERRUPTED = 130


def register(registry: Registry) -> None:
    """Add ``dojo verify KATA [--impl I] [--check NAME] [--cases N] [--seed S] [--case C:I]``."""
    registry.add(
        Command("verify", "your code against the real thing, case by case", verify, _arguments)
    )


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_kata(parser)
    add_impl(parser)
    parser.set_defaults(step=None)
    parser.add_argument(
        "--check", action="append", metavar="NAME", help="only this check (again for more)"
    )
    parser.add_argument(
        "--cases", type=_cases, metavar="N", help="cases per check (default: each check's own)"
    )
    parser.add_argument(
        "--seed", type=_seed, default=SEED, metavar="S", help=f"other cases (default {SEED})"
    )
    parser.add_argument(
        "--case", type=_replay, metavar="CHECK:INDEX", help="replay one case of a run"
    )


def _cases(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= MAX_CASES:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of cases from 1 to {MAX_CASES:,}"
        )
    return int(text)


def _seed(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def _replay(text: str) -> tuple[str, int]:
    name, colon, index = text.rpartition(":")
    if not colon or not name or not index.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not CHECK:INDEX, as in chmod:17")
    return name, int(index)


def verify(invocation: Invocation) -> int:
    """Exit status 0 when everything agrees, 1 when something disagrees or is not written."""
    target = invocation.target()
    app = target.app
    run, planned = _prepare(invocation, target)
    render_header(run, [(item.name, item.count) for item in planned], app.console)
    plan = Plan(target.kata.name, str(target.impl.folder), run.seed, planned)
    display = Display(app.console, {item.name: item.count for item in planned})
    try:
        with display:
            outcome = app.verify(plan, app.repository.root, display.update)
    except KeyboardInterrupt:
        done = f"{display.done:,} case(s)"
        app.console.print(
            f"dojo verify: interrupted (Ctrl-C) after {done}; nothing was changed.",
            markup=False,
            highlight=False,
        )
        return INTERRUPTED
    if outcome.broken:
        app.console.print(outcome.broken, markup=False, highlight=False, soft_wrap=True)
        return 1
    render(run, outcome.results, app.console)
    return 0 if all(result.agrees for result in outcome.results) else 1


def _prepare(invocation: Invocation, target: Target) -> tuple[Run, tuple[Planned, ...]]:
    """The checks to run and their cases; ``UsageError`` when there is nothing to run."""
    app, kata = target.app, target.kata
    infos = checks_of(kata.name)
    if not infos:
        raise UsageError(
            f"{kata.name} has no real thing to verify against yet; the katas that have one: "
            + ", ".join(katas_with_checks())
        )
    chosen = _chosen(invocation, infos)
    skipped = tuple(
        (info.name, reason) for info in chosen if (reason := _why_not(invocation, info))
    )
    ready = [info for info in chosen if info.name not in dict(skipped)]
    if not ready:
        raise UsageError("nothing to run: " + "; ".join(f"{n}: {r}" for n, r in skipped))
    run = Run(
        kata,
        target.impl,
        app.repository.relative(target.impl.folder),
        {info.name: info for info in infos},
        invocation.args.seed,
        _command(invocation),
        skipped,
    )
    return run, tuple(_planned(invocation, info) for info in ready)


def _chosen(invocation: Invocation, infos: tuple[CheckInfo, ...]) -> list[CheckInfo]:
    """The checks ``--check`` or ``--case`` name, in the kata's order; all of them by default."""
    known = [info.name for info in infos]
    names = list(invocation.args.check or [])
    if invocation.args.case is not None:
        if names and names != [invocation.args.case[0]]:
            raise UsageError("--case replays one case of one check; drop --check")
        names = [invocation.args.case[0]]
    unknown = [name for name in names if name not in known]
    if unknown:
        listed = ", ".join(known)
        raise UsageError(
            f"{invocation.args.kata} has no check {unknown[0]!r}; its checks are: {listed}"
        )
    return [info for info in infos if not names or info.name in names]


def _why_not(invocation: Invocation, info: CheckInfo) -> str:
    """Why ``info`` cannot run here, or "" when it can."""
    if info.needs_root and not invocation.app.is_root():
        again = f"sudo .venv/bin/{_command(invocation)}"
        return (
            f"they need root ({info.needs_root}); to include them, from the repository root:"
            f" {again}"
        )
    missing = [name for name in info.programs if shutil.which(name) is None]
    missing += [name for name in info.modules if importlib.util.find_spec(name) is None]
    if missing:
        return f"the real thing needs {', '.join(missing)}, which this machine lacks"
    return ""


def _planned(invocation: Invocation, info: CheckInfo) -> Planned:
    args = invocation.args
    if args.case is not None:
        index = args.case[1]
        if info.exhaustive and index >= info.cases:
            raise UsageError(f"{info.name} has cases 0 to {info.cases - 1}, not {index}")
        return Planned(info.name, index, index + 1)
    count = info.cases if info.exhaustive or args.cases is None else args.cases
    return Planned(info.name, 0, count)


def _command(invocation: Invocation) -> str:
    """``dojo verify KATA`` with the options that name this implementation."""
    args = invocation.args
    words = ["dojo", "verify", args.kata]
    team = getattr(args, "team", None)
    if team:
        words += ["--team", team]
    elif args.impl != "katas":
        words += ["--impl", args.impl]
    return shlex.join(words)
