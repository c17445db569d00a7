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

import attrs

from dojo.errors import UsageError
from dojo.interview.place import Place
from dojo.invocation import Target, add_impl, add_kata
from dojo.registry import Command
from dojo.repository import Implementation
from dojo.verify.drivers import PACKAGE as DRIVERS
from dojo.verify.oracles import PACKAGE as ORACLES
from dojo.verify.oracles import checks_of, katas_with_checks
from dojo.verify.plan import Plan, Planned
from dojo.verify.progress import Display
from dojo.verify.report import Run, render, render_header

if TYPE_CHECKING:
    from dojo.invocation import Invocation
    from dojo.registry import Registry
    from dojo.verify.check import CheckInfo
    from harness.catalog import Kata

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
    parser.add_argument(
        "--interview",
        action="store_true",
        help="your interview driver instead (the stages revealed; dojo interview KATA --verify)",
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


def verify_round(invocation: Invocation) -> int:
    """``dojo interview KATA --verify``: ``dojo verify KATA --interview``, with its defaults."""
    defaults = {"check": None, "cases": None, "seed": SEED, "case": None, "impl": "katas"}
    args = argparse.Namespace(**{**defaults, **vars(invocation.args), "interview": True})
    return verify(attrs.evolve(invocation, args=args))


def verify(invocation: Invocation) -> int:
    """Exit status 0 when everything agrees, 1 when something disagrees or is not written."""
    target = _interview_target(invocation) if invocation.args.interview else invocation.target()
    app = target.app
    run, planned = _prepare(invocation, target)
    render_header(run, [(item.name, item.count) for item in planned], app.console)
    package = DRIVERS if invocation.args.interview else ORACLES
    plan = Plan(target.kata.name, str(target.impl.folder), run.seed, planned, package)
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


def _interview_target(invocation: Invocation) -> Target:
    """The round's design (``interviews/``, or the team's), or the driver ``--impl`` names."""
    app, args = invocation.app, invocation.args
    kata = invocation.kata()
    if kata.interview is None:
        raise UsageError(f"{kata.name} has no interview, so no driver to verify")
    if args.impl != "katas":
        if getattr(args, "team", None):
            raise UsageError(f"--team {args.team} verifies the team's round; drop --impl")
        impl = app.repository.implementation(kata, args.impl, app.cwd)
        return Target(app, kata, impl, len(kata.steps))
    place = Place(app.repository, kata.name, getattr(args, "team", None))
    folder = place.impl_folder
    impl = Implementation(app.repository.relative(folder), folder)
    return Target(app, kata, impl, len(kata.steps))


def _revealed(invocation: Invocation, kata: Kata) -> list[str] | None:
    """The stages of the round's design revealed so far; None for a driver ``--impl`` names."""
    args = invocation.args
    if not args.interview or args.impl != "katas":
        return None
    team = getattr(args, "team", None)
    again = f"dojo interview {kata.name}" + (f" --team {team}" if team else "")
    session = Place(invocation.app.repository, kata.name, team).load()
    if session is None:
        raise UsageError(f"no interview round of {kata.name} yet; start one with: {again}")
    if session.revealed == 0:
        raise UsageError(
            f"nothing to verify yet: the driver contract comes with the requirements ({again}"
            " --reveal)"
        )
    assert kata.interview is not None  # _interview_target refused a kata without one
    return [stage.id for stage in kata.interview.stages[: session.revealed]]


def _prepare(invocation: Invocation, target: Target) -> tuple[Run, tuple[Planned, ...]]:
    """The checks to run and their cases; ``UsageError`` when there is nothing to run."""
    app, kata = target.app, target.kata
    interview = invocation.args.interview
    infos = checks_of(kata.name, DRIVERS if interview else ORACLES)
    if not infos:
        if interview:
            with_one = ", ".join(katas_with_checks(DRIVERS))
            raise UsageError(
                f"{kata.name}'s interview driver has no real thing to verify against yet;"
                f" the katas whose driver has one: {with_one}"
            )
        raise UsageError(
            f"{kata.name} has no real thing to verify against yet; the katas that have one: "
            + ", ".join(katas_with_checks())
        )
    chosen = _chosen(invocation, infos)
    revealed = _revealed(invocation, kata)
    skipped = tuple(
        (info.name, reason)
        for info in chosen
        if (reason := _not_revealed(invocation, info, revealed) or _why_not(invocation, info))
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


def _not_revealed(invocation: Invocation, info: CheckInfo, revealed: list[str] | None) -> str:
    """Why a driver check does not run on the round's design yet, or ""."""
    if revealed is None or info.stage in revealed:
        return ""
    team = getattr(invocation.args, "team", None)
    again = f"dojo interview {invocation.args.kata}" + (f" --team {team}" if team else "")
    return f"their change requests are not revealed yet ({again} --next reveals the next)"


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
    words = ["dojo", "verify", args.kata, *(["--interview"] if args.interview else [])]
    team = getattr(args, "team", None)
    if team:
        words += ["--team", team]
    elif args.impl != "katas":
        words += ["--impl", args.impl]
    return shlex.join(words)
