"""The reference dispatcher's count of runs in flight per job.

Unit tests of the reference solution (run with ``--impl solutions``). What the count
allows is in the acceptance tests (step 3's `max_concurrent`); what they cannot see is
that a job leaves the count once nothing of it is in flight, so a scheduler that runs a
million one-off jobs does not keep a million zeros.
"""

from __future__ import annotations

from job_scheduler.dispatch import InFlight


def test_a_job_over_its_limit_waits_until_a_run_of_it_is_freed() -> None:
    in_flight = InFlight()
    assert in_flight.take("job", 2)
    assert in_flight.take("job", 2)
    assert not in_flight.take("job", 2)
    in_flight.free("job", None)
    assert in_flight.take("job", 2)
    assert not in_flight.take("job", 2)


def test_a_job_with_nothing_in_flight_is_forgotten() -> None:
    in_flight = InFlight()
    for number in range(3):
        assert in_flight.take(f"job {number}", 1)
    assert in_flight.take("job 0", 2)
    for number in range(3):
        in_flight.free(f"job {number}", None)
    assert in_flight._per_job == {"job 0": 1}  # the memory no behaviour shows
    in_flight.free("job 0", None)
    assert in_flight._per_job == {}
