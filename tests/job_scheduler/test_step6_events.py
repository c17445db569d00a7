from __future__ import annotations

import gc
import logging
import weakref
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from job_scheduler import At, Event, EventKind, FixedDelay, Interval, Misfire, Scheduler

from tests.job_scheduler.support import MINUTE, noop
from tests.support import START

if TYPE_CHECKING:
    from collections.abc import Callable

    from tests.support import FakeClock

pytestmark = pytest.mark.step(6)


def boom() -> None:
    """A task that always fails."""
    raise RuntimeError("boom")


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
    assert all(event.occurrence == START for event in events)


def test_skipped_occurrences_are_reported_missed(scheduler: Scheduler, clock: FakeClock) -> None:
    missed: list[Event] = []
    scheduler.subscribe(missed.append, kinds=[EventKind.MISSED])
    job = scheduler.schedule(noop, Interval(MINUTE), misfire=Misfire.SKIP)

    clock.advance(3 * MINUTE + timedelta(seconds=30))
    scheduler.run_pending()

    now = START + 3 * MINUTE + timedelta(seconds=30)
    assert [(event.job_id, event.at, event.occurrence) for event in missed] == [
        (job.id, now, START + MINUTE),
        (job.id, now, START + 2 * MINUTE),
        (job.id, now, START + 3 * MINUTE),
    ]


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


def test_cancelling_a_job_is_reported(scheduler: Scheduler, clock: FakeClock) -> None:
    events: list[Event] = []
    job = scheduler.schedule_after(MINUTE, noop)
    scheduler.subscribe(events.append, kinds=[EventKind.CANCELLED])
    clock.advance(MINUTE // 2)

    job.cancel()

    assert events == [Event(EventKind.CANCELLED, job.id, START + MINUTE // 2)]


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
    assert any("cannot handle" in str(record.exc_info) for record in caplog.records)


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


def test_a_job_that_will_never_run_is_still_reported_scheduled_with_no_occurrence(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    events: list[Event] = []
    scheduler.subscribe(events.append)
    clock.advance(MINUTE)

    job = scheduler.schedule(noop, At(START + 2 * MINUTE), until=START)

    assert events == [Event(EventKind.SCHEDULED, job.id, START + MINUTE, None)]
