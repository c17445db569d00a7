"""The session remote: any git remote the teams push their branches to and the board reads.

A team pushes one ref, its own ``refs/heads/dojo/NAME``, and never forces: a remote that
has runs the team's clone does not have refuses the push, so no team overwrites another's
branch through dojo. The board fetches ``refs/heads/dojo/*`` into a bare repository of its
own under ``.dojo/board/`` and reads it as untrusted (``history.py``).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from dojo.files import write_atomically
from dojo.team.errors import GitError, RemoteError
from dojo.team.git import REMOTE_TIMEOUT, Git, reason
from dojo.team.history import branch
from dojo.team.workspace import is_team_name
from dojo.text import one_line

if TYPE_CHECKING:
    from dojo.repository import Repository
    from dojo.team.runlog import Warn

SCHEMES = ("file", "ssh", "git", "http", "https")
MAX_URL = 2000
MAX_TEAMS = 100
MAX_SETTINGS = 8 * 1024
# ``user@host:path`` or ``host:path``: git's scp-like syntax for ssh.
_SCP = re.compile(r"(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9._-]+:(?!//).*")
_PASSWORD = re.compile(r"^([a-z]+://[^/@:]*):[^/@]*@")
# One line of ``git push --porcelain``: flag, tab, source:destination, tab, summary.
_PUSHED = re.compile(r"^(?P<flag>[ +\-*!=])\t(?P<refs>\S+)\t(?P<summary>.*)$", re.MULTILINE)


def remote_url(text: str) -> str:
    """``text`` if it names a git remote dojo may use; ``RemoteError`` saying why otherwise.

    A path, ``file://``, ``ssh://``, ``user@host:path``, ``git://`` or ``http(s)://``. Not
    a transport helper (``ext::`` runs a command), nor anything git could take for an option.
    """
    if not text or len(text) > MAX_URL or not text.isprintable() or text != text.strip():
        raise RemoteError(f"{_quoted(text)} is not a git remote's URL or path")
    if text.startswith("-"):
        raise RemoteError(f"{_quoted(text)} starts with a dash; write ./{text} for a folder")
    scheme = text.split("://", 1)[0] if "://" in text else None
    if scheme is not None and scheme.lower() not in SCHEMES:
        raise RemoteError(f"{_quoted(text)}: use a path or a {', '.join(SCHEMES)} URL")
    if scheme is None and "::" in text.split("/", 1)[0]:
        raise RemoteError(f"{_quoted(text)} names a transport helper; use a path or a URL")
    return text


def resolve(url: str, cwd: Path) -> str:
    """``url`` as every later command reads it: a relative folder made absolute from ``cwd``."""
    if "://" in url or (_SCP.fullmatch(url) and not url.startswith(("/", ".", "~"))):
        return url
    return str((cwd / Path(url).expanduser()).resolve())


def shown(url: str) -> str:
    """``url`` safe to print: a password in it is hidden."""
    return _PASSWORD.sub(r"\1:***@", url)


def _quoted(text: str) -> str:
    clean = one_line(text)
    return repr(clean if len(clean) <= 80 else clean[:80] + "...")


@attrs.frozen
class Pushed:
    """What became of a push: accepted, refused by the remote, or the remote not reached."""

    accepted: bool
    reached: bool
    reason: str = ""


def push(git: Git, team: str, url: str) -> Pushed:
    """Push the team's branch, and nothing else, to ``url``; never forced."""
    ref = branch(team)
    try:
        completed = git.run(
            *("push", "--porcelain", "--no-verify", "--no-follow-tags"),
            *("--", url, f"{ref}:{ref}"),
            check=False,
            timeout=REMOTE_TIMEOUT,
        )
    except GitError as error:
        return Pushed(accepted=False, reached=False, reason=str(error))
    found = _PUSHED.search(completed.stdout.decode("utf-8", errors="replace"))
    if found is None:
        return Pushed(accepted=False, reached=False, reason=reason(completed.stderr))
    if found["flag"] == "!":
        return Pushed(accepted=False, reached=True, reason=one_line(found["summary"])[:200])
    return Pushed(accepted=True, reached=True)


def remote_tip(git: Git, team: str, url: str) -> str | None:
    """The commit the team's branch is at on ``url``, or ``None``; ``GitError`` unreachable."""
    completed = git.run("ls-remote", "--", url, branch(team), check=False, timeout=REMOTE_TIMEOUT)
    if completed.returncode != 0:
        raise GitError(f"cannot reach {shown(url)}: {reason(completed.stderr)}")
    listing = completed.stdout.decode("utf-8", errors="replace").split()
    return listing[0] if listing else None


def fetch_branch(git: Git, team: str, url: str) -> str:
    """Bring the team's branch from ``url`` into ``git``'s repository; its commit."""
    ref = branch(team)
    git.init().run(
        "fetch", "--quiet", "--no-tags", "--", url, f"{ref}:{ref}", timeout=REMOTE_TIMEOUT
    )
    return git.text("rev-parse", "--verify", ref)


@attrs.frozen
class Settings:
    """A team's session settings, ``.dojo/teams/NAME.json``: the remote it pushes to."""

    path: Path

    @classmethod
    def of(cls, repository: Repository, team: str) -> Settings:
        """The settings file of ``team`` in ``repository``."""
        return cls(repository.state / "teams" / f"{team}.json")

    def remote(self) -> str | None:
        """The team's remote, or ``None`` when it has not joined one.

        ``RemoteError`` when the file is there but does not name a remote dojo would use.
        """
        try:
            text = self.path.read_bytes()[: MAX_SETTINGS + 1]
        except FileNotFoundError:
            return None
        except OSError as error:
            raise RemoteError(f"{self.path} cannot be read ({error.strerror or error})") from None
        try:
            data = json.loads(text) if len(text) <= MAX_SETTINGS else None
            url = remote_url(data["remote"]) if isinstance(data, dict) else None
        except (ValueError, KeyError, TypeError, RecursionError):
            url = None
        if url is None:
            raise RemoteError(f"{self.path} does not name a remote; dojo team join sets it")
        return url

    def save(self, url: str) -> None:
        """Write the remote, atomically."""
        write_atomically(self.path, json.dumps({"remote": url}, indent=1) + "\n")


@attrs.frozen
class BoardCache:
    """The board's copy of a session remote's team branches: ``.dojo/board/<digest>.git``."""

    url: str
    git: Git

    @classmethod
    def of(cls, repository: Repository, url: str) -> BoardCache:
        """The copy of ``url`` for the board of ``repository``: one per remote."""
        digest = hashlib.sha256(url.encode()).hexdigest()[:16]
        return cls(url, Git(repository.state / "board" / f"{digest}.git"))

    @staticmethod
    def ref(team: str) -> str:
        """Where the copy keeps the team's branch."""
        return f"refs/teams/{team}"

    def fetch(self) -> None:
        """Mirror the remote's ``refs/heads/dojo/*``, pruning the branches it no longer has.

        A forced update here only follows the remote: the board never pushes.
        """
        self.git.init().run(
            *("fetch", "--quiet", "--prune", "--no-tags", "--no-recurse-submodules"),
            *("--", self.url, "+refs/heads/dojo/*:refs/teams/*"),
            timeout=REMOTE_TIMEOUT,
        )

    def teams(self, warn: Warn) -> dict[str, str]:
        """Each team the copy has a branch of, with the branch's tip.

        A branch whose name is not a team name is one warning, and left out.
        """
        if not (self.git.git_dir / "HEAD").is_file():
            return {}
        listing = self.git.text("for-each-ref", "--format=%(objectname) %(refname)", "refs/teams/")
        tips: dict[str, str] = {}
        for line in listing.splitlines():
            tip, _, ref = line.partition(" ")
            name = ref.removeprefix("refs/teams/")
            if not is_team_name(name):
                warn(f"the session remote's branch dojo/{_quoted(name)} is not a team's; skipped")
            elif len(tips) == MAX_TEAMS:
                warn(f"the session remote has over {MAX_TEAMS} teams; the board shows the first")
                break
            else:
                tips[name] = tip
        return tips
