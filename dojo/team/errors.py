"""What can go wrong in a team dojo; each error subclasses the builtin it resembles."""

from dojo.errors import DojoError


class TeamError(DojoError):
    """Root of the team dojo's errors, reported by ``dojo`` in one line with exit status 2."""


class TeamNameError(TeamError, ValueError):
    """A team name that is not letters, digits and dashes, or would leave ``workspaces/``."""


class UnknownTeamError(TeamError, LookupError):
    """A team with no workspace, or a kata the team's workspace does not hold."""


class WorkspaceExistsError(TeamError, FileExistsError):
    """``dojo team new`` for a team and kata whose folder is already there."""


class TimerError(TeamError, ValueError):
    """A rotation timer that cannot run: too few people, or a non-positive duration."""


class GitError(TeamError, RuntimeError):
    """git could not record, push or fetch a team's runs: not installed, refused, timed out."""


class RemoteError(TeamError, ValueError):
    """A session remote that cannot be used: a URL dojo refuses, or one that refused the team."""
