"""The real collaborators that touch the outside world: the child pytest, watchfiles, tools.

``dojo.cli`` wires them into the ``App``; the tests pass fakes of the same ``Protocol``s.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from dojo.interview.stages import later_modules
from harness import warm
from harness.catalog import load_kata
from harness.runner import INTERVIEW, later_step_modules, run_suite, suite_paths
from harness.warm import CHILD_ENV, PLUGINS, WarmPytest

if TYPE_CHECKING:
    from collections.abc import Iterable
    from threading import Event

    from rich.console import Console

    from dojo.repository import Implementation
    from harness.results import RunResults

# The summary, not pytest's output, is what the learner reads: a stable order, no
# traceback formatted (--tb=no; the recorder reads each failure from its exception),
# assertion values in full, and only the plugins a warm run loads (``harness.warm``).
PYTEST_OPTIONS = (
    *("-q", "--tb=no", "--no-header", "-rN", "-o", "verbosity_assertions=2"),
    *PLUGINS,
)
# watchfiles yields once no new change has come for STEP_MS, or after DEBOUNCE_MS at most:
# an editor's save (write, rename, chmod) becomes one re-run that starts well within 200 ms.
DEBOUNCE_MS = 200
STEP_MS = 30


@attrs.define
class ChildRunner:
    """The real ``SuiteRunner``: the harness's child pytest, forked from a warm server.

    The test modules named for steps after the last one asked for are not even collected
    (``harness.runner.later_step_modules``).
    """

    launch: WarmPytest = attrs.field(factory=WarmPytest)

    def __call__(
        self, kata: str, impl: Implementation, last_step: int, root: Path
    ) -> tuple[int, RunResults]:
        """The exit status and outcomes of steps 1..``last_step`` of ``kata``."""
        later = later_step_modules(root / "tests" / kata, last_step)
        return run_suite(
            [kata],
            impl.pytest_value,
            step=last_step,
            extra=(*PYTEST_OPTIONS, *(f"--ignore={path}" for path in later)),
            quiet=True,
            root=root,
            env=CHILD_ENV,
            launch=self.launch,
        )


run_in_child = ChildRunner(warm.SHARED)


def run_interview_in_child(
    kata: str, impl: Implementation, stage: str, root: Path
) -> tuple[int, RunResults]:
    """The real ``InterviewRunner``: the interview suite up to ``stage``, output kept quiet.

    The modules of later stages are not even collected (``dojo.interview.stages``); the
    run is forked from the same warm server as the step runs'.
    """
    interview = load_kata(kata, root).interview
    suites = suite_paths([kata], (INTERVIEW,), root)
    later = later_modules(Path(suites[0]), interview, stage) if interview and suites else []
    return run_suite(
        [kata],
        impl.pytest_value,
        stage=stage,
        suites=(INTERVIEW,),
        extra=(*PYTEST_OPTIONS, *(f"--ignore={path}" for path in later)),
        quiet=True,
        root=root,
        env=CHILD_ENV,
        launch=run_in_child.launch,
    )


def watch_python_files(folder: Path, stop: Event) -> Iterable[object]:
    """The real ``ChangeWatcher``: saved ``.py`` files under ``folder``, debounced."""
    # Imported here so that commands other than watch do not pay for it.
    import watchfiles  # noqa: PLC0415 - see above

    return watchfiles.watch(
        folder,
        watch_filter=watchfiles.PythonFilter(),
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        stop_event=stop,
    )


def confirm(question: str, console: Console) -> bool:
    """Ask yes or no in the terminal; no unless the answer is yes, and Ctrl-D is a no."""
    from rich.prompt import Confirm  # noqa: PLC0415 - only reset asks, so only it pays

    try:
        return Confirm.ask(question, console=console, default=False)
    except EOFError:
        console.print()
        return False


def run_tool(command: list[str], cwd: Path) -> str:
    """The real ``ToolRunner``: standard output, whatever the exit status."""
    completed = subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments
        command, cwd=cwd, capture_output=True, text=True, check=False
    )
    return completed.stdout
