"""The child interpreter of ``dojo verify``: one implementation's package, the checks, the events.

``python -m dojo.verify.child PLAN_FILE EVENTS_FD`` puts the plan's folder first on
``sys.path`` (every implementation defines the same package names, and a process imports a
package once), runs each planned check and writes its events to ``EVENTS_FD`` as JSON
lines. Exit status 0 when every check ran, 1 when the implementation does not import, 2
when a check failed on the real thing's side, 130 on Ctrl-C (quietly: ``dojo`` says it).
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from dojo.verify.engine import run_check, where
from dojo.verify.oracles import checks_of, load
from dojo.verify.plan import Plan, Report

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from dojo.verify.check import Check, CheckInfo
    from dojo.verify.plan import Planned
    from dojo.verify.results import CheckResult

NOT_IMPORTING, FAILED, INTERRUPTED = 1, 2, 130
# Progress events per check: enough for a smooth bar, few enough to cost nothing.
UPDATES = 50


def main(argv: Sequence[str] | None = None) -> int:
    """Run the plan in ``argv[0]``, reporting to the file descriptor ``argv[1]``."""
    plan_file, events_fd = argv if argv is not None else sys.argv[1:]
    plan = Plan.from_json(json.loads(Path(plan_file).read_text(encoding="utf-8")))
    with os.fdopen(int(events_fd), "w", encoding="utf-8", buffering=1) as events:

        def emit(event: Report) -> None:
            events.write(json.dumps(event.to_json()) + "\n")

        try:
            return run(plan, emit)
        except KeyboardInterrupt:
            return INTERRUPTED


def run(plan: Plan, emit: Callable[[Report], None]) -> int:
    """Import the implementation through each check, run it, emit what it finds."""
    sys.path.insert(0, plan.folder)
    home = Path(plan.folder).resolve() / plan.kata
    infos = {info.name: info for info in checks_of(plan.kata, plan.package)}
    for planned in plan.checks:
        info = infos[planned.name]
        try:
            check = load(info)
        except Exception as error:  # noqa: BLE001 - whatever their package raises on import
            emit(Report("broken", planned.name, message=_import_failure(plan.kata, error, home)))
            return NOT_IMPORTING
        try:
            result = _run_one(check, info, planned, seed=plan.seed, home=home, emit=emit)
        except Exception as error:  # noqa: BLE001 - the real thing failed: say so, in one line
            last = traceback.format_exception_only(error)[-1].strip()
            emit(Report("failed", planned.name, message=f"the {planned.name} check failed: {last}"))
            return FAILED
        emit(Report("result", planned.name, result=result))
    return 0


def _run_one(  # noqa: PLR0913 - one check's parts, the last three by keyword
    check: Check[object],
    info: CheckInfo,
    planned: Planned,
    *,
    seed: int,
    home: Path,
    emit: Callable[[Report], None],
) -> CheckResult:
    every = max(1, planned.count // UPDATES)
    emit(Report("progress", planned.name))

    def listen(done: int, doing: str) -> None:
        if doing or done % every == 0 or done == planned.count:
            emit(Report("progress", planned.name, done=done, doing=doing))

    return run_check(
        check,
        info,
        seed=seed,
        indices=range(planned.start, planned.stop),
        home=home,
        listen=listen,
    )


def _import_failure(kata: str, error: Exception, home: Path) -> str:
    """``kata does not import: SyntaxError: ... (kata/module.py:3)``."""
    place = where(error, home)
    if isinstance(error, SyntaxError) and error.filename and error.lineno:
        path = Path(error.filename)
        if path.is_relative_to(home):
            place = f"{path.relative_to(home.parent).as_posix()}:{error.lineno}"
    detail = traceback.format_exception_only(error)[-1].strip()
    return f"{kata} does not import: {detail}" + (f" (at {place})" if place else "")


if __name__ == "__main__":
    sys.exit(main())
