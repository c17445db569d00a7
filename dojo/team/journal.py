"""Where a team's run goes: its run log, a commit on its branch, and the session remote.

Each part can fail on its own (a run log that is a folder, no git, an unreachable
remote) without losing the others or the run's summary: a failure is one line, and a run
the remote did not take stays on the branch and goes with the next push.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from dojo.team.errors import GitError, RemoteError
from dojo.team.remote import Settings, push, shown
from dojo.team.runlog import RunLog, Warn
from dojo.team.store import RunStore
from dojo.team.workspace import TeamWorkspace

if TYPE_CHECKING:
    from dojo.team.runlog import RunRecord


@attrs.frozen
class TeamJournal:
    """Records a team's runs: ``append`` is all a runner calls (the shape of ``RunLog``)."""

    team: TeamWorkspace
    log: RunLog
    store: RunStore
    settings: Settings
    say: Callable[[str], None]
    warn: Warn

    def append(self, record: RunRecord) -> None:
        """Log ``record``, commit it with the team's code, and push it when there is a remote."""
        name = self.team.name
        try:
            self.log.append(record)
        except OSError as error:
            self.warn(
                f"team {name}: the run could not be added to {self.log.path} "
                f"({error.strerror or error}); it is kept on the team's branch"
            )
        try:
            commit, snapshot = self.store.record(name, self.team.folder, record, record.time)
        except GitError as error:
            self.warn(f"team {name}: the run is in runs.jsonl only ({error})")
            return
        if snapshot.left_out:
            self.warn(f"team {name}: not kept with the run: {', '.join(snapshot.left_out)[:300]}")
        self.publish(commit)

    def publish(self, commit: str) -> bool:
        """Push the branch to the team's remote, if it has one; whether the remote has it."""
        name = self.team.name
        try:
            url = self.settings.remote()
        except RemoteError as error:
            self.warn(f"team {name}: runs stay on this machine ({error})")
            return False
        if url is None:
            return False
        pushed = push(self.store.git, name, url)
        pending = self.store.pending(name)
        if pushed.accepted:
            self.store.mark_pushed(name, commit)
            if pending > 1:
                self.say(
                    f"Sent {pending} runs to the session remote: {pending - 1} had waited here "
                    "while it could not be reached."
                )
            return True
        if pushed.reached:
            self.warn(
                f"team {name}: the session remote refused the run ({pushed.reason}); {pending} "
                f"run(s) kept here. Another clone may be using the name {name}: dojo team "
                f"join {name} --remote {shown(url)} says which"
            )
        else:
            self.warn(
                f"team {name}: the session remote {shown(url)} cannot be reached "
                f"({pushed.reason}); {pending} run(s) kept here go with the next run"
            )
        return False
