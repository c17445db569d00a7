"""Where jobs live: the JobStore port and its adapters, in memory, SQLite and PostgreSQL."""

from job_scheduler.stores.memory import InMemoryJobStore
from job_scheduler.stores.port import JobStore
from job_scheduler.stores.postgres import PostgresJobStore
from job_scheduler.stores.sqlite import SqliteJobStore

__all__ = ["InMemoryJobStore", "JobStore", "PostgresJobStore", "SqliteJobStore"]
