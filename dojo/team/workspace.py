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
_NAME = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
MAX_NAME = 40
LOG = "runs.jsonl"


def is_team_name(value: str) -> bool:
    r"""Whether ``value`` is a team name: the whole of it, so ``"red\\n"`` is not."""
    return len(value) <= MAX_NAME and _NAME.fullmatch(value) is not None


def team_name(value: str) -> str:
    """``value`` if it is a valid team name; ``TeamNameError`` saying why otherwise."""
    if not is_team_name(value):
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
        """The katas this team has a copy of, sorted (none when its folder cannot be listed)."""
        try:
            folders = list(self.folder.iterdir()) if self.folder.is_dir() else []
        except OSError:
            return []
        return sorted(p.name for p in folders if (p / "__init__.py").is_file())

    def require(self, kata: str) -> None:
        """``UnknownTeamError`` naming the way out when the team has no copy of ``kata``."""
        if kata not in self.katas():
            raise UnknownTeamError(
                f"team {self.name} has no workspace for {kata}; "
                f"create it with: dojo team new {self.name} --kata {kata}"
            )

    def log(self, warn: Warn) -> RunLog:
        """The team's run log, ``workspaces/NAME/runs.jsonl``."""
        return RunLog(self.folder / LOG, warn, self.name)


def teams(repository: Repository, warn: Warn | None = None) -> list[TeamWorkspace]:
    """Every team with a workspace in ``repository``, sorted by name; other folders are ignored.

    A ``workspaces/`` that cannot be listed is one warning (to ``warn``) and no teams.
    """
    base = repository.workspaces
    try:
        paths = sorted(base.iterdir()) if base.is_dir() else []
    except OSError as error:
        if warn is not None:
            warn(f"{base} cannot be listed ({error.strerror or error}); no teams shown")
        return []
    return [
        TeamWorkspace(repository, path.name)
        for path in paths
        if is_team_name(path.name) and path.is_dir()
    ]
