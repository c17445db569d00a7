"""The scheduler and the handle on a scheduled job."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypedDict, Unpack

if TYPE_CHECKING:
    from collections.abc import Iterable
    from random import Random

    from job_scheduler.events import Event, EventKind
    from job_scheduler.executors import Executor
    from job_scheduler.jobs import BrokenJob, DeadLetter, JobInfo, JobStatus, Misfire, Run
    from job_scheduler.retry import RetryPolicy
    from job_scheduler.stores import JobStore, TaskRegistry
    from job_scheduler.triggers import Trigger

Clock = Callable[[], datetime]
Task = Callable[[], object]


class Options(TypedDict, total=False):
    """Keyword options of `Scheduler.schedule`, `schedule_at` and `schedule_after`."""

    until: datetime | None  # step 2: no occurrence after this time
    max_runs: int | None  # step 2: at most this many runs
    priority: int  # step 3: higher first among runs due together (default 0)
    max_concurrent: int  # step 3: runs of this job in flight at once (default 1)
    retry: RetryPolicy  # step 4 (default NoRetry())
    timeout: timedelta | None  # step 4 (default None)
    misfire: Misfire  # step 5 (default Misfire.RUN_EACH)
    grace: timedelta  # step 5 (default timedelta(0))


class Job:
    """A handle on a scheduled job: its id, and live views of its state."""

    @property
    def id(self) -> str:
        """The job's unique id."""
        raise NotImplementedError

    @property
    def status(self) -> JobStatus:
        """The job's current status; BROKEN when its stored record cannot be read (step 7)."""
        raise NotImplementedError

    @property
    def info(self) -> JobInfo:
        """A snapshot of the job."""
        raise NotImplementedError

    def cancel(self) -> None:
        """Cancel the job (see `Scheduler.cancel`)."""
        raise NotImplementedError


class Scheduler:
    """Runs jobs when their triggers say, on a clock that is passed in."""

    def __init__(  # noqa: PLR0913 - every collaborator is injected by name
        self,
        clock: Clock,
        *,
        executor: Executor | None = None,
        random: Random | None = None,
        store: JobStore | None = None,
        registry: TaskRegistry | None = None,
        lease: timedelta = timedelta(minutes=5),
    ) -> None:
        """`executor` (step 3) runs the work; `random` (step 4) is for the retry policies only.

        `store` (step 7) keeps the jobs; `registry` (step 7) holds the named tasks;
        `lease` (step 8) is how long a claimed run stays reserved for this scheduler.
        """
        raise NotImplementedError

    def schedule(
        self,
        task: Task | str,
        trigger: Trigger,
        *,
        name: str | None = None,
        **options: Unpack[Options],
    ) -> Job:
        """Schedule `task` on `trigger`."""
        raise NotImplementedError

    def schedule_at(
        self,
        when: datetime,
        task: Task | str,
        *,
        name: str | None = None,
        **options: Unpack[Options],
    ) -> Job:
        """Schedule one run of `task` at `when` (an aware datetime)."""
        raise NotImplementedError

    def schedule_after(
        self,
        delay: timedelta,
        task: Task | str,
        *,
        name: str | None = None,
        **options: Unpack[Options],
    ) -> Job:
        """Schedule one run of `task` when `delay` has passed on the clock."""
        raise NotImplementedError

    def run_pending(self) -> list[Run]:
        """Start every run that is due now, in order, and return them."""
        raise NotImplementedError

    def info(self, job_id: str) -> JobInfo:
        """A snapshot of the job; UnknownJobError if there is none."""
        raise NotImplementedError

    def jobs(self) -> list[JobInfo]:
        """Snapshots of every job, in scheduling order."""
        raise NotImplementedError

    def cancel(self, job_id: str) -> None:
        """Cancel the job; UnknownJobError, or JobStateError if it is over."""
        raise NotImplementedError

    def pause(self, job_id: str) -> None:
        """Hold the job's runs until `resume` (step 3)."""
        raise NotImplementedError

    def resume(self, job_id: str) -> None:
        """Release a paused job (step 3)."""
        raise NotImplementedError

    def dead_letters(self) -> list[DeadLetter]:
        """Runs that failed on their last attempt, oldest first (step 4)."""
        raise NotImplementedError

    def subscribe(
        self, listener: Callable[[Event], object], kinds: Iterable[EventKind] | None = None
    ) -> Callable[[], None]:
        """Call `listener` with every event of `kinds`; returns the unsubscriber (step 6).

        `None` means every kind, an empty collection no kind at all.
        """
        raise NotImplementedError

    def broken_jobs(self) -> list[BrokenJob]:
        """Stored jobs that could not be read back and were set aside (step 7)."""
        raise NotImplementedError

    def wait_idle(self, timeout: timedelta) -> bool:
        """Wait at most `timeout` until no run is in flight; False if time ran out (step 8)."""
        raise NotImplementedError

    def heartbeat(self) -> int:
        """Renew the lease of every run in flight here; how many were renewed (step 9)."""
        raise NotImplementedError


def current_run() -> Run | None:
    """Inside a task, the Run it is executing; anywhere else None (step 9)."""
    raise NotImplementedError
