"""The interview driver: the only fixed piece of the round (INTERVIEW.md, "Driver contract").

The interview suite calls these functions and nothing else, with plain values. Design
your own classes first; write these last, as a thin layer that translates to them.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from datetime import timedelta

RunRecord = tuple[str, datetime, str]
"""One run: the task's name, the time the trigger set for it, and its outcome."""


def new_scheduler(
    clock: Callable[[], datetime], tasks: Mapping[str, Callable[[], object]]
) -> object:
    """A new scheduler handle, which every other function takes first.

    `clock` returns the current time as an aware datetime; `tasks` maps each task name to
    a callable that takes no arguments (what it returns is ignored). Two schedulers share
    nothing.
    """
    raise NotImplementedError


def schedule(scheduler: object, task: str, trigger: str, *, priority: int = 0) -> object:
    """Schedule a job that runs the task named `task`; a handle on the job.

    `trigger` is `"at <ISO 8601 time with a UTC offset>"` or `"every <N>s|m|h"`. Runs due
    at the same time go by priority, higher first, then in the order scheduled.
    ValueError naming the trigger for a bad one; LookupError naming an unknown task.
    """
    raise NotImplementedError


def run_due(scheduler: object) -> list[RunRecord]:
    """Run what is due by the clock's current time; the runs made, in the order they ran.

    Each run is `(task name, scheduled time, outcome)`; the outcome is `"ok"` or
    `"failed: <error type>: <message>"`.
    """
    raise NotImplementedError


def cancel(scheduler: object, job: object) -> None:
    """Cancel the job; JobStateError naming its status if it is over."""
    raise NotImplementedError


def status(scheduler: object, job: object) -> str:
    """One of "scheduled", "completed", "failed" and "cancelled"."""
    raise NotImplementedError


def schedule_with_deadline(
    scheduler: object, task: str, trigger: str, *, deadline: timedelta
) -> object:
    """Change request 2: like `schedule`, but a run later than `deadline` is skipped."""
    raise NotImplementedError


def schedule_with_retries(  # noqa: PLR0913 - the contract's settings, each by name
    scheduler: object,
    task: str,
    trigger: str,
    *,
    attempts: int,
    initial: timedelta,
    cap: timedelta,
) -> object:
    """Change request 3: like `schedule`, with failed runs retried after doubling waits."""
    raise NotImplementedError
