"""``dojo interview --test``: the interview suite of the stages revealed, against the design.

The summary is ``dojo test``'s: one row per stage, then the first failure explained in the
same panel, pointing at ``--show`` (what has been revealed) rather than at ``INTERVIEW.md``,
which holds answers not revealed yet.
"""

from __future__ import annotations

import re
import shlex
from typing import TYPE_CHECKING

import attrs
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table

from dojo.errors import ToolError, UsageError
from dojo.explain import explain
from dojo.interview.session import AMBER, GREEN, RED, SuiteRun
from dojo.report import failure_lines, import_error_panel
from dojo.repository import Implementation
from dojo.team.runlog import RunRecord
from dojo.team.runs import ran
from dojo.text import safe

if TYPE_CHECKING:
    from dojo.interview.rounds import Round
    from dojo.interview.session import Session
    from harness.results import Outcome, RunResults, StepResult

BAR_WIDTH = 20
_MISSING = re.compile(r"cannot import name '(?P<name>\w+)' from '(?P<module>[\w.]+)'")
PYTEST = ".venv/bin/python -m pytest"


def run_tests(round_: Round, session: Session) -> int:
    """Run, record the run in the session (and the team's log), summarise; the exit status."""
    if session.revealed == 0:
        raise UsageError(
            f"no tests yet: they come with the requirements, {round_.command('--reveal')}"
        )
    place = round_.place
    if not (place.design / "__init__.py").is_file():
        raise UsageError(
            f"{place.relative(place.design)}/__init__.py is missing: the tests import your "
            f"design as the package {round_.kata.name}; create it (it may be empty)"
        )
    suite = round_.app.repository.root / "tests" / "interview" / round_.kata.name
    if not suite.is_dir():
        raise UsageError(
            f"{round_.kata.name} has no interview suite yet ({place.relative(suite)}/ is missing)"
        )
    stage = round_.stage(session.revealed)
    impl = Implementation(place.relative(place.impl_folder), place.impl_folder)
    app = round_.app
    status, results = app.run_interview(round_.kata.name, impl, stage.id, app.repository.root)
    if not ran(status, results):
        raise ToolError(
            f"pytest could not run the interview tests of {round_.kata.name} (exit status {status})"
        )
    stages = results.steps(session.revealed)
    light = AMBER if results.collection_errors else GREEN if all(s.green for s in stages) else RED
    now = round_.now()
    round_.place.save(
        attrs.evolve(
            session, runs=(*session.runs, SuiteRun(now, session.phase.name, stages, light))
        )
    )
    if round_.log is not None:
        kata = f"{round_.kata.name} interview"
        round_.log.append(RunRecord.of(kata, results, session.revealed, now))
    _render(round_, session, results, stages, stage.id)
    round_.show_clock(session)
    return 0 if light == GREEN else 1


def _render(
    round_: Round,
    session: Session,
    results: RunResults,
    stages: tuple[StepResult, ...],
    stage_id: str,
) -> None:
    console = round_.app.console
    table = Table(title=f"{round_.kata.title} interview: stages 1-{len(stages)}")
    for column in ("stage", "title", "tests", "progress"):
        table.add_column(column)
    for row in stages:
        stage = round_.stage(row.number)
        table.add_row(
            str(row.number),
            safe(stage.title),
            f"{row.passed}/{row.total}" + (" done" if row.green else ""),
            ProgressBar(total=max(row.total, 1), completed=row.passed, width=BAR_WIDTH),
        )
    console.print(table)
    if results.collection_errors:
        console.print(_import_error(round_, results.collection_errors[0]))
        return
    failure = results.first_failure(len(stages))
    if failure is None:
        _render_success(round_, session, stages)
    else:
        _render_failure(round_, failure, stages, stage_id)


def _import_error(round_: Round, error: Outcome) -> Panel:
    """``dojo test``'s panel, naming a driver function the tests call and the driver lacks."""
    missing = _MISSING.search(error.message)
    if not missing or missing["module"] != f"{round_.kata.name}.driver":
        return import_error_panel(error)
    show = safe(round_.command("--show"))
    name = safe(missing["name"])
    return import_error_panel(
        error, "", f"The tests call driver.{name}: the driver contract names it ({show})."
    )


def _render_failure(
    round_: Round, failure: Outcome, stages: tuple[StepResult, ...], stage_id: str
) -> None:
    stage = round_.stage(failure.step or 1)
    row = stages[stage.number - 1]
    reason = explain(failure)
    to_go = row.total - row.passed
    lines = [
        f"Working on stage {stage.number}, {safe(stage.title)}: {to_go} test(s) to go.",
        f"Read what the interviewer said again: {safe(round_.command('--show'))}",
        *failure_lines(reason),
    ]
    round_.app.console.print(Panel("\n".join(lines), title="next", border_style="yellow"))
    place = round_.place
    command = shlex.join(
        [
            *PYTEST.split(),
            failure.nodeid,
            "--impl",
            place.relative(place.impl_folder),
            "--stage",
            stage_id,
        ]
    )
    round_.app.console.print(
        f"Full traceback, from the repository root: {command}",
        soft_wrap=True,
        markup=False,
        highlight=False,
    )


def _render_success(round_: Round, session: Session, stages: tuple[StepResult, ...]) -> None:
    total = sum(row.total for row in stages)
    lines = [f"All {total} tests of stages 1-{len(stages)} pass."]
    if session.revealed < len(round_.interview.stages):
        lines.append(f"When you are ready for a change request: {round_.command('--next')}")
    else:
        lines.append(f"Every change request is in. End the round: {round_.command('--review')}")
    round_.app.console.print(Panel("\n".join(lines), title="green", border_style="green"))
