from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from job_scheduler import Cron, FixedDelay, Interval, JobStatus, Misfire, Scheduler

from tests.job_scheduler.support import MINUTE, failing, noop, occurrences
from tests.support import START

if TYPE_CHECKING:
    from tests.support import FakeClock

pytestmark = [
    pytest.mark.step(5),
    pytest.mark.spec(
        "The scheduler did not run for a while (it was down, or the clock jumped): what now?"
    ),
    pytest.mark.spec("misfire: Misfire (an option) decides what happens to late occurrences:"),
]

HOUR = timedelta(hours=1)


@pytest.mark.spec(
    "Misfire.RUN_EACH (the default): run every one of them, in order.",
    "An occurrence is late when it starts more than grace (an option, default timedelta(0)) after "
    "its fire time.",
)
def test_run_each_runs_every_missed_occurrence_in_order(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    scheduler.schedule(noop, Interval(HOUR), misfire=Misfire.RUN_EACH)
    by_default = scheduler.schedule(noop, Interval(HOUR), grace=5 * MINUTE)

    seen = occurrences(scheduler, clock, [3 * HOUR + 10 * MINUTE])

    assert seen == [START + k * HOUR for k in (1, 1, 2, 2, 3, 3)]
    assert by_default.info.options.misfire is Misfire.RUN_EACH


@pytest.mark.spec(
    "Misfire.RUN_ONCE: fold every occurrence due by now into one run, for the latest of them; the "
    "others are missed.",
    "The schedule is unchanged: after missed occurrences, the job continues with its next fire "
    "time as the trigger computes it.",
)
def test_run_once_runs_a_single_run_for_all_missed_occurrences(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    job = scheduler.schedule(noop, Interval(HOUR), misfire=Misfire.RUN_ONCE)

    seen = occurrences(scheduler, clock, [3 * HOUR + 10 * MINUTE, HOUR])

    assert seen == [START + 3 * HOUR, START + 4 * HOUR]
    assert job.info.runs == 2


@pytest.mark.spec(
    "Misfire.RUN_ONCE: fold every occurrence due by now into one run, for the latest of them; the "
    "others are missed.",
)
def test_run_once_counts_an_occurrence_due_exactly_now_among_the_folded(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    scheduler.schedule(noop, Interval(HOUR), misfire=Misfire.RUN_ONCE)

    seen = occurrences(scheduler, clock, [3 * HOUR])

    assert seen == [START + 3 * HOUR]


@pytest.mark.spec(
    "Misfire.SKIP: a late occurrence does not run; it is missed.",
    "The schedule is unchanged: after missed occurrences, the job continues with its next fire "
    "time as the trigger computes it.",
    "An occurrence is late when it starts more than grace (an option, default timedelta(0)) after "
    "its fire time.",
)
def test_skip_runs_none_of_the_missed_occurrences_and_keeps_the_schedule(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    job = scheduler.schedule(noop, Interval(HOUR), misfire=Misfire.SKIP)

    seen = occurrences(scheduler, clock, [3 * HOUR + 10 * MINUTE])
    next_run = job.info.next_run
    seen += occurrences(scheduler, clock, [50 * MINUTE])

    assert next_run == START + 4 * HOUR
    assert seen == [START + 4 * HOUR]
    assert job.info.runs == 1


@pytest.mark.spec(
    "An occurrence within the grace period is on time and runs, whatever the policy.",
    "An occurrence is late when it starts more than grace (an option, default timedelta(0)) after "
    "its fire time.",
)
def test_an_occurrence_within_the_grace_period_is_on_time_and_runs(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    scheduler.schedule(noop, Interval(HOUR), misfire=Misfire.SKIP, grace=15 * MINUTE)

    seen = occurrences(scheduler, clock, [HOUR + 15 * MINUTE, 2 * HOUR])

    assert seen == [START + HOUR, START + 3 * HOUR]


@pytest.mark.spec(
    "An occurrence within the grace period is on time and runs, whatever the policy.",
    "Misfire.SKIP: a late occurrence does not run; it is missed.",
)
def test_skip_with_grace_runs_the_occurrences_that_are_still_within_it(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    scheduler.schedule(noop, Interval(10 * MINUTE), misfire=Misfire.SKIP, grace=15 * MINUTE)

    seen = occurrences(scheduler, clock, [42 * MINUTE])

    assert seen == [START + 30 * MINUTE, START + 40 * MINUTE]


@pytest.mark.spec(
    "Misfire.RUN_ONCE: fold every occurrence due by now into one run, for the latest of them; the "
    "others are missed.",
    "An occurrence within the grace period is on time and runs, whatever the policy.",
)
def test_run_once_with_grace_still_folds_late_occurrences_into_one_run(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    scheduler.schedule(noop, Interval(10 * MINUTE), misfire=Misfire.RUN_ONCE, grace=5 * MINUTE)

    seen = occurrences(scheduler, clock, [12 * MINUTE, 31 * MINUTE])

    assert seen == [START + 10 * MINUTE, START + 40 * MINUTE]


@pytest.mark.spec(
    "Misfire applies to first attempts, never to retries, and to one-off jobs too: a one-off job "
    "whose only occurrence is skipped is COMPLETED with runs == 0.",
)
def test_a_one_off_job_missed_beyond_its_grace_is_skipped(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    missed = scheduler.schedule_at(START + MINUTE, noop, misfire=Misfire.SKIP, grace=MINUTE)
    caught = scheduler.schedule_at(START + MINUTE, noop, misfire=Misfire.RUN_ONCE, grace=MINUTE)

    clock.advance(HOUR)
    ran = scheduler.run_pending()

    assert [run.job_id for run in ran] == [caught.id]
    assert (missed.status, missed.info.runs) == (JobStatus.COMPLETED, 0)


@pytest.mark.spec(
    "Misfire.RUN_ONCE: fold every occurrence due by now into one run, for the latest of them; the "
    "others are missed.",
)
def test_a_cron_job_that_slept_through_a_day_runs_once(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    scheduler.schedule(noop, Cron("0 * * * *"), misfire=Misfire.RUN_ONCE)

    seen = occurrences(scheduler, clock, [timedelta(days=1, minutes=30)])

    assert seen == [START + timedelta(days=1)]


@pytest.mark.spec(
    "Resuming a paused job applies its misfire policy to the runs that fell due meanwhile.",
)
def test_resuming_a_paused_job_applies_its_misfire_policy(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    job = scheduler.schedule(noop, Interval(HOUR), misfire=Misfire.SKIP, grace=5 * MINUTE)
    scheduler.pause(job.id)
    clock.advance(5 * HOUR + 10 * MINUTE)
    scheduler.run_pending()

    scheduler.resume(job.id)
    seen = occurrences(scheduler, clock, [timedelta(0), 50 * MINUTE])

    assert seen == [START + 6 * HOUR]


@pytest.mark.spec("max_runs counts runs, not missed occurrences.")
def test_max_runs_counts_runs_not_skipped_occurrences(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    job = scheduler.schedule(
        noop, Interval(HOUR), misfire=Misfire.SKIP, grace=5 * MINUTE, max_runs=2
    )

    seen = occurrences(scheduler, clock, [HOUR, 2 * HOUR + 10 * MINUTE, 50 * MINUTE, HOUR, HOUR])

    assert seen == [START + HOUR, START + 4 * HOUR]
    assert (job.status, job.info.runs) == (JobStatus.COMPLETED, 2)


@pytest.mark.spec("Misfire applies to first attempts, never to retries")
def test_skipped_occurrences_do_not_end_a_job_whose_retry_is_still_queued(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    job = scheduler.schedule(
        failing(1),
        Interval(10 * MINUTE),
        misfire=Misfire.SKIP,
        retry=FixedDelay(HOUR, attempts=2),
        until=START + 30 * MINUTE,
    )
    occurrences(scheduler, clock, [10 * MINUTE])

    skipped = occurrences(scheduler, clock, [25 * MINUTE])
    after_skipping = (job.status, job.info.next_run)
    retried = occurrences(scheduler, clock, [HOUR])

    assert skipped == []
    assert after_skipping == (JobStatus.SCHEDULED, START + 10 * MINUTE + HOUR)
    assert retried == [START + 10 * MINUTE]
    assert job.status is JobStatus.COMPLETED


@pytest.mark.spec("Misfire.SKIP: a late occurrence does not run; it is missed.")
def test_a_skipped_occurrence_keeps_the_last_error(scheduler: Scheduler, clock: FakeClock) -> None:
    job = scheduler.schedule(failing(1), Interval(HOUR), misfire=Misfire.SKIP)
    occurrences(scheduler, clock, [HOUR])

    skipped = occurrences(scheduler, clock, [HOUR + 10 * MINUTE])

    assert skipped == []
    assert job.info.last_error == "ConnectionError: upstream down"
