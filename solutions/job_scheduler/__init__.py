"""A job scheduler with an injected clock: triggers, retries, events, stores and workers."""

from job_scheduler.cron import Cron
from job_scheduler.dispatch import current_run
from job_scheduler.errors import (
    CorruptJobError,
    InvalidValueError,
    JobStateError,
    JobTimeoutError,
    SchedulerError,
    UnknownJobError,
    UnknownTaskError,
    UnstorableJobError,
)
from job_scheduler.events import Event, EventKind
from job_scheduler.executors import Executor, InlineExecutor, WorkerPool
from job_scheduler.jobs import (
    BrokenJob,
    DeadLetter,
    JobInfo,
    JobOptions,
    JobStatus,
    Misfire,
    Run,
)
from job_scheduler.registry import TaskRegistry
from job_scheduler.retry import ExponentialBackoff, FixedDelay, NoRetry, RetryPolicy
from job_scheduler.scheduler import Job, Scheduler
from job_scheduler.stores import InMemoryJobStore, JobStore, PostgresJobStore, SqliteJobStore
from job_scheduler.triggers import At, Interval, Trigger

__all__ = [
    "At",
    "BrokenJob",
    "CorruptJobError",
    "Cron",
    "DeadLetter",
    "Event",
    "EventKind",
    "Executor",
    "ExponentialBackoff",
    "FixedDelay",
    "InMemoryJobStore",
    "InlineExecutor",
    "Interval",
    "InvalidValueError",
    "Job",
    "JobInfo",
    "JobOptions",
    "JobStateError",
    "JobStatus",
    "JobStore",
    "JobTimeoutError",
    "Misfire",
    "NoRetry",
    "PostgresJobStore",
    "RetryPolicy",
    "Run",
    "Scheduler",
    "SchedulerError",
    "SqliteJobStore",
    "TaskRegistry",
    "Trigger",
    "UnknownJobError",
    "UnknownTaskError",
    "UnstorableJobError",
    "WorkerPool",
    "current_run",
]
