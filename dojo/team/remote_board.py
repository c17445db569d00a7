"""The board of a session remote: every team branch fetched every few seconds, read as data.

The board redraws every second, but fetches at most every ``FETCH_EVERY``; a fetch that
fails keeps the rows of the last one, and says so in the status line until a fetch succeeds
(a warning printed above a live board would outlive the failure). The web board asks
from several threads at once: one fetches, the others get the rows already read.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta

import attrs

from dojo.repository import Repository
from dojo.team.board import StepTitles, TeamRow
from dojo.team.errors import GitError
from dojo.team.history import RecordedRun, RunHistory, safe_runs
from dojo.team.remote import BoardCache, shown
from dojo.team.runlog import Warn

FETCH_EVERY = timedelta(seconds=5)


@attrs.define
class RemoteBoard:
    """The rows of every team on the session remote ``cache.url``."""

    repository: Repository
    cache: BoardCache
    clock: Callable[[], datetime]
    warn: Warn
    every: timedelta = FETCH_EVERY
    _history: RunHistory = attrs.field(init=False)
    _runs: dict[str, list[RecordedRun]] = attrs.field(factory=dict, init=False)
    _tips: dict[str, str] = attrs.field(factory=dict, init=False)
    _katas: dict[str, list[str]] = attrs.field(factory=dict, init=False)
    _tried: datetime | None = attrs.field(default=None, init=False)
    _fetched: datetime | None = attrs.field(default=None, init=False)
    _failure: str = attrs.field(default="", init=False)
    _lock: threading.Lock = attrs.field(factory=threading.Lock, init=False)

    def __attrs_post_init__(self) -> None:
        self._history = RunHistory(self.cache.git)

    @property
    def history(self) -> RunHistory:
        """The runs of the board's copy of the remote (for replay)."""
        return self._history

    def rows(self) -> list[TeamRow]:
        """Every team's row, sorted by name, fetching first when the last fetch is old enough."""
        self.refresh()
        titles, now = StepTitles(self.repository), self.clock()
        runs = self._runs
        katas = self._katas
        return [
            TeamRow.of(team, katas.get(team, []), [run.record for run in runs[team]], titles, now)
            for team in sorted(runs)
        ]

    def runs(self, team: str) -> list[RecordedRun] | None:
        """The team's runs as last fetched, or ``None`` for a team the remote does not have."""
        self.refresh()
        return self._runs.get(team)

    def refresh(self) -> None:
        """Fetch and read again, unless that was done less than ``every`` ago or is under way."""
        now = self.clock()
        if self._tried is not None and now - self._tried < self.every:
            return
        if not self._lock.acquire(blocking=False):
            return
        try:
            # A remote that fails is tried again after ``every``, not on every redraw.
            self._tried = now
            try:
                self.cache.fetch()
            except GitError as error:
                # Said by ``status`` only, which the board draws with the rows: it is gone
                # from the board as soon as a fetch succeeds, never left printed above it.
                self._failure = str(error)
            else:
                self._failure, self._fetched = "", now
            self._read()
        finally:
            self._lock.release()

    def _read(self) -> None:
        try:
            tips = self.cache.teams(self.warn)
        except GitError as error:
            self.warn(f"the board's copy of the remote cannot be read ({error})")
            return
        moved = {team for team, tip in tips.items() if self._tips.get(team) != tip}
        runs = {
            team: safe_runs(self._history, self.cache.ref(team), team, self.warn)
            if team in moved or team not in self._runs
            else self._runs[team]
            for team in tips
        }
        # A team that has joined but not run yet: the kata is the folder its code is in.
        katas = {
            team: self._katas[team]
            if team not in moved and team in self._katas
            else self._started_on(team)
            for team in tips
            if not runs[team]
        }
        self._runs, self._tips, self._katas = runs, tips, katas

    def _started_on(self, team: str) -> list[str]:
        try:
            return self._history.katas(self.cache.ref(team))
        except GitError:
            return []

    def status(self) -> str:
        """``fetched from URL at 09:42:10``, or since when it could not be."""
        where = shown(self.cache.url)
        if self._fetched is None and self._failure:
            return f"cannot fetch from {where} yet ({self._failure}); retrying"
        if self._fetched is None:
            return f"fetching from {where}"
        at = f"{self._fetched.astimezone():%H:%M:%S}"
        if self._failure:
            return f"cannot fetch from {where} ({self._failure}); showing the runs of {at}"
        return f"fetched from {where} at {at}"
