"""``dojo interview``: the timed design round, with its phases, tests, snapshots and report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dojo.commands.verify import verify_round
from dojo.errors import UsageError
from dojo.invocation import add_kata
from dojo.registry import Command

if TYPE_CHECKING:
    import argparse

    from dojo.interview.rounds import Round
    from dojo.invocation import Invocation
    from dojo.registry import Registry

ACTIONS = ("reveal", "test", "verify", "show", "next", "review", "new", "clock")


def register(registry: Registry) -> None:
    """Add ``dojo interview KATA [ACTION] [--team NAME]``."""
    registry.add(
        Command("interview", "practise the design round itself, on a clock", interview, _arguments)
    )


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_kata(parser)
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument("--reveal", action="store_true", help="show the core requirements")
    chosen.add_argument("--test", action="store_true", help="run the tests of the stages so far")
    chosen.add_argument(
        "--verify", action="store_true", help="your driver against the real thing, case by case"
    )
    chosen.add_argument("--show", action="store_true", help="print what is revealed so far")
    chosen.add_argument("--next", action="store_true", help="snapshot, then the next change")
    chosen.add_argument("--review", action="store_true", help="end the round: the report")
    chosen.add_argument("--new", action="store_true", help="start another round")
    chosen.add_argument("--clock", action="store_true", help="a live clock, until Ctrl-C")
    parser.add_argument(
        "--asked", metavar="LIST", help="the requirements you asked about: 1,3,5 or none"
    )
    parser.add_argument(
        "--score", metavar="LIST", help="your rubric scores, 1-4 each, in order: 3,2,..."
    )
    parser.add_argument("--minutes", type=int, metavar="N", help="a round of N minutes")
    parser.add_argument("--team", metavar="NAME", help="the round of a team of a dojo")


def interview(invocation: Invocation) -> int:
    """Start the round, or do the one action asked for; the exit status."""
    # The round's machinery (Markdown rendering included) loads only for this command.
    from dojo.interview.place import Place  # noqa: PLC0415 - see above
    from dojo.interview.rounds import Round  # noqa: PLC0415
    from dojo.team.commands.teams import journal  # noqa: PLC0415
    from dojo.team.workspace import TeamWorkspace  # noqa: PLC0415
    from harness.interview import InterviewSpec, InterviewSpecError, interview_path  # noqa: PLC0415

    app, args = invocation.app, invocation.args
    kata = invocation.kata()
    if kata.interview is None:
        with_one = [item.name for item in app.repository.katas() if item.interview]
        raise UsageError(
            f"{kata.name} has no interview yet; the katas with one are: "
            f"{', '.join(with_one) or 'none yet'}"
        )
    try:
        spec = InterviewSpec.read(interview_path(kata.name, app.repository.root))
    except InterviewSpecError as error:
        raise UsageError(str(error)) from None
    team = None if args.team is None else TeamWorkspace(app.repository, args.team)
    place = Place(app.repository, kata.name, None if team is None else team.name)
    # A team's runs go where ``dojo test --team`` sends them: its log, branch and remote.
    log = None if team is None else journal(app, team)
    round_ = Round(app, kata, spec, place, log)
    action = next((name for name in ACTIONS if getattr(args, name)), "")
    _refuse_misplaced(args, action)
    return _dispatch(round_, action, invocation)


def _refuse_misplaced(args: argparse.Namespace, action: str) -> None:
    if args.minutes is not None and action not in ("", "new"):
        raise UsageError("--minutes sets the length of a new round: use it alone or with --new")
    if args.asked is not None and action not in ("", "reveal"):
        raise UsageError("--asked marks the questions you asked: use it alone or with --reveal")
    if args.score is not None and action not in ("", "review"):
        raise UsageError("--score records your rubric scores: use it alone or with --review")
    if args.asked is not None and args.score is not None:
        raise UsageError("--asked and --score are for different phases: give one at a time")


def _dispatch(round_: Round, action: str, invocation: Invocation) -> int:
    from dojo.interview import actions  # noqa: PLC0415 - see interview()
    from dojo.interview.review import review  # noqa: PLC0415
    from dojo.interview.testing import run_tests  # noqa: PLC0415

    args = invocation.args
    if action == "new":
        return actions.start(round_, args.minutes)
    if action == "":
        return _without_action(round_, args)
    if action == "show":
        return actions.show(round_, round_.session())
    if action == "verify":
        return verify_round(invocation)
    run = {
        "clock": lambda session: actions.clock(round_, session, invocation.stop),
        "reveal": lambda session: actions.reveal(round_, session, args.asked),
        "test": lambda session: run_tests(round_, session),
        "next": lambda session: actions.next_change(round_, session),
        "review": lambda session: review(round_, session, args.score),
    }
    return run[action](round_.running())


def _without_action(round_: Round, args: argparse.Namespace) -> int:
    """Start a round, show where it is, or record ``--asked`` or ``--score``."""
    from dojo.interview import actions  # noqa: PLC0415 - see interview()
    from dojo.interview.review import rescore  # noqa: PLC0415

    if args.asked is not None:
        return actions.mark(round_, round_.running(), args.asked)
    if args.score is not None:
        return rescore(round_, round_.session(), args.score)
    session = round_.place.load()
    if session is None:
        return actions.start(round_, args.minutes)
    if args.minutes is not None:
        raise UsageError(
            f"a round of {round_.kata.name} is on file; --minutes applies to a new one "
            f"({round_.command('--new --minutes N')})"
        )
    return actions.status(round_, session)
