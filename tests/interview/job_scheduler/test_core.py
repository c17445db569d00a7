from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from job_scheduler.driver import cancel, new_scheduler, run_due, schedule, status

from tests.interview.job_scheduler.support import DISK_FULL, MINUTE, OK, SECOND, Tasks, at
from tests.interview.support import raises_named
from tests.support import FakeClock

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = [
    pytest.mark.interview("core"),
    pytest.mark.spec(
        "The interview suite calls only the functions below, from job_scheduler/driver.py, "
        "and passes and receives only plain values.",
        "new_scheduler(clock, tasks) returns a new scheduler handle, which every other "
        "function takes first.",
    ),
]

REFUSED = (
    "Refusals are exceptions, matched by the name of their class or of one of its bases",
    "A refused call changes nothing.",
)


@pytest.mark.spec(
    "Time comes from the clock you are given. The scheduler reads the time only from the "
    "clock it is built with.",
    "clock is a callable that returns the current time as an aware datetime",
)
@pytest.mark.parametrize(
    "start",
    [
        pytest.param(datetime(1999, 12, 31, 23, 50, tzinfo=UTC), id="a clock in 1999"),
        pytest.param(datetime(2090, 6, 30, 12, 0, tzinfo=UTC), id="a clock in 2090"),
    ],
)
def test_times_come_from_the_given_clock_never_the_system_one(start: datetime) -> None:
    clock = FakeClock(start)
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "report", "every 10m")

    clock.advance(10 * MINUTE)
    ran = run_due(scheduler)

    assert ran == [("report", start + 10 * MINUTE, OK)]


@pytest.mark.spec("Nothing runs on its own: runs happen only when the caller asks for what is due.")
def test_nothing_runs_until_the_caller_asks_for_what_is_due() -> None:
    clock, tasks = FakeClock(), Tasks()
    scheduler = new_scheduler(clock, tasks)
    job = schedule(scheduler, "report", "at 2026-03-02T08:10Z")
    clock.advance(30 * MINUTE)

    before = (list(tasks.ran), status(scheduler, job))
    ran = run_due(scheduler)

    assert before == ([], "scheduled")
    assert ran == [("report", at(10), OK)]
    assert tasks.ran == ["report"]


@pytest.mark.spec("run_due(scheduler) runs what is due by the clock's current time")
def test_a_run_due_exactly_now_runs_and_one_due_a_second_later_waits() -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "report", "at 2026-03-02T08:10:00Z")
    schedule(scheduler, "backup", "at 2026-03-02T08:10:01Z")

    clock.advance(10 * MINUTE)
    now = run_due(scheduler)
    clock.advance(SECOND)
    later = run_due(scheduler)

    assert now == [("report", at(10), OK)]
    assert later == [("backup", at(10) + SECOND, OK)]


@pytest.mark.spec("One-off and recurring jobs. A one-off job runs once, at its time")
def test_a_one_off_job_runs_once_at_its_time_and_not_before() -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "report", "at 2026-03-02T08:10Z")

    clock.advance(10 * MINUTE - SECOND)
    early = run_due(scheduler)
    clock.advance(SECOND)
    on_time = run_due(scheduler)
    clock.advance(60 * MINUTE)
    again = run_due(scheduler)

    assert early == []
    assert on_time == [("report", at(10), OK)]
    assert again == []


@pytest.mark.spec("a time already past is due at once")
def test_a_time_already_past_is_due_at_once() -> None:
    scheduler = new_scheduler(FakeClock(), Tasks())
    schedule(scheduler, "report", "at 2026-03-02T07:00Z")

    ran = run_due(scheduler)

    assert ran == [("report", at(-60), OK)]


@pytest.mark.spec(
    "A recurring job runs every period, the first time one period after it was scheduled.",
    'or "every <N><unit>", with a whole number N and a unit s, m or h ("every 30s", '
    '"every 15m", "every 2h")',
)
@pytest.mark.parametrize(
    ("trigger", "period"),
    [
        pytest.param("every 30s", 30 * SECOND, id="seconds"),
        pytest.param("every 15m", 15 * MINUTE, id="minutes"),
        pytest.param("every 2h", timedelta(hours=2), id="hours"),
    ],
)
def test_a_recurring_job_first_runs_one_period_after_it_was_scheduled(
    trigger: str, period: timedelta
) -> None:
    clock = FakeClock()
    clock.advance(5 * MINUTE)
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "backup", trigger)

    clock.advance(period - SECOND)
    early = run_due(scheduler)
    clock.advance(SECOND)
    first = run_due(scheduler)
    clock.advance(period)
    second = run_due(scheduler)

    assert early == []
    assert first == [("backup", at(5) + period, OK)]
    assert second == [("backup", at(5) + 2 * period, OK)]


@pytest.mark.spec(
    'trigger is a string: "at <time>", with an ISO 8601 time that has a UTC offset '
    '("at 2030-01-01T09:00Z", "at 2030-01-01T10:00+01:00")'
)
@pytest.mark.parametrize(
    "trigger",
    [
        pytest.param("at 2026-03-02T08:10Z", id="Z"),
        pytest.param("at 2026-03-02T08:10:00+00:00", id="+00:00 with seconds"),
        pytest.param("at 2026-03-02T09:10+01:00", id="an hour east of UTC"),
        pytest.param("at 2026-03-02T03:10-05:00", id="five hours west of UTC"),
    ],
)
def test_a_time_may_have_any_utc_offset(trigger: str) -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "report", trigger)

    clock.advance(10 * MINUTE - SECOND)
    early = run_due(scheduler)
    clock.advance(SECOND)
    on_time = run_due(scheduler)

    assert early == []
    assert on_time == [("report", at(10), OK)]


@pytest.mark.spec(
    "Fixed rate, and every due run runs. A recurring job's runs are due at the time it was "
    "scheduled plus whole periods, however late they actually ran.",
    "The scheduled time is when the trigger said the run was due (an aware datetime), not "
    "when it ran.",
)
def test_runs_made_late_keep_the_times_their_trigger_set() -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "backup", "every 10m")

    ran = []
    for minutes in (13, 27, 31):
        clock.set(at(minutes))
        ran += run_due(scheduler)

    assert ran == [("backup", at(10), OK), ("backup", at(20), OK), ("backup", at(30), OK)]


@pytest.mark.spec(
    "A recurring job's runs are due at the time it was scheduled plus whole periods, "
    "however late they actually ran."
)
def test_a_run_made_late_leaves_the_next_one_on_time() -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "backup", "every 10m")

    clock.advance(13 * MINUTE)
    late = run_due(scheduler)
    clock.advance(7 * MINUTE - SECOND)
    early = run_due(scheduler)
    clock.advance(SECOND)
    on_time = run_due(scheduler)

    assert late == [("backup", at(10), OK)]
    assert early == []
    assert on_time == [("backup", at(20), OK)]


@pytest.mark.spec(
    "When the clock has moved past several due runs, each of them runs, in order of scheduled time."
)
def test_every_run_the_clock_moved_past_runs_in_order() -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "backup", "every 10m")

    clock.advance(35 * MINUTE)
    ran = run_due(scheduler)

    assert ran == [("backup", at(10), OK), ("backup", at(20), OK), ("backup", at(30), OK)]


@pytest.mark.spec(
    "Due time first, then priority. Due runs run in order of their scheduled time",
    "returns the runs it made, in the order they ran, as a list of tuples (task name, "
    "scheduled time, outcome)",
)
def test_the_runs_of_several_jobs_interleave_by_scheduled_time() -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "backup", "every 10m")
    schedule(scheduler, "report", "at 2026-03-02T08:15Z")
    schedule(scheduler, "cleanup", "at 2026-03-02T08:05Z")

    clock.advance(30 * MINUTE)
    ran = run_due(scheduler)

    assert ran == [
        ("cleanup", at(5), OK),
        ("backup", at(10), OK),
        ("report", at(15), OK),
        ("backup", at(20), OK),
        ("backup", at(30), OK),
    ]


@pytest.mark.spec("runs due at the same time run by priority, higher first")
def test_runs_due_at_the_same_time_run_higher_priority_first() -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "report", "at 2026-03-02T08:10Z", priority=1)
    schedule(scheduler, "backup", "at 2026-03-02T08:10Z", priority=5)
    schedule(scheduler, "cleanup", "at 2026-03-02T08:10Z", priority=3)

    clock.advance(10 * MINUTE)
    ran = run_due(scheduler)

    assert [name for name, _, _ in ran] == ["backup", "cleanup", "report"]


@pytest.mark.spec("and among equal priorities in the order their jobs were scheduled")
@pytest.mark.parametrize(
    "order",
    [
        pytest.param(["cleanup", "report", "backup"], id="cleanup, report, backup"),
        pytest.param(["backup", "cleanup", "report"], id="backup, cleanup, report"),
    ],
)
def test_equal_priorities_run_in_the_order_their_jobs_were_scheduled(order: list[str]) -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    for name in order:
        schedule(scheduler, name, "at 2026-03-02T08:10Z", priority=2)

    clock.advance(10 * MINUTE)
    ran = run_due(scheduler)

    assert [name for name, _, _ in ran] == order


@pytest.mark.spec("and among equal priorities in the order their jobs were scheduled")
def test_a_later_run_of_a_job_keeps_the_place_of_its_job() -> None:
    """The order is the jobs' order, not the order their runs were queued in."""
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "report", "every 10m")
    clock.advance(5 * MINUTE)
    schedule(scheduler, "backup", "at 2026-03-02T08:20Z")
    clock.advance(5 * MINUTE)
    run_due(scheduler)

    clock.advance(10 * MINUTE)
    ran = run_due(scheduler)

    assert ran == [("report", at(20), OK), ("backup", at(20), OK)]


@pytest.mark.spec("Priority never lets a run overtake one due earlier.")
def test_a_higher_priority_never_overtakes_an_earlier_run() -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "report", "at 2026-03-02T08:10:01Z", priority=100)
    schedule(scheduler, "backup", "at 2026-03-02T08:10Z", priority=-100)

    clock.advance(20 * MINUTE)
    ran = run_due(scheduler)

    assert ran == [("backup", at(10), OK), ("report", at(10) + SECOND, OK)]


@pytest.mark.spec(
    "A job's priority is a whole number, 0 unless given.",
    "schedule(scheduler, task, trigger, *, priority=0)",
)
def test_a_job_without_a_priority_has_priority_zero() -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    schedule(scheduler, "report", "at 2026-03-02T08:10Z", priority=-1)
    schedule(scheduler, "backup", "at 2026-03-02T08:10Z")
    schedule(scheduler, "cleanup", "at 2026-03-02T08:10Z", priority=1)

    clock.advance(10 * MINUTE)
    ran = run_due(scheduler)

    assert [name for name, _, _ in ran] == ["cleanup", "backup", "report"]


@pytest.mark.spec(
    "A failing task fails only its own run. A task that raises makes its run fail, with the "
    "error recorded, and the other due runs still run.",
    'The outcome is "ok", or "failed: <error type>: <message>" when the task raised '
    '("failed: ValueError: disk full").',
)
def test_a_task_that_raises_fails_its_run_and_the_others_still_run() -> None:
    clock, tasks = FakeClock(), Tasks()
    scheduler = new_scheduler(clock, tasks)
    schedule(scheduler, "report", "at 2026-03-02T08:10Z")
    schedule(scheduler, "boom", "at 2026-03-02T08:10Z", priority=1)
    schedule(scheduler, "backup", "at 2026-03-02T08:10Z", priority=-1)

    clock.advance(10 * MINUTE)
    ran = run_due(scheduler)

    assert ran == [("boom", at(10), DISK_FULL), ("report", at(10), OK), ("backup", at(10), OK)]
    assert tasks.ran == ["boom", "report", "backup"]


class QuotaExceededError(Exception):
    """An error type of the task's own, to show that its name is what is recorded."""


@pytest.mark.spec('The outcome is "ok", or "failed: <error type>: <message>" when the task raised')
@pytest.mark.parametrize(
    ("error", "outcome"),
    [
        pytest.param(
            RuntimeError("no route to host"),
            "failed: RuntimeError: no route to host",
            id="a built-in error",
        ),
        pytest.param(
            QuotaExceededError("42 calls today"),
            "failed: QuotaExceededError: 42 calls today",
            id="an error of the task's own",
        ),
    ],
)
def test_the_outcome_of_a_failed_run_names_the_error_type_and_message(
    error: Exception, outcome: str
) -> None:
    clock, tasks = FakeClock(), Tasks()
    tasks.add("sync", error)
    scheduler = new_scheduler(clock, tasks)
    schedule(scheduler, "sync", "every 1m")

    clock.advance(MINUTE)
    ran = run_due(scheduler)

    assert ran == [("sync", at(1), outcome)]


@pytest.mark.spec(
    "A one-off job is completed when its run succeeded and failed when its run raised.",
    'status(scheduler, job) returns one of "scheduled" (it may still run), "completed", '
    '"failed" and "cancelled".',
)
@pytest.mark.parametrize(
    ("task", "expected"),
    [
        pytest.param("report", "completed", id="a run that succeeded"),
        pytest.param("boom", "failed", id="a run that raised"),
    ],
)
def test_a_one_off_job_ends_completed_or_failed_by_its_run(task: str, expected: str) -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    job = schedule(scheduler, task, "at 2026-03-02T08:10Z")

    waiting = status(scheduler, job)
    clock.advance(10 * MINUTE)
    run_due(scheduler)

    assert waiting == "scheduled"
    assert status(scheduler, job) == expected


@pytest.mark.spec("A recurring job keeps its schedule after a failed run.")
def test_a_recurring_job_keeps_its_schedule_after_failed_runs() -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    job = schedule(scheduler, "boom", "every 10m")

    clock.advance(10 * MINUTE)
    first = run_due(scheduler)
    clock.advance(10 * MINUTE)
    second = run_due(scheduler)

    assert first == [("boom", at(10), DISK_FULL)]
    assert second == [("boom", at(20), DISK_FULL)]
    assert status(scheduler, job) == "scheduled"


@pytest.mark.spec("(what it returns is ignored)")
@pytest.mark.parametrize(
    "value",
    [
        pytest.param(False, id="False"),
        pytest.param("error", id="a string"),
        pytest.param(ValueError("not raised"), id="an exception, returned"),
    ],
)
def test_what_a_task_returns_is_ignored(value: object) -> None:
    clock, tasks = FakeClock(), Tasks()
    tasks["answer"] = lambda: value
    scheduler = new_scheduler(clock, tasks)
    job = schedule(scheduler, "answer", "at 2026-03-02T08:10Z")

    clock.advance(10 * MINUTE)
    ran = run_due(scheduler)

    assert ran == [("answer", at(10), OK)]
    assert status(scheduler, job) == "completed"


@pytest.mark.spec(
    "Cancelling. A cancelled job never runs again.",
    "cancel(scheduler, job) cancels the job.",
    'status(scheduler, job) returns one of "scheduled" (it may still run), "completed", '
    '"failed" and "cancelled".',
)
def test_a_cancelled_recurring_job_never_runs_again() -> None:
    clock, tasks = FakeClock(), Tasks()
    scheduler = new_scheduler(clock, tasks)
    job = schedule(scheduler, "backup", "every 10m")
    clock.advance(10 * MINUTE)
    run_due(scheduler)

    cancel(scheduler, job)
    clock.advance(60 * MINUTE)
    ran = run_due(scheduler)

    assert ran == []
    assert tasks.ran == ["backup"]
    assert status(scheduler, job) == "cancelled"


@pytest.mark.spec("A cancelled job never runs again.", "cancel(scheduler, job) cancels the job.")
def test_a_job_cancelled_before_its_time_never_runs_and_the_others_do() -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    job = schedule(scheduler, "report", "at 2026-03-02T08:10Z")
    schedule(scheduler, "backup", "at 2026-03-02T08:10Z")

    cancel(scheduler, job)
    clock.advance(10 * MINUTE)
    ran = run_due(scheduler)

    assert ran == [("backup", at(10), OK)]
    assert status(scheduler, job) == "cancelled"


@pytest.mark.spec(
    "Only a scheduled job can be cancelled; cancelling one that is over (completed, failed or "
    "cancelled) is refused.",
    "and JobStateError (a class of yours with that name) for cancelling a job that is over",
    "Each message names the offending value: the trigger string, the task name, the setting, "
    "or the job's status.",
    *REFUSED,
)
@pytest.mark.parametrize(
    ("task", "before", "expected"),
    [
        pytest.param("report", [], "completed", id="completed"),
        pytest.param("boom", [], "failed", id="failed"),
        pytest.param("report", [cancel], "cancelled", id="cancelled"),
    ],
)
def test_cancelling_a_job_that_is_over_is_refused_naming_its_status(
    task: str, before: list[Callable[[object, object], None]], expected: str
) -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    job = schedule(scheduler, task, "at 2026-03-02T08:10Z")
    for action in before:
        action(scheduler, job)
    clock.advance(10 * MINUTE)
    run_due(scheduler)

    with raises_named("JobStateError", naming=expected):
        cancel(scheduler, job)

    assert status(scheduler, job) == expected


@pytest.mark.spec(
    "Tasks are registered by name. The scheduler is given its tasks by name when it is "
    "built, and a job names the task it runs.",
    "tasks maps each task name to a callable that takes no arguments",
    "schedule(scheduler, task, trigger, *, priority=0) schedules a job that runs the task "
    "named task",
)
def test_a_job_runs_the_task_it_names_and_no_other() -> None:
    clock, tasks = FakeClock(), Tasks()
    scheduler = new_scheduler(clock, tasks)
    schedule(scheduler, "cleanup", "at 2026-03-02T08:10Z")

    clock.advance(10 * MINUTE)
    ran = run_due(scheduler)

    assert ran == [("cleanup", at(10), OK)]
    assert tasks.ran == ["cleanup"]


@pytest.mark.spec(
    "The same task may be scheduled more than once, as separate jobs.",
    "and returns a handle on the job, which cancel and status take.",
)
def test_the_same_task_may_be_scheduled_as_separate_jobs() -> None:
    clock, tasks = FakeClock(), Tasks()
    scheduler = new_scheduler(clock, tasks)
    hourly = schedule(scheduler, "report", "every 1h")
    once = schedule(scheduler, "report", "at 2026-03-02T08:30Z")
    often = schedule(scheduler, "report", "every 20m")

    cancel(scheduler, often)
    clock.advance(60 * MINUTE)
    ran = run_due(scheduler)

    assert ran == [("report", at(30), OK), ("report", at(60), OK)]
    assert tasks.ran == ["report", "report"]
    statuses = [status(scheduler, job) for job in (hourly, once, often)]
    assert statuses == ["scheduled", "completed", "cancelled"]


@pytest.mark.spec("Two schedulers share nothing.")
def test_two_schedulers_share_nothing() -> None:
    clock = FakeClock()
    first_tasks, second_tasks = Tasks(), Tasks()
    first = new_scheduler(clock, first_tasks)
    second = new_scheduler(clock, second_tasks)
    schedule(first, "report", "every 10m")
    schedule(second, "backup", "every 15m")

    clock.advance(15 * MINUTE)
    from_second = run_due(second)
    from_first = run_due(first)

    assert from_second == [("backup", at(15), OK)]
    assert from_first == [("report", at(10), OK)]
    assert (first_tasks.ran, second_tasks.ran) == (["report"], ["backup"])


@pytest.mark.spec(
    "Bad input is refused. An unknown task name, a malformed trigger, a time without a UTC "
    "offset and a period that is not positive are each refused with an error that names the "
    "value.",
    "LookupError for an unknown task name",
    "Each message names the offending value: the trigger string, the task name",
    *REFUSED,
)
@pytest.mark.parametrize(
    "task",
    [
        pytest.param("reprot", id="a misspelt name"),
        pytest.param("Report", id="another case"),
    ],
)
def test_an_unknown_task_name_is_refused_naming_it(task: str) -> None:
    clock, tasks = FakeClock(), Tasks()
    scheduler = new_scheduler(clock, tasks)

    with raises_named("LookupError", naming=task):
        schedule(scheduler, task, "every 10m")

    clock.advance(timedelta(days=1))
    assert run_due(scheduler) == []
    assert tasks.ran == []


@pytest.mark.spec(
    "An unknown task name, a malformed trigger, a time without a UTC offset and a period "
    "that is not positive are each refused with an error that names the value.",
    "ValueError for a bad argument",
    "Each message names the offending value: the trigger string",
    *REFUSED,
)
@pytest.mark.parametrize(
    "trigger",
    [
        pytest.param("at noon", id="at a word"),
        pytest.param("at 2026-03-02T08:10", id="at a time without an offset"),
        pytest.param("at 2026-03-02", id="at a date without an offset"),
        pytest.param("at 2026-02-30T08:00Z", id="at a day that does not exist"),
        pytest.param("at", id="at nothing"),
        pytest.param("every 0m", id="every zero minutes"),
        pytest.param("every 0s", id="every zero seconds"),
        pytest.param("every -5m", id="every minus five minutes"),
        pytest.param("every 1.5h", id="every one and a half hours"),
        pytest.param("every 15", id="every without a unit"),
        pytest.param("every 15d", id="every fifteen days"),
        pytest.param("every m", id="every without a number"),
        pytest.param("every 15 minutes", id="every in words"),
        pytest.param("sometimes", id="neither at nor every"),
    ],
)
def test_a_bad_trigger_is_refused_naming_it_and_nothing_is_scheduled(trigger: str) -> None:
    clock, tasks = FakeClock(), Tasks()
    scheduler = new_scheduler(clock, tasks)

    with raises_named("ValueError", naming=trigger):
        schedule(scheduler, "report", trigger)

    clock.advance(timedelta(days=1))
    assert run_due(scheduler) == []
    assert tasks.ran == []
