"""The job scheduler kata: your implementation. Tests import the names listed below."""

from job_scheduler.cron import Cron
from job_scheduler.errors import JobStateError, SchedulerError, UnknownJobError
from job_scheduler.jobs import JobInfo, JobStatus, Run
from job_scheduler.scheduler import Job, Scheduler
from job_scheduler.triggers import At, Interval, Trigger

__all__ = [
    "At",
    "Cron",
    "Interval",
    "Job",
    "JobInfo",
    "JobStateError",
    "JobStatus",
    "Run",
    "Scheduler",
    "SchedulerError",
    "Trigger",
    "UnknownJobError",
]
