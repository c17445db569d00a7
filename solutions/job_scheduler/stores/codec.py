"""Turning times, triggers and options into values a store can keep as text or integers, and back.

Each `encode_*` has a `decode_*` that reads back what it wrote. Decoding is a pure function
of the text that yields frozen values, so a store may cache what it decoded.
"""

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


def encode_time(moment: datetime) -> int:
    """Microseconds since the epoch: an integer that sorts like the time it stands for."""
    return (moment - EPOCH) // MICROSECOND


def decode_time(micros: int) -> datetime:
    """The UTC datetime `encode_time` encoded."""
    return EPOCH + micros * MICROSECOND


def encode_span(span: timedelta) -> int:
    """A span of time in microseconds."""
    return span // MICROSECOND


def decode_span(micros: int) -> timedelta:
    """The span `encode_span` encoded."""
    return micros * MICROSECOND


def _encode_optional_time(moment: datetime | None) -> int | None:
    return None if moment is None else encode_time(moment)


def _decode_optional_time(micros: int | None) -> datetime | None:
    return None if micros is None else decode_time(micros)


def _encode_optional_span(span: timedelta | None) -> int | None:
    return None if span is None else encode_span(span)


def _decode_optional_span(micros: int | None) -> timedelta | None:
    return None if micros is None else decode_span(micros)


def encode_trigger(trigger: Trigger) -> str:
    """JSON for the built-in triggers; UnstorableJobError for any other."""
    match trigger:
        case At(when=when):
            data: dict[str, Any] = {"type": "at", "when": encode_time(when)}
        case Interval(every=every, start=start):
            start_at = _encode_optional_time(start)
            data = {"type": "interval", "every": encode_span(every), "start": start_at}
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
            return At(decode_time(data["when"]))
        case "interval":
            return Interval(decode_span(data["every"]), _decode_optional_time(data["start"]))
        case "cron":
            return Cron(data["expression"])
    raise CorruptJobError(f"unknown trigger type {data['type']!r}")


def _encode_retry(policy: RetryPolicy) -> dict[str, Any]:
    match policy:
        case NoRetry():
            return {"type": "none"}
        case FixedDelay(wait=wait, attempts=attempts):
            return {"type": "fixed", "wait": encode_span(wait), "attempts": attempts}
        case ExponentialBackoff():
            return {
                "type": "exponential",
                "initial": encode_span(policy.initial),
                "cap": encode_span(policy.cap),
                "attempts": policy.attempts,
                "multiplier": policy.multiplier,
                "jitter": policy.jitter,
            }
    raise UnstorableJobError(f"cannot store retry policy {policy!r}")


def _decode_retry(data: dict[str, Any]) -> RetryPolicy:
    kind = data["type"]
    match kind:
        case "none":
            return NoRetry()
        case "fixed":
            return FixedDelay(decode_span(data["wait"]), data["attempts"])
        case "exponential":
            return ExponentialBackoff(
                decode_span(data["initial"]),
                decode_span(data["cap"]),
                attempts=data["attempts"],
                multiplier=data["multiplier"],
                jitter=data["jitter"],
            )
    raise CorruptJobError(f"unknown retry policy type {kind!r}")


def encode_options(options: JobOptions) -> str:
    """JSON for a job's options."""
    return json.dumps(
        {
            "priority": options.priority,
            "max_concurrent": options.max_concurrent,
            "retry": _encode_retry(options.retry),
            "timeout": _encode_optional_span(options.timeout),
            "misfire": options.misfire.value,
            "grace": encode_span(options.grace),
            "until": _encode_optional_time(options.until),
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
        timeout=_decode_optional_span(data["timeout"]),
        misfire=Misfire(data["misfire"]),
        grace=decode_span(data["grace"]),
        until=_decode_optional_time(data["until"]),
        max_runs=data["max_runs"],
    )
