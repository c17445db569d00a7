"""Which occurrence runs when a job's turn comes late: the misfire rules."""

from __future__ import annotations

from datetime import datetime

import attrs

from job_scheduler.jobs import JobRecord, Misfire


@attrs.frozen
class Plan:
    """What to do with a due occurrence: run one (or none), report the missed, queue the next."""

    run: datetime | None
    missed: tuple[datetime, ...]
    following: datetime | None


def following(job: JobRecord, occurrence: datetime) -> datetime | None:
    """The job's next fire time after `occurrence`, or None once past `until`."""
    after = job.trigger.next_fire(occurrence)
    until = job.options.until
    return None if after is None or (until is not None and after > until) else after


def plan(job: JobRecord, occurrence: datetime, now: datetime) -> Plan:
    """Apply the job's misfire policy to an occurrence that is due at `now`.

    An occurrence within the grace period is on time and runs. A later one runs anyway
    (RUN_EACH), is skipped and reported missed (SKIP), or is folded together with every
    other occurrence due by now into one run of the latest (RUN_ONCE).
    """
    late = now - occurrence > job.options.grace
    policy = job.options.misfire
    if not late or policy is Misfire.RUN_EACH:
        return Plan(occurrence, (), following(job, occurrence))
    if policy is Misfire.SKIP:
        return Plan(None, (occurrence,), following(job, occurrence))
    missed: list[datetime] = []
    latest, after = occurrence, following(job, occurrence)
    while after is not None and after <= now:
        missed.append(latest)
        latest, after = after, following(job, after)
    return Plan(latest, tuple(missed), after)
