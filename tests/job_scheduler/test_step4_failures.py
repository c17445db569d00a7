from __future__ import annotations

from datetime import datetime, timedelta
from random import Random
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from job_scheduler import (
    DeadLetter,
    ExponentialBackoff,
    FixedDelay,
    Interval,
    InvalidValueError,
    JobStatus,
    JobTimeoutError,
    NoRetry,
    RetryPolicy,
    Scheduler,
    SchedulerError,
)

from tests.job_scheduler.support import MINUTE, failing
from tests.support import START

if TYPE_CHECKING:
    from collections.abc import Callable

    from tests.job_scheduler.support import ManualExecutor
    from tests.support import FakeClock

pytestmark = [
    pytest.mark.step(4),
    pytest.mark.spec("Retrying failed runs, giving up on them, and runs that take too long."),
]

SECOND = timedelta(seconds=1)


def seeded(seed: int) -> Random:
    """A reproducible random source, as the scheduler's jitter needs."""
    return Random(seed)  # noqa: S311 - jitter, not secrets


def attempts_over(
    scheduler: Scheduler, clock: FakeClock, step: timedelta, ticks: int
) -> list[tuple[timedelta, int]]:
    """Tick `ticks` times by `step`; return (time since START, attempt) of each run."""
    seen = [(START - START, run.attempt) for run in scheduler.run_pending()]
    for _ in range(ticks):
        now = clock.advance(step)
        seen += [(now - START, run.attempt) for run in scheduler.run_pending()]
    return seen


@pytest.mark.spec(
    "retry: RetryPolicy (default NoRetry()): a RetryPolicy is any object with "
    "delay(failed_attempts: int, random: random.Random) -> timedelta | None, the wait before the "
    "next attempt after failed_attempts failures of the same occurrence, or None to give up.",
    "NoRetry() always gives up.",
    "After the last attempt the run is dead-lettered: dead_letters() lists DeadLetter(job_id, "
    "occurrence, attempts, error) (error as in last_error), oldest first, and a job with nothing "
    "left to run is FAILED.",
)
def test_without_a_retry_policy_a_failure_is_dead_lettered_at_once(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    job = scheduler.schedule_at(START, failing(1), name="sync")

    seen = attempts_over(scheduler, clock, SECOND, 120)

    assert seen == [(timedelta(0), 1)]
    assert scheduler.dead_letters() == [
        DeadLetter(job.id, START, 1, "ConnectionError: upstream down")
    ]
    assert job.status is JobStatus.FAILED


@pytest.mark.spec(
    "FixedDelay(wait, attempts=3) waits wait each time, for at most attempts attempts in all (the "
    "first included).",
    "A retry is a new attempt of the same occurrence: its Run has the same occurrence and attempt "
    "2, 3, ...; it is due delay after the failure (on the clock) and info.next_run shows it.",
)
def test_a_fixed_delay_retries_until_the_run_succeeds(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    job = scheduler.schedule_at(START, failing(2), retry=FixedDelay(30 * SECOND, attempts=5))

    seen = attempts_over(scheduler, clock, SECOND, 200)

    assert seen == [(timedelta(0), 1), (30 * SECOND, 2), (60 * SECOND, 3)]
    assert (job.status, job.info.last_error) == (JobStatus.COMPLETED, None)
    assert scheduler.dead_letters() == []


@pytest.mark.spec(
    "FixedDelay(wait, attempts=3) waits wait each time, for at most attempts attempts in all (the "
    "first included).",
    "After the last attempt the run is dead-lettered: dead_letters() lists DeadLetter(job_id, "
    "occurrence, attempts, error) (error as in last_error), oldest first, and a job with nothing "
    "left to run is FAILED.",
)
def test_after_the_last_attempt_the_run_is_dead_lettered(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    job = scheduler.schedule_at(START, failing(99), retry=FixedDelay(10 * SECOND, attempts=3))

    seen = attempts_over(scheduler, clock, SECOND, 200)

    assert [attempt for _, attempt in seen] == [1, 2, 3]
    assert scheduler.dead_letters() == [
        DeadLetter(job.id, START, 3, "ConnectionError: upstream down")
    ]
    assert job.status is JobStatus.FAILED


@pytest.mark.spec(
    "ExponentialBackoff(initial, cap, attempts=5, multiplier=2.0, jitter=0.0) waits initial, then "
    "multiplier times longer each time, never more than cap",
)
def test_exponential_backoff_doubles_the_delay_up_to_the_cap(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    policy = ExponentialBackoff(initial=SECOND, cap=5 * SECOND, attempts=6)
    scheduler.schedule_at(START, failing(99), retry=policy)

    seen = attempts_over(scheduler, clock, SECOND, 100)

    assert [when.seconds for when, _ in seen] == [0, 1, 3, 7, 12, 17]
    assert len(scheduler.dead_letters()) == 1


@pytest.mark.spec(
    "retry: RetryPolicy (default NoRetry()): a RetryPolicy is any object with "
    "delay(failed_attempts: int, random: random.Random) -> timedelta | None, the wait before the "
    "next attempt after failed_attempts failures of the same occurrence, or None to give up.",
    "NoRetry() always gives up.",
    "FixedDelay(wait, attempts=3) waits wait each time, for at most attempts attempts in all (the "
    "first included).",
    "ExponentialBackoff(initial, cap, attempts=5, multiplier=2.0, jitter=0.0) waits initial, then "
    "multiplier times longer each time, never more than cap",
)
@pytest.mark.parametrize(
    ("make", "delays"),
    [
        (NoRetry, [None]),
        (lambda: FixedDelay(2 * SECOND, attempts=1), [None]),
        (lambda: FixedDelay(timedelta(0), attempts=2), [timedelta(0), None]),
        (lambda: FixedDelay(2 * SECOND, attempts=3), [2 * SECOND, 2 * SECOND, None]),
        (
            lambda: ExponentialBackoff(initial=SECOND, cap=10 * SECOND, attempts=6, multiplier=3.0),
            [SECOND, 3 * SECOND, 9 * SECOND, 10 * SECOND, 10 * SECOND, None],
        ),
    ],
    ids=[
        "no retry",
        "fixed delay, one attempt",
        "fixed delay of zero",
        "fixed delay, three attempts",
        "exponential backoff up to its cap",
    ],
)
def test_retry_policies_say_how_long_to_wait_after_each_failure(
    make: Callable[[], RetryPolicy], delays: list[timedelta | None]
) -> None:
    policy, rng = make(), seeded(1)

    computed = [policy.delay(failed, rng) for failed in range(1, len(delays) + 1)]

    assert computed == delays


@pytest.mark.spec(
    "with jitter j in [0, 1] each delay is scaled by a factor drawn uniformly from [1 - j, 1] "
    "with the random.Random passed in, so it never exceeds the cap.",
)
@given(seed=st.integers(0, 2**32), failed=st.integers(1, 8), jitter=st.floats(0.0, 1.0))
def test_jitter_comes_from_the_injected_random_and_never_exceeds_the_cap(
    seed: int, failed: int, jitter: float
) -> None:
    policy = ExponentialBackoff(initial=SECOND, cap=20 * SECOND, attempts=10, jitter=jitter)
    plain = ExponentialBackoff(initial=SECOND, cap=20 * SECOND, attempts=10).delay(
        failed, seeded(seed)
    )

    first = policy.delay(failed, seeded(seed))
    again = policy.delay(failed, seeded(seed))

    assert plain is not None
    assert first is not None
    assert first == again
    assert plain * (1 - jitter) - timedelta(microseconds=1) <= first <= plain
    assert first <= 20 * SECOND


@pytest.mark.spec(
    "Scheduler(clock, , random=None): the scheduler passes its random.Random to the policy "
    "and draws nothing else from it, so the same seed gives the same delays.",
)
def test_the_scheduler_draws_jitter_from_the_random_it_was_given(clock: FakeClock) -> None:
    policy = ExponentialBackoff(initial=10 * SECOND, cap=60 * SECOND, attempts=2, jitter=1.0)

    def retry_due(seed: int) -> datetime | None:
        scheduler = Scheduler(clock, random=seeded(seed))
        job = scheduler.schedule_at(clock(), failing(1), retry=policy)
        scheduler.run_pending()
        return job.info.next_run

    now = clock()
    delay = policy.delay(1, seeded(7))

    assert delay is not None
    assert retry_due(7) == now + delay
    assert retry_due(7) == retry_due(7)
    assert retry_due(7) != retry_due(8)


@pytest.mark.spec(
    "Settings that make no sense (negative times, attempts < 1, a multiplier below 1, jitter "
    "outside [0, 1]) raise ValueError naming the setting.",
    "a retry setting out of range",
)
@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: FixedDelay(-SECOND), "wait"),
        (lambda: FixedDelay(SECOND, attempts=0), "attempts"),
        (lambda: ExponentialBackoff(initial=-SECOND, cap=SECOND), "initial"),
        (lambda: ExponentialBackoff(initial=SECOND, cap=-SECOND), "cap"),
        (lambda: ExponentialBackoff(initial=SECOND, cap=SECOND, attempts=0), "attempts"),
        (lambda: ExponentialBackoff(initial=SECOND, cap=SECOND, multiplier=0.5), "multiplier"),
        (lambda: ExponentialBackoff(initial=SECOND, cap=SECOND, jitter=1.5), "jitter"),
    ],
    ids=[
        "fixed delay: negative wait",
        "fixed delay: no attempt",
        "backoff: negative initial",
        "backoff: negative cap",
        "backoff: no attempt",
        "backoff: multiplier below 1",
        "backoff: jitter above 1",
    ],
)
def test_retry_policies_refuse_nonsense_settings(make: Callable[[], object], field: str) -> None:
    with pytest.raises(ValueError, match=field) as raised:
        make()

    assert isinstance(raised.value, InvalidValueError)


@attrs.frozen
class EveryMinuteTwice:
    """A retry policy written outside the package."""

    def delay(self, failed_attempts: int, random: Random) -> timedelta | None:  # noqa: ARG002 - no jitter
        """Two retries, a minute apart."""
        return MINUTE if failed_attempts < 3 else None


@pytest.mark.spec("A policy written outside the package works unchanged.")
def test_a_retry_policy_written_outside_the_package_works_unchanged(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    scheduler.schedule_at(START, failing(99), retry=EveryMinuteTwice())

    seen = attempts_over(scheduler, clock, 30 * SECOND, 20)

    assert seen == [(timedelta(0), 1), (MINUTE, 2), (2 * MINUTE, 3)]


@pytest.mark.spec(
    "timeout: timedelta | None: a run that took longer than this, measured on the scheduler's "
    "clock from start to end, fails with JobTimeoutError (a SchedulerError and a TimeoutError), "
    "and the retry policy applies.",
    "A run exactly as long as timeout is on time.",
    "The task is not interrupted: it runs to its end, and only then does its run fail.",
    "JobTimeoutError | TimeoutError | never raised to you: the error recorded for a run that "
    "overran its timeout (step 4)",
)
def test_a_run_longer_than_its_timeout_fails_with_a_timeout_error(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    finished: list[str] = []

    def slow() -> None:
        clock.advance(2 * MINUTE)
        finished.append("slow")

    def quick() -> None:
        clock.advance(30 * SECOND)

    def exact() -> None:
        clock.advance(MINUTE)

    late = scheduler.schedule_at(START, slow, timeout=MINUTE)
    fine = scheduler.schedule_at(START, quick, timeout=MINUTE)
    just_in_time = scheduler.schedule_at(START, exact, timeout=MINUTE)

    scheduler.run_pending()

    assert finished == ["slow"]
    assert late.status is JobStatus.FAILED
    assert late.info.last_error is not None
    assert late.info.last_error.startswith("JobTimeoutError")
    assert fine.status is JobStatus.COMPLETED
    assert just_in_time.status is JobStatus.COMPLETED
    assert issubclass(JobTimeoutError, TimeoutError)
    assert issubclass(JobTimeoutError, SchedulerError)


@pytest.mark.spec(
    "A run that fails after its job was cancelled is not retried: it is dead-lettered at once.",
)
def test_a_run_that_fails_after_its_job_was_cancelled_is_not_retried(
    scheduler: Scheduler,
) -> None:
    jobs: list[str] = []

    def cancel_then_fail() -> None:
        scheduler.cancel(jobs[0])
        raise ConnectionError("gone")

    job = scheduler.schedule_at(START, cancel_then_fail, retry=FixedDelay(SECOND, attempts=5))
    jobs.append(job.id)

    scheduler.run_pending()

    assert job.info.next_run is None
    assert job.status is JobStatus.CANCELLED
    assert [letter.attempts for letter in scheduler.dead_letters()] == [1]


@pytest.mark.spec("(error as in last_error)")
def test_the_last_error_stays_until_a_later_run_succeeds(
    clock: FakeClock, manual_executor: ManualExecutor
) -> None:
    scheduler = Scheduler(clock, executor=manual_executor)
    job = scheduler.schedule(failing(1), Interval(MINUTE))
    clock.advance(MINUTE)
    scheduler.run_pending()
    manual_executor.finish_all()

    clock.advance(MINUTE)
    scheduler.run_pending()
    while_running = job.info.last_error
    manual_executor.finish_all()

    assert while_running == "ConnectionError: upstream down"
    assert job.info.last_error is None


@pytest.mark.spec(
    "timeout: timedelta | None: a run that took longer than this, measured on the scheduler's "
    "clock from start to end, fails with JobTimeoutError (a SchedulerError and a TimeoutError), "
    "and the retry policy applies.",
)
def test_a_timed_out_run_is_retried_like_any_failure(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    durations = iter([2 * MINUTE, SECOND])
    job = scheduler.schedule_at(
        START,
        lambda: clock.advance(next(durations)),
        timeout=MINUTE,
        retry=FixedDelay(MINUTE, attempts=2),
    )

    scheduler.run_pending()
    clock.advance(MINUTE)
    retried = scheduler.run_pending()

    assert [run.attempt for run in retried] == [2]
    assert job.status is JobStatus.COMPLETED


@pytest.mark.spec("A recurring job keeps its schedule while an occurrence is being retried.")
def test_a_recurring_job_keeps_its_schedule_while_an_occurrence_is_retried(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    scheduler.schedule(failing(2), Interval(MINUTE), retry=FixedDelay(25 * SECOND, attempts=3))

    seen = attempts_over(scheduler, clock, 5 * SECOND, 36)

    assert seen == [
        (MINUTE, 1),
        (MINUTE + 25 * SECOND, 2),
        (MINUTE + 50 * SECOND, 3),
        (2 * MINUTE, 1),
        (3 * MINUTE, 1),
    ]


@pytest.mark.spec(
    "A retry does not add to info.runs, which counts the occurrences started.",
)
def test_a_retry_does_not_add_to_the_runs_counted(scheduler: Scheduler, clock: FakeClock) -> None:
    job = scheduler.schedule(failing(2), Interval(MINUTE), retry=FixedDelay(SECOND, attempts=3))

    clock.advance(MINUTE)
    first = [run.attempt for run in scheduler.run_pending()]
    after_the_first = job.info.runs
    retried = []
    for _ in range(2):
        clock.advance(SECOND)
        retried += [run.attempt for run in scheduler.run_pending()]
    after_the_retries = job.info.runs
    clock.advance(MINUTE)
    scheduler.run_pending()

    assert (first, retried) == ([1], [2, 3])
    assert (after_the_first, after_the_retries, job.info.runs) == (1, 1, 2)


@pytest.mark.spec(
    "A retry is a new attempt of the same occurrence: its Run has the same occurrence and attempt "
    "2, 3, ...; it is due delay after the failure (on the clock) and info.next_run shows it.",
)
def test_while_a_retry_waits_the_last_error_is_the_failure(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    job = scheduler.schedule_at(START, failing(1), retry=FixedDelay(MINUTE, attempts=2))

    scheduler.run_pending()
    waiting = job.info
    clock.advance(MINUTE)
    scheduler.run_pending()

    assert (waiting.status, waiting.next_run) == (JobStatus.SCHEDULED, START + MINUTE)
    assert waiting.last_error == "ConnectionError: upstream down"
    assert (job.status, job.info.last_error) == (JobStatus.COMPLETED, None)


@pytest.mark.spec(
    "After the last attempt the run is dead-lettered: dead_letters() lists DeadLetter(job_id, "
    "occurrence, attempts, error) (error as in last_error), oldest first, and a job with nothing "
    "left to run is FAILED.",
)
def test_dead_letters_are_listed_oldest_first(scheduler: Scheduler, clock: FakeClock) -> None:
    later = scheduler.schedule_at(START + MINUTE, failing(1), name="later")
    sooner = scheduler.schedule_at(START, failing(9), retry=FixedDelay(2 * MINUTE, attempts=2))
    ever = scheduler.schedule_at(START + 2 * MINUTE, failing(1), name="ever", priority=5)

    attempts_over(scheduler, clock, MINUTE, 3)

    assert [(letter.job_id, letter.attempts) for letter in scheduler.dead_letters()] == [
        (later.id, 1),
        (ever.id, 1),
        (sooner.id, 2),
    ]


@pytest.mark.spec(
    "with jitter j in [0, 1] each delay is scaled by a factor drawn uniformly from "
    "[1 - j, 1] with the random.Random passed in, so it never exceeds the cap."
)
def test_jitter_scales_a_delay_that_reached_the_cap_too() -> None:
    policy = ExponentialBackoff(initial=SECOND, cap=5 * SECOND, attempts=20, jitter=0.5)

    delays = [policy.delay(10, seeded(seed)) for seed in range(100)]

    assert all(delay is not None and 2.5 * SECOND <= delay <= 5 * SECOND for delay in delays)
    assert sum(delay == 5 * SECOND for delay in delays) <= 1
    assert len(set(delays)) > 90


@pytest.mark.spec(
    "The three are frozen values: two are equal exactly when they were built from equal settings."
)
def test_the_built_in_retry_policies_are_values() -> None:
    backoff = ExponentialBackoff(initial=SECOND, cap=MINUTE, attempts=4, jitter=0.5)

    same = ExponentialBackoff(initial=SECOND, cap=MINUTE, attempts=4, jitter=0.5)

    assert backoff == same
    assert backoff != ExponentialBackoff(initial=SECOND, cap=MINUTE, attempts=4, jitter=0.25)
    assert FixedDelay(SECOND, attempts=2) == FixedDelay(SECOND, attempts=2)
    assert FixedDelay(SECOND, attempts=2) != FixedDelay(SECOND, attempts=3)
    assert NoRetry() == NoRetry()
    assert len({backoff, same, NoRetry(), NoRetry(), FixedDelay(SECOND), FixedDelay(SECOND)}) == 3
