"""The rotation timer as a state machine: time moves only when the test says so."""

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dojo.errors import DojoError
from dojo.team.errors import TimerError
from dojo.team.timer import BreakEnded, BreakStarted, Phase, Rotated, RotationTimer, TimerSettings
from tests.dojo_team.support import START, FakeClock

SEVEN = timedelta(minutes=7)


def _timer(people: str = "Ana,Ben,Chen", every: int = 0) -> RotationTimer:
    settings = TimerSettings(tuple(people.split(",")), SEVEN, every, timedelta(minutes=5))
    return RotationTimer(settings, START)


def test_the_first_person_drives_and_the_next_navigates() -> None:
    timer = _timer()

    assert (timer.driver, timer.navigator, timer.phase) == ("Ana", "Ben", Phase.TURN)
    assert timer.remaining(START) == SEVEN


def test_nothing_happens_before_the_turn_ends() -> None:
    timer = _timer()
    clock = FakeClock()
    clock.advance(timedelta(minutes=6, seconds=59))

    assert timer.tick(clock()) == []
    assert timer.remaining(clock()) == timedelta(seconds=1)
    assert timer.elapsed(clock()) == timedelta(minutes=6, seconds=59)


def test_the_keyboard_passes_on_when_the_turn_ends() -> None:
    timer = _timer()

    events = timer.tick(START + SEVEN)

    assert events == [Rotated("Ben", "Chen")]
    assert (timer.driver, timer.navigator, timer.rotations) == ("Ben", "Chen", 1)
    assert timer.remaining(START + SEVEN) == SEVEN


def test_the_last_person_hands_back_to_the_first() -> None:
    timer = _timer("Ana,Ben")

    events = timer.tick(START + 2 * SEVEN)

    assert events == [Rotated("Ben", "Ana"), Rotated("Ana", "Ben")]


def test_late_ticks_keep_the_cadence_of_the_turns() -> None:
    timer = _timer()

    timer.tick(START + SEVEN + timedelta(minutes=2))

    assert timer.remaining(START + SEVEN + timedelta(minutes=2)) == timedelta(minutes=5)


def test_a_break_comes_every_n_rotations_then_the_next_driver_starts() -> None:
    timer = _timer(every=2)

    first = timer.tick(START + 2 * SEVEN)
    during = timer.phase
    second = timer.tick(START + 2 * SEVEN + timedelta(minutes=5))

    assert first == [Rotated("Ben", "Chen"), BreakStarted(timedelta(minutes=5))]
    assert during is Phase.BREAK
    assert second == [BreakEnded("Chen")]
    assert (timer.phase, timer.driver, timer.rotations) == (Phase.TURN, "Chen", 2)


def test_a_paused_timer_holds_its_countdown_until_resumed() -> None:
    timer = _timer()
    clock = FakeClock()
    clock.advance(timedelta(minutes=2))
    timer.toggle_pause(clock())
    clock.advance(timedelta(minutes=30))

    held = (timer.tick(clock()), timer.remaining(clock()), timer.paused)
    timer.toggle_pause(clock())
    clock.advance(timedelta(minutes=5))

    assert held == ([], timedelta(minutes=5), True)
    assert timer.tick(clock()) == [Rotated("Ben", "Chen")]
    assert not timer.paused


def test_skipping_passes_the_keyboard_now_without_counting_a_rotation() -> None:
    timer = _timer()
    clock = FakeClock()
    clock.advance(timedelta(minutes=3))

    event = timer.skip(clock())

    assert event == Rotated("Ben", "Chen", skipped="Ana")
    assert timer.rotations == 0
    assert timer.remaining(clock()) == SEVEN


def test_skipping_a_break_ends_it() -> None:
    timer = _timer(every=1)
    timer.tick(START + SEVEN)

    event = timer.skip(START + SEVEN + timedelta(minutes=1))

    assert event == BreakEnded("Ben")
    assert timer.phase is Phase.TURN


def test_skipping_while_paused_restarts_the_turn_still_paused() -> None:
    timer = _timer()
    timer.toggle_pause(START + timedelta(minutes=1))

    timer.skip(START + timedelta(minutes=2))

    assert timer.paused
    assert timer.remaining(START + timedelta(hours=1)) == SEVEN


def test_a_stopped_timer_no_longer_rotates() -> None:
    timer = _timer()

    timer.stop()

    assert timer.tick(START + 10 * SEVEN) == []
    assert timer.phase is Phase.STOPPED


@pytest.mark.parametrize("people", ["Ana", "Ana,Ana", "Ana,", "Ana, "])
def test_a_rotation_needs_two_different_people(people: str) -> None:
    with pytest.raises(TimerError, match="two or more different, non-empty names") as caught:
        _timer(people)

    assert isinstance(caught.value, DojoError)


@pytest.mark.parametrize(
    ("turn", "every", "pause", "message"),
    [
        (timedelta(0), 0, timedelta(minutes=5), "turn must be longer than zero"),
        (SEVEN, -1, timedelta(minutes=5), "break_every must be 0"),
        (SEVEN, 2, timedelta(seconds=-1), "break_length must be longer than zero"),
    ],
)
def test_durations_and_break_counts_are_checked(
    turn: timedelta, every: int, pause: timedelta, message: str
) -> None:
    with pytest.raises(TimerError, match=message):
        TimerSettings(("Ana", "Ben"), turn, every, pause)


@given(
    st.lists(st.sampled_from(["tick", "pause", "skip"]), max_size=30),
    st.lists(st.integers(min_value=0, max_value=600), min_size=30, max_size=30),
)
def test_remaining_time_stays_within_the_current_length(
    actions: list[str], seconds: list[int]
) -> None:
    """Whatever is pressed when, the countdown never leaves [0, length]."""
    timer = _timer(every=2)
    clock = FakeClock()

    for action, wait in zip(actions, seconds, strict=False):
        clock.advance(timedelta(seconds=wait))
        if action == "pause":
            timer.toggle_pause(clock())
        elif action == "skip":
            timer.skip(clock())
        timer.tick(clock())

        assert timedelta(0) <= timer.remaining(clock()) <= timer.length
        assert timer.navigator != timer.driver
