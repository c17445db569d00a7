from __future__ import annotations

from datetime import timedelta
from functools import partial

import pytest
from job_scheduler.driver import new_scheduler, run_due, schedule_with_retries, status

from tests.interview.job_scheduler.support import (
    AT_08_10,
    DISK_FULL,
    MINUTE,
    OK,
    SECOND,
    Tasks,
    at,
    names_in_run_order,
    run_every,
    runs_a_day_after_a_refusal,
)
from tests.interview.support import raises_named
from tests.support import FakeClock

pytestmark = [
    pytest.mark.interview("retries"),
    pytest.mark.spec(
        "Our tasks call flaky services. Retry a failed run with exponential backoff, and give up "
        "after a few attempts.",
        "schedule_with_retries(scheduler, task, trigger, *, attempts, initial, cap) schedules "
        "a job like schedule does (with priority 0), whose failed runs are tried again, up to "
        "attempts attempts in all, the first included.",
    ),
]

TIMED_OUT = "failed: ConnectionError: timed out"
HOUR = timedelta(hours=1)


@pytest.mark.spec(
    "The first retry is due initial after the failure, on the clock; each later wait is "
    "twice the one before",
    "Every attempt is a run: run_due reports each one with the scheduled time of the run it "
    "retries and its own outcome.",
)
def test_a_failed_run_is_retried_after_initial_then_after_doubling_waits() -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    schedule_with_retries(
        scheduler, "boom", "at 2026-03-02T08:10Z", attempts=4, initial=MINUTE, cap=HOUR
    )

    ran = run_every(clock, partial(run_due, scheduler), until=at(60), step=15 * SECOND)

    assert ran == [
        (at(10), ("boom", at(10), DISK_FULL)),
        (at(11), ("boom", at(10), DISK_FULL)),
        (at(13), ("boom", at(10), DISK_FULL)),
        (at(17), ("boom", at(10), DISK_FULL)),
    ]


@pytest.mark.spec("but never longer than cap")
@pytest.mark.parametrize(
    ("cap", "minutes"),
    [
        pytest.param(3 * MINUTE, [10, 11, 13, 16, 19], id="capped after two doublings"),
        pytest.param(4 * MINUTE, [10, 11, 13, 17, 21], id="a cap the waits reach exactly"),
        pytest.param(30 * SECOND, [10, 10.5, 11, 11.5, 12], id="a cap below the first wait"),
    ],
)
def test_the_wait_never_grows_past_the_cap(cap: timedelta, minutes: list[float]) -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    schedule_with_retries(
        scheduler, "boom", "at 2026-03-02T08:10Z", attempts=5, initial=MINUTE, cap=cap
    )

    ran = run_every(clock, partial(run_due, scheduler), until=at(60), step=15 * SECOND)

    assert [when for when, _ in ran] == [at(minute) for minute in minutes]


@pytest.mark.spec("The first retry is due initial after the failure, on the clock")
def test_the_first_wait_counts_from_the_failure_not_the_scheduled_time() -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    schedule_with_retries(
        scheduler, "boom", "at 2026-03-02T08:10Z", attempts=2, initial=5 * MINUTE, cap=HOUR
    )
    clock.set(at(12))
    run_due(scheduler)

    ran = run_every(clock, partial(run_due, scheduler), until=at(60), step=15 * SECOND)

    assert ran == [(at(17), ("boom", at(10), DISK_FULL))]


@pytest.mark.spec(
    "A success ends the retries.",
    "Every attempt is a run: run_due reports each one with the scheduled time of the run it "
    "retries and its own outcome.",
)
def test_a_success_ends_the_retries() -> None:
    clock, tasks = FakeClock(), Tasks()
    tasks.flaky("sync", failures=2)
    scheduler = new_scheduler(clock, tasks)
    job = schedule_with_retries(
        scheduler, "sync", "at 2026-03-02T08:10Z", attempts=5, initial=MINUTE, cap=HOUR
    )

    ran = run_every(clock, partial(run_due, scheduler), until=at(60), step=15 * SECOND)

    assert ran == [
        (at(10), ("sync", at(10), TIMED_OUT)),
        (at(11), ("sync", at(10), TIMED_OUT)),
        (at(13), ("sync", at(10), OK)),
    ]
    assert status(scheduler, job) == "completed"


@pytest.mark.spec(
    "While a retry is waiting, the job is still scheduled; a one-off job whose last attempt "
    "failed is failed."
)
def test_a_one_off_job_is_scheduled_while_a_retry_waits_and_failed_after_the_last() -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    job = schedule_with_retries(
        scheduler, "boom", "at 2026-03-02T08:10Z", attempts=2, initial=MINUTE, cap=HOUR
    )

    clock.set(at(10))
    first = run_due(scheduler)
    waiting = status(scheduler, job)
    clock.set(at(11))
    last = run_due(scheduler)

    assert (first, waiting) == ([("boom", at(10), DISK_FULL)], "scheduled")
    assert last == [("boom", at(10), DISK_FULL)]
    assert status(scheduler, job) == "failed"


@pytest.mark.spec("up to attempts attempts in all, the first included")
@pytest.mark.parametrize(
    ("attempts", "runs"),
    [
        pytest.param(1, 1, id="one attempt: no retry"),
        pytest.param(2, 2, id="two attempts"),
        pytest.param(6, 6, id="six attempts"),
    ],
)
def test_a_run_is_tried_at_most_attempts_times(attempts: int, runs: int) -> None:
    clock, tasks = FakeClock(), Tasks()
    scheduler = new_scheduler(clock, tasks)
    job = schedule_with_retries(
        scheduler, "boom", "at 2026-03-02T08:10Z", attempts=attempts, initial=MINUTE, cap=MINUTE
    )

    ran = run_every(clock, partial(run_due, scheduler), until=at(60), step=15 * SECOND)

    assert [run for _, run in ran] == [("boom", at(10), DISK_FULL)] * runs
    assert tasks.ran == ["boom"] * runs
    assert status(scheduler, job) == "failed"


@pytest.mark.spec("A recurring job keeps its schedule while a run is being retried.")
def test_a_recurring_job_keeps_its_schedule_while_a_run_is_retried() -> None:
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    job = schedule_with_retries(
        scheduler, "boom", "every 10m", attempts=2, initial=3 * MINUTE, cap=HOUR
    )

    ran = run_every(clock, partial(run_due, scheduler), until=at(25), step=15 * SECOND)

    assert ran == [
        (at(10), ("boom", at(10), DISK_FULL)),
        (at(13), ("boom", at(10), DISK_FULL)),
        (at(20), ("boom", at(20), DISK_FULL)),
        (at(23), ("boom", at(20), DISK_FULL)),
    ]
    assert status(scheduler, job) == "scheduled"


@pytest.mark.spec("(with priority 0)")
def test_a_job_with_retries_has_priority_zero() -> None:
    ran = names_in_run_order(
        lambda scheduler: schedule_with_retries(
            scheduler, "backup", AT_08_10, attempts=3, initial=MINUTE, cap=HOUR
        )
    )

    assert ran == ["cleanup", "backup", "report"]


@pytest.mark.spec("schedules a job like schedule does")
@pytest.mark.parametrize(
    ("task", "trigger", "error", "naming"),
    [
        pytest.param("reprot", "every 10m", "LookupError", "reprot", id="an unknown task"),
        pytest.param("report", "at noon", "ValueError", "at noon", id="a bad trigger"),
    ],
)
def test_a_job_with_retries_is_refused_like_any_other(
    task: str, trigger: str, error: str, naming: str
) -> None:
    ran = runs_a_day_after_a_refusal(
        lambda scheduler: schedule_with_retries(
            scheduler, task, trigger, attempts=3, initial=MINUTE, cap=HOUR
        ),
        error,
        naming,
    )

    assert ran == []


@pytest.mark.spec("An attempts below 1, or a negative initial or cap, is refused")
def test_zero_waits_are_not_refused() -> None:
    """Only a negative wait makes no sense: with zero waits every retry is due at once."""
    clock = FakeClock()
    scheduler = new_scheduler(clock, Tasks())
    job = schedule_with_retries(
        scheduler,
        "boom",
        "at 2026-03-02T08:10Z",
        attempts=3,
        initial=timedelta(0),
        cap=timedelta(0),
    )

    ran = run_every(clock, partial(run_due, scheduler), until=at(20), step=15 * SECOND)

    assert [run for _, run in ran] == [("boom", at(10), DISK_FULL)] * 3
    assert status(scheduler, job) == "failed"


@pytest.mark.spec(
    "An attempts below 1, or a negative initial or cap, is refused with ValueError naming "
    "the setting."
)
@pytest.mark.parametrize(
    ("attempts", "initial", "cap", "setting"),
    [
        pytest.param(0, MINUTE, HOUR, "attempts", id="no attempts"),
        pytest.param(-1, MINUTE, HOUR, "attempts", id="negative attempts"),
        pytest.param(3, -SECOND, HOUR, "initial", id="a negative initial wait"),
        pytest.param(3, MINUTE, -SECOND, "cap", id="a negative cap"),
    ],
)
def test_settings_that_make_no_sense_are_refused_naming_the_setting(
    attempts: int, initial: timedelta, cap: timedelta, setting: str
) -> None:
    clock, tasks = FakeClock(), Tasks()
    scheduler = new_scheduler(clock, tasks)

    with raises_named("ValueError", naming=setting):
        schedule_with_retries(
            scheduler, "report", "every 10m", attempts=attempts, initial=initial, cap=cap
        )

    clock.advance(timedelta(days=1))
    assert run_due(scheduler) == []
    assert tasks.ran == []
