"""Tasks by name, so stored jobs can find their callable again (Factory)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from job_scheduler.errors import InvalidValueError, UnknownTaskError
from job_scheduler.jobs import Task

if TYPE_CHECKING:
    from collections.abc import Callable


@attrs.define(eq=False)
class TaskRegistry:
    """Maps task names to callables; an unknown name fails loudly, listing the known ones."""

    _tasks: dict[str, Task] = attrs.field(factory=dict, init=False)

    def register(self, name: str, task: Task) -> None:
        """Register `task` under `name`; InvalidValueError if another task has the name."""
        if self._tasks.get(name, task) is not task:
            raise InvalidValueError(f"task name {name!r} is already registered")
        self._tasks[name] = task

    def task(self, name: str) -> Callable[[Task], Task]:
        """Decorator form of `register`."""

        def decorate(task: Task) -> Task:
            self.register(name, task)
            return task

        return decorate

    def get(self, name: str) -> Task:
        """The task registered under `name`; UnknownTaskError naming the known ones otherwise."""
        try:
            return self._tasks[name]
        except KeyError:
            known = ", ".join(sorted(self._tasks)) or "none"
            raise UnknownTaskError(f"no task named {name!r}; known tasks: {known}") from None
