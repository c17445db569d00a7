"""The scheduler's exceptions: one root, each also a builtin so callers can catch either."""


class SchedulerError(Exception):
    """Root of every error the job scheduler raises on purpose."""


class InvalidValueError(SchedulerError, ValueError):
    """An argument makes no sense: a naive time, a bad cron field, a negative delay ..."""


class UnknownJobError(SchedulerError, LookupError):
    """No job has this id."""


class JobStateError(SchedulerError, RuntimeError):
    """The job is not in a state that allows the operation (e.g. cancelling a finished job)."""


class JobTimeoutError(SchedulerError, TimeoutError):
    """A run took longer than its job's timeout; its result is discarded (step 4)."""


class UnknownTaskError(SchedulerError, LookupError):
    """No task is registered under this name (step 7)."""


class UnstorableJobError(SchedulerError, TypeError):
    """The store cannot write this job down (step 7)."""


class CorruptJobError(SchedulerError, ValueError):
    """A stored job cannot be read back (step 7)."""
