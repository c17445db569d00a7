"""Team workspaces: ``workspaces/NAME/KATA``, a copy of the kata's skeleton per team."""

from __future__ import annotations

import re
import shutil
from typing import TYPE_CHECKING

import attrs

from dojo.repository import Repository
from dojo.team.errors import TeamNameError, UnknownTeamError, WorkspaceExistsError
from dojo.team.runlog import RunLog, Warn

if TYPE_CHECKING:
    from pathlib import Path

# Letters, digits and single dashes inside: safe as a folder name on every system, and no
# value can name "..", a separator or an absolute path.
_NAME = re.compile(r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")
MAX_NAME = 40
LOG = "runs.jsonl"


def team_name(value: str) -> str:
    """``value`` if it is a valid team name; ``TeamNameError`` saying why otherwise."""
    if len(value) > MAX_NAME or not _NAME.match(value):
        raise TeamNameError(
            f"team name {value!r} is not valid: use letters, digits and dashes "
            f"(not at either end), at most {MAX_NAME} characters"
        )
    return value


@attrs.frozen
class TeamWorkspace:
    """One team's folder under ``workspaces/`` of ``repository``."""

    repository: Repository
    name: str = attrs.field(validator=lambda _i, _a, value: team_name(value))

    @property
    def folder(self) -> Path:
        """``workspaces/NAME``: the ``--impl`` folder holding the team's kata packages."""
        return self.repository.workspaces / self.name

    def kata_folder(self, kata: str) -> Path:
        """``workspaces/NAME/KATA``, the team's copy of the kata."""
        return self.folder / kata

    def create(self, kata: str) -> Path:
        """Copy the skeleton of ``kata`` into the workspace; refuse to overwrite a copy."""
        skeleton = self.repository.kata_folder(kata)
        target = self.kata_folder(kata)
        if target.exists():
            raise WorkspaceExistsError(
                f"team {self.name} already has {self.repository.relative(target)}; "
                "nothing was changed"
            )
        shutil.copytree(skeleton, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        return target

    def katas(self) -> list[str]:
        """The katas this team has a copy of, sorted."""
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.iterdir() if (p / "__init__.py").is_file())

    def require(self, kata: str) -> None:
        """``UnknownTeamError`` naming the way out when the team has no copy of ``kata``."""
        if kata not in self.katas():
            raise UnknownTeamError(
                f"team {self.name} has no workspace for {kata}; "
                f"create it with: dojo team new {self.name} --kata {kata}"
            )

    def log(self, warn: Warn) -> RunLog:
        """The team's run log, ``workspaces/NAME/runs.jsonl``."""
        return RunLog(self.folder / LOG, warn)


def teams(repository: Repository) -> list[TeamWorkspace]:
    """Every team with a workspace in ``repository``, sorted by name; other folders are ignored."""
    base = repository.workspaces
    if not base.is_dir():
        return []
    return [
        TeamWorkspace(repository, path.name)
        for path in sorted(base.iterdir())
        if path.is_dir() and _NAME.match(path.name) and len(path.name) <= MAX_NAME
    ]
