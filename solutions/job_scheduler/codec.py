"""Turning jobs into JSON-ready values and back, for stores that keep text."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from job_scheduler.cron import Cron
from job_scheduler.errors import CorruptJobError, UnstorableJobError
from job_scheduler.jobs import JobOptions, Misfire
from job_scheduler.retry import ExponentialBackoff, FixedDelay, NoRetry, RetryPolicy
from job_scheduler.triggers import At, Interval, Trigger

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def instant(moment: datetime) -> int:
    """Microseconds since the epoch: an integer that sorts like the time it stands for."""
    return (moment - EPOCH) // MICROSECOND


def moment(value: int) -> datetime:
    """The UTC datetime of an `instant`."""
    return EPOCH + value * MICROSECOND


def _optional(value: int | None) -> datetime | None:
    return None if value is None else moment(value)


def _micros(value: timedelta | None) -> int | None:
    return None if value is None else value // MICROSECOND


def _span(value: int | None) -> timedelta | None:
    return None if value is None else value * MICROSECOND


def encode_trigger(trigger: Trigger) -> str:
    """JSON for the built-in triggers; UnstorableJobError for any other."""
    match trigger:
        case At(when=when):
            data: dict[str, Any] = {"type": "at", "when": instant(when)}
        case Interval(every=every, start=start):
            start_at = None if start is None else instant(start)
            data = {"type": "interval", "every": _micros(every), "start": start_at}
        case Cron(expression=expression):
            data = {"type": "cron", "expression": expression}
        case _:
            raise UnstorableJobError(f"cannot store trigger {trigger!r}; use At, Interval or Cron")
    return json.dumps(data)


def decode_trigger(text: str) -> Trigger:
    """The trigger `encode_trigger` wrote."""
    data = json.loads(text)
    match data["type"]:
        case "at":
            return At(moment(data["when"]))
        case "interval":
            return Interval(data["every"] * MICROSECOND, _optional(data["start"]))
        case "cron":
            return Cron(data["expression"])
    raise CorruptJobError(f"unknown trigger type {data['type']!r}")


def _encode_retry(policy: RetryPolicy) -> dict[str, Any]:
    match policy:
        case NoRetry():
            return {"type": "none"}
        case FixedDelay(wait=wait, attempts=attempts):
            return {"type": "fixed", "wait": _micros(wait), "attempts": attempts}
        case ExponentialBackoff():
            return {
                "type": "exponential",
                "initial": _micros(policy.initial),
                "cap": _micros(policy.cap),
                "attempts": policy.attempts,
                "multiplier": policy.multiplier,
                "jitter": policy.jitter,
            }
    raise UnstorableJobError(f"cannot store retry policy {policy!r}")


def _decode_retry(data: dict[str, Any]) -> RetryPolicy:
    kind = data.pop("type")
    match kind:
        case "none":
            return NoRetry()
        case "fixed":
            return FixedDelay(data["wait"] * MICROSECOND, data["attempts"])
        case "exponential":
            initial, cap = data.pop("initial") * MICROSECOND, data.pop("cap") * MICROSECOND
            return ExponentialBackoff(initial, cap, **data)
    raise CorruptJobError(f"unknown retry policy type {kind!r}")


def encode_options(options: JobOptions) -> str:
    """JSON for a job's options."""
    return json.dumps(
        {
            "priority": options.priority,
            "max_concurrent": options.max_concurrent,
            "retry": _encode_retry(options.retry),
            "timeout": _micros(options.timeout),
            "misfire": options.misfire.value,
            "grace": _micros(options.grace),
            "until": None if options.until is None else instant(options.until),
            "max_runs": options.max_runs,
        }
    )


def decode_options(text: str) -> JobOptions:
    """The options `encode_options` wrote."""
    data = json.loads(text)
    return JobOptions(
        priority=data["priority"],
        max_concurrent=data["max_concurrent"],
        retry=_decode_retry(data["retry"]),
        timeout=_span(data["timeout"]),
        misfire=Misfire(data["misfire"]),
        grace=data["grace"] * MICROSECOND,
        until=_optional(data["until"]),
        max_runs=data["max_runs"],
    )
