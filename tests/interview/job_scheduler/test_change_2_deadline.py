from __future__ import annotations

from datetime import timedelta

import pytest
from job_scheduler.driver import new_scheduler, run_due, schedule, schedule_with_deadline, status

from tests.interview.job_scheduler.support import (
    AT_08_10,
    MINUTE,
    OK,
    SECOND,
    Tasks,
    at,
    names_in_run_order,
    runs_a_day_after_a_refusal,
)
from tests.interview.support import raises_named
from tests.support import FakeClock

pytestmark = [
    pytest.mark.interview("deadline"),
    pytest.mark.spec(
        "Some jobs are worthless when late: a price refresh that runs twenty minutes late is worse "
        "than none. Give a job a deadline; a run that cannot start within it is skipped, and we "
        "want to see that it was.",
        "schedule_with_deadline(scheduler, task, trigger, *, deadline) schedules a job like "
        "schedule does (with priority 0), whose runs have a deadline, a timedelta.",
    ),
]

SKIPPED = "skipped"


@pytest.mark.spec(
    "A run that would start more than deadline after its scheduled time does not run: "
    'run_due reports it as (task name, scheduled time, "skipped")',
    "A one-off job whose run was skipped is completed.",
)
def test_a_run_later_than_its_deadline_is_skipped_and_reported() -> None:
    clock, tasks = FakeClock(), Tasks()
    scheduler = new_scheduler(clock, tasks)
    job = schedule_with_deadline(scheduler, "report", "at 2026-03-02T08:10Z", deadline=5 * MINUTE)

    clock.set(at(15) + SECOND)
    ran = run_due(scheduler)

    assert ran == [("report", at(10), SKIPPED)]
    assert tasks.ran == []
    assert status(scheduler, job) == "completed"


@pytest.mark.spec(
    "A run that would start more than deadline after its scheduled time does not run",
    "A run that starts exactly deadline late still runs.",
)
@pytest.mark.parametrize(
    ("deadline", "late", "outcome"),
    [
        pytest.param(5 * MINUTE, timedelta(0), OK, id="on time"),
        pytest.param(5 * MINUTE, 4 * MINUTE, OK, id="within the deadline"),
        pytest.param(5 * MINUTE, 5 * MINUTE, OK, id="exactly the deadline late"),
        pytest.param(5 * MINUTE, 5 * MINUTE + SECOND, SKIPPED, id="a second past the deadline"),
        pytest.param(timedelta(0), timedelta(0), OK, id="no slack, on time"),
        pytest.param(timedelta(0), SECOND, SKIPPED, id="no slack, a second late"),
    ],
)
def test_a_run_starts_if_it_is_at_most_its_deadline_late(
    deadline: timedelta, late: timedelta, outcome: str
) -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    schedule_with_deadline(scheduler, "report", "at 2026-03-02T08:10Z", deadline=deadline)

    clock.set(at(10) + late)
    ran = run_due(scheduler)

    assert ran == [("report", at(10), outcome)]


@pytest.mark.spec(
    'run_due reports it as (task name, scheduled time, "skipped"), in order among the other runs.'
)
def test_skipped_runs_are_reported_in_order_among_the_other_runs() -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    schedule_with_deadline(scheduler, "backup", "every 10m", deadline=MINUTE)
    schedule(scheduler, "report", "at 2026-03-02T08:15Z")

    clock.set(at(25))
    ran = run_due(scheduler)

    assert ran == [("backup", at(10), SKIPPED), ("report", at(15), OK), ("backup", at(20), SKIPPED)]


@pytest.mark.spec(
    "A skipped run leaves the schedule as it was: the job's next run is due at its usual time."
)
def test_a_skipped_run_leaves_the_schedule_as_it_was() -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    job = schedule_with_deadline(scheduler, "backup", "every 10m", deadline=2 * MINUTE)

    clock.set(at(13))
    skipped = run_due(scheduler)
    clock.set(at(20) - SECOND)
    early = run_due(scheduler)
    clock.set(at(20))
    on_time = run_due(scheduler)

    assert skipped == [("backup", at(10), SKIPPED)]
    assert early == []
    assert on_time == [("backup", at(20), OK)]
    assert status(scheduler, job) == "scheduled"


@pytest.mark.spec("Jobs scheduled with schedule have no deadline: they run however late.")
def test_jobs_scheduled_with_schedule_run_however_late() -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    schedule_with_deadline(scheduler, "backup", "at 2026-03-02T08:10Z", deadline=MINUTE)
    schedule(scheduler, "report", "at 2026-03-02T08:10Z")

    clock.set(at(10) + timedelta(hours=3))
    ran = run_due(scheduler)

    assert ran == [("backup", at(10), SKIPPED), ("report", at(10), OK)]


@pytest.mark.spec("(with priority 0)")
def test_a_job_with_a_deadline_has_priority_zero() -> None:
    ran = names_in_run_order(
        lambda scheduler: schedule_with_deadline(scheduler, "backup", AT_08_10, deadline=MINUTE)
    )

    assert ran == ["cleanup", "backup", "report"]


@pytest.mark.spec("schedules a job like schedule does")
@pytest.mark.parametrize(
    ("task", "trigger", "error", "naming"),
    [
        pytest.param("reprot", "every 10m", "LookupError", "reprot", id="an unknown task"),
        pytest.param("report", "every 0m", "ValueError", "every 0m", id="a bad trigger"),
    ],
)
def test_a_job_with_a_deadline_is_refused_like_any_other(
    task: str, trigger: str, error: str, naming: str
) -> None:
    ran = runs_a_day_after_a_refusal(
        lambda scheduler: schedule_with_deadline(scheduler, task, trigger, deadline=MINUTE),
        error,
        naming,
    )

    assert ran == []


@pytest.mark.spec("A negative deadline is refused with ValueError naming deadline.")
def test_a_negative_deadline_is_refused_naming_it() -> None:
    clock, tasks = FakeClock(), Tasks()
    scheduler = new_scheduler(clock, tasks)

    with raises_named("ValueError", naming="deadline"):
        schedule_with_deadline(scheduler, "report", "every 10m", deadline=-SECOND)

    clock.advance(timedelta(days=1))
    assert run_due(scheduler) == []
    assert tasks.ran == []
