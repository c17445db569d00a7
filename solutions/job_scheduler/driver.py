"""The interview driver over the reference design: plain values in and out (Adapter).

It translates trigger strings into `Trigger` objects, a deadline and retry settings into
the scheduler's own options, and the scheduler's events into `(task, time, outcome)`
tuples. The rules all live in the design; the driver only changes their vocabulary.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

import attrs

from job_scheduler import (
    At,
    Event,
    EventKind,
    ExponentialBackoff,
    Interval,
    Job,
    Misfire,
    Scheduler,
    TaskRegistry,
)
from job_scheduler.month_end import LastDayOfMonth

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from job_scheduler import Trigger

RunRecord = tuple[str, datetime, str]
"""One run as the contract reports it: task name, scheduled time, outcome."""

_UNITS = {"s": "seconds", "m": "minutes", "h": "hours"}
_KNOWN = "'at <time>', 'every <N>s|m|h' or 'last day of month at HH:MM'"


@attrs.define(eq=False)
class Desk:
    """A scheduler, and the runs its events reported since `run_due` last returned."""

    scheduler: Scheduler
    reported: list[RunRecord] = attrs.field(factory=list)

    def hear(self, event: Event) -> None:
        """Listener: record how a run ended, or that an occurrence was skipped."""
        job = self.scheduler.info(event.job_id)
        if event.kind is EventKind.SUCCEEDED:
            outcome = "ok"
        elif event.kind is EventKind.FAILED:
            outcome = f"failed: {job.last_error}"  # the design's "<type>: <message>"
        else:
            outcome = "skipped"
        assert event.occurrence is not None  # run and missed events always carry one
        self.reported.append((job.name, event.occurrence, outcome))


def new_scheduler(clock: Callable[[], datetime], tasks: Mapping[str, Callable[[], object]]) -> Desk:
    """A scheduler on `clock` that knows `tasks` by name."""
    registry = TaskRegistry()
    for name, task in tasks.items():
        registry.register(name, task)
    desk = Desk(Scheduler(clock, registry=registry))
    desk.scheduler.subscribe(
        desk.hear, kinds={EventKind.SUCCEEDED, EventKind.FAILED, EventKind.MISSED}
    )
    return desk


def schedule(desk: Desk, task: str, trigger: str, *, priority: int = 0) -> Job:
    """Schedule the task named `task` on the `trigger` string."""
    return desk.scheduler.schedule(task, _trigger(trigger), priority=priority)


def run_due(desk: Desk) -> list[RunRecord]:
    """Run everything due; the runs made, in the order they ran."""
    desk.scheduler.run_pending()
    reported, desk.reported = desk.reported, []
    return reported


def cancel(desk: Desk, job: Job) -> None:
    """Cancel the job; JobStateError naming its status if it is over."""
    desk.scheduler.cancel(job.id)


def status(desk: Desk, job: Job) -> str:
    """The job's status, as a word."""
    return desk.scheduler.info(job.id).status.value


def schedule_with_deadline(desk: Desk, task: str, trigger: str, deadline: timedelta) -> Job:
    """Schedule a job whose runs are skipped when they would start more than `deadline` late."""
    if deadline < timedelta(0):
        raise ValueError(f"deadline must not be negative, got {deadline}")
    # A deadline is the SKIP misfire policy, with the deadline as its grace period.
    return desk.scheduler.schedule(task, _trigger(trigger), misfire=Misfire.SKIP, grace=deadline)


def schedule_with_retries(  # noqa: PLR0913 - the contract's settings, each by name
    desk: Desk, task: str, trigger: str, *, attempts: int, initial: timedelta, cap: timedelta
) -> Job:
    """Schedule a job whose failed runs are retried with doubling waits."""
    retry = ExponentialBackoff(initial=initial, cap=cap, attempts=attempts)
    return desk.scheduler.schedule(task, _trigger(trigger), retry=retry)


def _at(when: str) -> Trigger:
    moment = datetime.fromisoformat(when)
    if moment.tzinfo is None:
        raise ValueError(f"{when} is naive: give it an offset such as Z")
    return At(moment)


def _every(count: str, unit: str) -> Trigger:
    return Interval(timedelta(**{_UNITS[unit]: int(count)}))


def _last_day_of_month(hour: str, minute: str) -> Trigger:
    return LastDayOfMonth(time(int(hour), int(minute)))


_FORMS: tuple[tuple[re.Pattern[str], Callable[..., Trigger]], ...] = (
    (re.compile(r"at (\S+)"), _at),
    (re.compile(r"every (\d+)([smh])"), _every),
    (re.compile(r"last day of month at (\d\d):(\d\d)"), _last_day_of_month),
)


def _trigger(spec: str) -> Trigger:
    """The trigger a string names; ValueError naming the string when it names none."""
    for form, build in _FORMS:
        if match := form.fullmatch(spec):
            try:
                return build(*match.groups())
            except ValueError as error:
                raise ValueError(f"invalid trigger {spec!r}: {error}") from error
    raise ValueError(f"unknown trigger {spec!r}; the forms are {_KNOWN}")
