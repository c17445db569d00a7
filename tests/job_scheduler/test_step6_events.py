from __future__ import annotations

import gc
import logging
import weakref
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from job_scheduler import (
    At,
    Event,
    EventKind,
    FixedDelay,
    Interval,
    JobStatus,
    Misfire,
    Scheduler,
)

from tests.job_scheduler.support import MINUTE, noop
from tests.support import START

if TYPE_CHECKING:
    from collections.abc import Callable

    from tests.support import FakeClock

pytestmark = [
    pytest.mark.step(6),
    pytest.mark.spec("Observers for everything that happens to a job."),
]


def boom() -> None:
    """A task that always fails."""
    raise RuntimeError("boom")


@pytest.mark.spec(
    "Event(kind, job_id, at, occurrence=None, attempt=0, error=None) is a frozen value; at is the "
    "scheduler's clock when it happened.",
    "EventKind has nine kinds: SCHEDULED, STARTED, SUCCEEDED, FAILED, RETRYING, DEAD_LETTERED, "
    "MISSED, CANCELLED and LEASE_LOST (published from step 9 on).",
    "SCHEDULED carries the job's first fire time as its occurrence (None when the job will never "
    "run) and attempt 0.",
    "STARTED, SUCCEEDED and FAILED are the run events: they carry the run's occurrence and "
    "attempt.",
    "For one run the order is STARTED, then SUCCEEDED or FAILED (then RETRYING or DEAD_LETTERED).",
)
def test_a_successful_run_is_scheduled_started_and_succeeded(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    events: list[Event] = []
    scheduler.subscribe(events.append)
    job = scheduler.schedule_after(MINUTE, noop)

    clock.advance(2 * MINUTE)
    scheduler.run_pending()

    assert events == [
        Event(EventKind.SCHEDULED, job.id, START, START + MINUTE),
        Event(EventKind.STARTED, job.id, START + 2 * MINUTE, START + MINUTE, 1),
        Event(EventKind.SUCCEEDED, job.id, START + 2 * MINUTE, START + MINUTE, 1),
    ]
    assert {kind.name for kind in EventKind} == {
        "SCHEDULED",
        "STARTED",
        "SUCCEEDED",
        "FAILED",
        "RETRYING",
        "DEAD_LETTERED",
        "MISSED",
        "CANCELLED",
        "LEASE_LOST",
    }


@pytest.mark.spec(
    "subscribe(listener, kinds=None) calls listener(event) for every event whose kind is in kinds "
    "(every kind when None; an empty kinds means no kind at all) and returns a function that "
    "unsubscribes; calling it again does nothing.",
    "FAILED carries the exception itself as error, and its at is when the run ended.",
    "RETRYING follows a FAILED when another attempt was queued, and DEAD_LETTERED follows the "
    "last FAILED; each carries the same at, occurrence, attempt (the attempt that failed) and "
    "error as the FAILED it follows.",
    "For one run the order is STARTED, then SUCCEEDED or FAILED (then RETRYING or DEAD_LETTERED).",
)
def test_a_failing_run_reports_failed_retrying_and_finally_dead_lettered(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    events: list[Event] = []
    scheduler.subscribe(
        events.append, kinds={EventKind.FAILED, EventKind.RETRYING, EventKind.DEAD_LETTERED}
    )
    job = scheduler.schedule_at(START, boom, retry=FixedDelay(MINUTE, attempts=2))

    scheduler.run_pending()
    clock.advance(MINUTE)
    scheduler.run_pending()

    assert [(event.kind, event.attempt, event.at) for event in events] == [
        (EventKind.FAILED, 1, START),
        (EventKind.RETRYING, 1, START),
        (EventKind.FAILED, 2, START + MINUTE),
        (EventKind.DEAD_LETTERED, 2, START + MINUTE),
    ]
    assert {event.job_id for event in events} == {job.id}
    assert all(isinstance(event.error, RuntimeError) for event in events)
    assert events[1].error is events[0].error
    assert events[3].error is events[2].error
    assert events[0].error is not events[2].error
    assert all(event.occurrence == START for event in events)


@pytest.mark.spec(
    "MISSED is published once per missed occurrence (step 5), with that occurrence and attempt 0.",
)
def test_skipped_occurrences_are_reported_missed(scheduler: Scheduler, clock: FakeClock) -> None:
    missed: list[Event] = []
    scheduler.subscribe(missed.append, kinds=[EventKind.MISSED])
    job = scheduler.schedule(noop, Interval(MINUTE), misfire=Misfire.SKIP)

    clock.advance(3 * MINUTE + timedelta(seconds=30))
    scheduler.run_pending()

    now = START + 3 * MINUTE + timedelta(seconds=30)
    assert missed == [
        Event(EventKind.MISSED, job.id, now, START + MINUTE, 0),
        Event(EventKind.MISSED, job.id, now, START + 2 * MINUTE, 0),
        Event(EventKind.MISSED, job.id, now, START + 3 * MINUTE, 0),
    ]


@pytest.mark.spec(
    "MISSED is published once per missed occurrence (step 5), with that occurrence and attempt 0.",
    "Missed occurrences are reported before the run that follows them.",
)
def test_occurrences_folded_into_one_run_are_reported_missed(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    kinds: list[tuple[EventKind, datetime | None]] = []
    scheduler.subscribe(lambda event: kinds.append((event.kind, event.occurrence)))
    scheduler.schedule(noop, Interval(MINUTE), misfire=Misfire.RUN_ONCE)
    kinds.clear()

    clock.advance(2 * MINUTE + timedelta(seconds=30))
    scheduler.run_pending()

    assert kinds == [
        (EventKind.MISSED, START + MINUTE),
        (EventKind.STARTED, START + 2 * MINUTE),
        (EventKind.SUCCEEDED, START + 2 * MINUTE),
    ]


@pytest.mark.spec(
    "subscribe(listener, kinds=None) calls listener(event) for every event whose kind is in kinds "
    "(every kind when None; an empty kinds means no kind at all) and returns a function that "
    "unsubscribes; calling it again does nothing.",
)
def test_a_listener_for_some_kinds_does_not_keep_other_kinds_from_later_listeners(
    scheduler: Scheduler,
) -> None:
    cancelled: list[Event] = []
    everything: list[Event] = []
    scheduler.subscribe(cancelled.append, kinds=[EventKind.CANCELLED])
    scheduler.subscribe(everything.append)

    job = scheduler.schedule_after(MINUTE, noop)

    assert cancelled == []
    assert [(event.kind, event.job_id) for event in everything] == [(EventKind.SCHEDULED, job.id)]


@pytest.mark.spec(
    "CANCELLED carries no occurrence and attempt 0.",
    "Event(kind, job_id, at, occurrence=None, attempt=0, error=None) is a frozen value; at is the "
    "scheduler's clock when it happened.",
)
def test_cancelling_a_job_is_reported(scheduler: Scheduler, clock: FakeClock) -> None:
    events: list[Event] = []
    job = scheduler.schedule_after(MINUTE, noop)
    scheduler.subscribe(events.append, kinds=[EventKind.CANCELLED])
    clock.advance(MINUTE // 2)

    job.cancel()

    assert events == [Event(EventKind.CANCELLED, job.id, START + MINUTE // 2)]


@pytest.mark.spec(
    "subscribe(listener, kinds=None) calls listener(event) for every event whose kind is in kinds "
    "(every kind when None; an empty kinds means no kind at all) and returns a function that "
    "unsubscribes; calling it again does nothing.",
)
def test_unsubscribing_stops_delivery_and_is_harmless_twice(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    events: list[Event] = []
    unsubscribe = scheduler.subscribe(events.append)
    scheduler.schedule_after(MINUTE, noop)

    unsubscribe()
    unsubscribe()
    clock.advance(MINUTE)
    scheduler.run_pending()

    assert [event.kind for event in events] == [EventKind.SCHEDULED]


@pytest.mark.spec(
    "A listener that raises is isolated: the exception is logged on the job_scheduler logger, the "
    "other listeners still get the event, and the scheduler carries on.",
)
def test_a_listener_that_raises_is_logged_and_isolated(
    scheduler: Scheduler, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(event: Event) -> None:
        raise ValueError(f"cannot handle {event.kind}")

    events: list[Event] = []
    scheduler.subscribe(broken)
    scheduler.subscribe(events.append)
    job = scheduler.schedule_after(MINUTE, noop)

    clock.advance(MINUTE)
    with caplog.at_level(logging.ERROR, logger="job_scheduler"):
        ran = scheduler.run_pending()

    assert [run.job_id for run in ran] == [job.id]
    assert [event.kind for event in events] == [
        EventKind.SCHEDULED,
        EventKind.STARTED,
        EventKind.SUCCEEDED,
    ]
    assert job.info.runs == 1
    assert any(
        record.name == "job_scheduler" and "cannot handle" in str(record.exc_info)
        for record in caplog.records
    )


@pytest.mark.spec(
    "Listeners may subscribe and unsubscribe while an event is being delivered; the change "
    "applies from the next event.",
)
def test_a_listener_may_unsubscribe_while_events_are_delivered(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    seen: list[str] = []
    unsubscribers: list[Callable[[], None]] = []

    def once(event: Event) -> None:
        seen.append(f"once:{event.kind.value}")
        unsubscribers[0]()

    unsubscribers.append(scheduler.subscribe(once))
    scheduler.subscribe(lambda event: seen.append(f"always:{event.kind.value}"))

    scheduler.schedule_after(MINUTE, noop)
    clock.advance(MINUTE)
    scheduler.run_pending()

    assert seen == [
        "once:scheduled",
        "always:scheduled",
        "always:started",
        "always:succeeded",
    ]


@pytest.mark.spec("An unsubscribed listener is not kept alive by the scheduler.")
def test_an_unsubscribed_listener_is_not_kept_alive(scheduler: Scheduler) -> None:
    class Listener:
        def __init__(self) -> None:
            self.events: list[Event] = []

        def __call__(self, event: Event) -> None:
            self.events.append(event)

    listener = Listener()
    unsubscribe = scheduler.subscribe(listener)
    scheduler.schedule_after(MINUTE, noop)
    alive = weakref.ref(listener)

    unsubscribe()
    del listener, unsubscribe
    gc.collect()

    assert alive() is None


@pytest.mark.spec(
    "STARTED, SUCCEEDED and FAILED are the run events: they carry the run's occurrence and "
    "attempt.",
    "RETRYING follows a FAILED when another attempt was queued, and DEAD_LETTERED follows the "
    "last FAILED; each carries the same at, occurrence, attempt (the attempt that failed) and "
    "error as the FAILED it follows.",
    "SCHEDULED carries the job's first fire time as its occurrence (None when the job will never "
    "run) and attempt 0.",
    "For one run the order is STARTED, then SUCCEEDED or FAILED (then RETRYING or DEAD_LETTERED).",
)
def test_a_retried_run_starts_again_with_its_attempt_number(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    outcomes = iter([RuntimeError("boom"), None])

    def flaky() -> None:
        error = next(outcomes)
        if error is not None:
            raise error

    events: list[Event] = []
    scheduler.subscribe(events.append)
    job = scheduler.schedule_at(START, flaky, retry=FixedDelay(MINUTE, attempts=2))

    scheduler.run_pending()
    clock.advance(MINUTE)
    scheduler.run_pending()

    assert [(event.kind, event.at, event.attempt) for event in events] == [
        (EventKind.SCHEDULED, START, 0),
        (EventKind.STARTED, START, 1),
        (EventKind.FAILED, START, 1),
        (EventKind.RETRYING, START, 1),
        (EventKind.STARTED, START + MINUTE, 2),
        (EventKind.SUCCEEDED, START + MINUTE, 2),
    ]
    assert {event.job_id for event in events} == {job.id}
    assert all(event.occurrence == START for event in events)


@pytest.mark.spec(
    "SCHEDULED carries the job's first fire time as its occurrence (None when the job will never "
    "run) and attempt 0.",
)
def test_a_job_that_will_never_run_is_still_reported_scheduled_with_no_occurrence(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    events: list[Event] = []
    scheduler.subscribe(events.append)
    clock.advance(MINUTE)

    job = scheduler.schedule(noop, At(START + 2 * MINUTE), until=START)

    assert events == [Event(EventKind.SCHEDULED, job.id, START + MINUTE, None)]


@pytest.mark.spec(
    "subscribe(listener, kinds=None) calls listener(event) for every event whose kind is in kinds "
    "(every kind when None; an empty kinds means no kind at all) and returns a function that "
    "unsubscribes; calling it again does nothing.",
)
def test_an_empty_set_of_kinds_hears_nothing(scheduler: Scheduler, clock: FakeClock) -> None:
    events: list[Event] = []
    scheduler.subscribe(events.append, kinds=set())
    job = scheduler.schedule_after(MINUTE, boom)

    clock.advance(MINUTE)
    scheduler.run_pending()
    scheduler.subscribe(events.append, kinds=[])

    assert job.status is JobStatus.FAILED
    assert events == []


@pytest.mark.spec(
    "Listeners may subscribe and unsubscribe while an event is being delivered; the change "
    "applies from the next event.",
)
def test_a_listener_subscribed_during_delivery_hears_from_the_next_event(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    late: list[EventKind] = []
    unsubscribers: list[Callable[[], None]] = []

    def recruit(event: Event) -> None:
        if not unsubscribers:
            unsubscribers.append(scheduler.subscribe(lambda later: late.append(later.kind)))
        del event

    scheduler.subscribe(recruit)
    scheduler.schedule_after(MINUTE, noop)
    clock.advance(MINUTE)
    scheduler.run_pending()

    assert late == [EventKind.STARTED, EventKind.SUCCEEDED]


@pytest.mark.spec(
    "An event is published once the change it reports is made: a listener called with SCHEDULED "
    "already finds the job with info(), and one called with SUCCEEDED, FAILED or CANCELLED finds "
    "the job's new status, runs and last_error there.",
)
def test_an_event_is_published_once_the_change_it_reports_is_made(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    seen: list[tuple[EventKind, JobStatus, int, str | None, bool]] = []

    def look(event: Event) -> None:
        info = scheduler.info(event.job_id)
        listed = event.job_id in [each.id for each in scheduler.jobs()]
        seen.append((event.kind, info.status, info.runs, info.last_error, listed))

    scheduler.subscribe(
        look,
        kinds={EventKind.SCHEDULED, EventKind.SUCCEEDED, EventKind.FAILED, EventKind.CANCELLED},
    )
    fine = scheduler.schedule_after(MINUTE, noop)
    broken = scheduler.schedule_after(MINUTE, boom)
    cancelled = scheduler.schedule_after(MINUTE, noop)
    cancelled.cancel()
    clock.advance(MINUTE)
    scheduler.run_pending()

    assert [job.status for job in (fine, broken)] == [JobStatus.COMPLETED, JobStatus.FAILED]
    assert seen == [
        (EventKind.SCHEDULED, JobStatus.SCHEDULED, 0, None, True),
        (EventKind.SCHEDULED, JobStatus.SCHEDULED, 0, None, True),
        (EventKind.SCHEDULED, JobStatus.SCHEDULED, 0, None, True),
        (EventKind.CANCELLED, JobStatus.CANCELLED, 0, None, True),
        (EventKind.SUCCEEDED, JobStatus.COMPLETED, 1, None, True),
        (EventKind.FAILED, JobStatus.FAILED, 1, "RuntimeError: boom", True),
    ]


@pytest.mark.spec(
    "subscribe(listener, kinds=None) calls listener(event) for every event whose kind is in "
    "kinds (every kind when None; an empty kinds means no kind at all) and returns a "
    "function that unsubscribes; calling it again does nothing."
)
def test_unsubscribing_ends_only_that_subscription(scheduler: Scheduler, clock: FakeClock) -> None:
    events: list[Event] = []
    first = scheduler.subscribe(events.append, kinds=[EventKind.SCHEDULED])
    scheduler.subscribe(events.append, kinds=[EventKind.STARTED])

    first()
    scheduler.schedule_after(MINUTE, lambda: None)
    clock.advance(MINUTE)
    scheduler.run_pending()

    assert [event.kind for event in events] == [EventKind.STARTED]


@pytest.mark.spec(
    "FAILED carries the exception itself as error, and its at is when the run ended.",
    "Event(kind, job_id, at, occurrence=None, attempt=0, error=None) is a frozen value; at is "
    "the scheduler's clock when it happened.",
)
def test_the_end_of_a_run_is_reported_at_the_time_it_ended(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    events: list[tuple[EventKind, datetime]] = []
    scheduler.subscribe(
        lambda event: events.append((event.kind, event.at)),
        kinds={EventKind.FAILED, EventKind.RETRYING, EventKind.SUCCEEDED},
    )

    def slow_failure() -> None:
        clock.advance(MINUTE)
        raise RuntimeError("late and wrong")

    def slow_success() -> None:
        clock.advance(MINUTE)

    scheduler.schedule_at(START, slow_failure, retry=FixedDelay(MINUTE, attempts=2))
    scheduler.schedule_at(START, slow_success)
    scheduler.run_pending()

    assert events == [
        (EventKind.FAILED, START + MINUTE),
        (EventKind.RETRYING, START + MINUTE),
        (EventKind.SUCCEEDED, START + 2 * MINUTE),
    ]
