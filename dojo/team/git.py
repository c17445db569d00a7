"""Git as the team dojo runs it: in a repository of its own, quiet, and never asking anything.

Every call names its git directory (never the learner's repository: see ``history.py``),
clears the environment variables that would point git elsewhere, turns off what the
learner's own configuration might add (hooks, signing, colour, an ``ext::`` transport that
runs commands), and has a timeout, so that an unreachable remote is an error, not a hang.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from dojo.team.errors import GitError
from dojo.text import one_line

if TYPE_CHECKING:
    from collections.abc import Mapping

# Settings that win over the learner's ~/.gitconfig for dojo's own calls.
SETTINGS = (
    "protocol.ext.allow=never",  # an ext:: URL runs a command: never for a URL typed in
    "protocol.fd.allow=never",
    "core.hooksPath=/dev/null",  # the learner's hooks are for their own repository
    "commit.gpgSign=false",  # a run is recorded without asking for a passphrase
    "push.gpgSign=false",
    "transfer.fsckObjects=true",  # what a remote sends is checked before it is kept
    "color.ui=never",
    "core.quotePath=false",
    "advice.detachedHead=false",
)
# Variables that would make git work on another repository, index or work tree than ours.
REDIRECTS = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_CEILING_DIRECTORIES",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
)
LOCAL_TIMEOUT = 60.0
# A remote that has not answered in this time is unreachable, for this run.
REMOTE_TIMEOUT = 30.0
NOT_INSTALLED = "git is not installed (it keeps the team's runs)"


@attrs.frozen
class Git:
    """git on the repository at ``git_dir`` (a bare one: there is no work tree to touch)."""

    git_dir: Path

    def run(
        self,
        *args: str,
        data: bytes | None = None,
        env: Mapping[str, str] | None = None,
        timeout: float = LOCAL_TIMEOUT,
        check: bool = True,
    ) -> subprocess.CompletedProcess[bytes]:
        """``git ARGS``; ``GitError`` when git cannot run, or fails and ``check`` is set."""
        try:
            # A session of its own, so that a timeout stops git's ssh too, not git alone.
            process = subprocess.Popen(  # noqa: S603 - git with arguments we build
                self._command(args),
                stdin=subprocess.PIPE if data is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=_environment(env),
                start_new_session=True,
            )
        except FileNotFoundError:
            raise GitError(NOT_INSTALLED) from None
        with process:
            try:
                stdout, stderr = process.communicate(data, timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
                raise GitError(f"git {args[0]} did not finish in {timeout:g} s") from None
        completed = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
        if check and completed.returncode != 0:
            raise GitError(f"git {args[0]} failed: {reason(completed.stderr)}")
        return completed

    def head(self, *args: str, limit: int) -> tuple[bytes, bool]:
        """The first ``limit`` bytes ``git ARGS`` writes, and whether it had more to write.

        For output whose size a remote decides (the diff of what a team pushed): git is
        stopped once ``limit`` bytes are read, so a huge commit cannot fill the memory.
        """
        try:
            process = subprocess.Popen(  # noqa: S603 - git with arguments we build
                self._command(args),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=_environment(None),
            )
        except FileNotFoundError:
            raise GitError(NOT_INSTALLED) from None
        with process:
            output = process.stdout.read(limit + 1) if process.stdout else b""
            process.kill()
        return output[:limit], len(output) > limit

    def text(self, *args: str, data: bytes | None = None) -> str:
        """The standard output of ``git ARGS``, decoded and stripped."""
        return self.run(*args, data=data).stdout.decode("utf-8", errors="replace").strip()

    def init(self) -> Git:
        """Create the bare repository when it is not there yet; ``self``."""
        if not (self.git_dir / "HEAD").is_file():
            self.git_dir.parent.mkdir(parents=True, exist_ok=True)
            self.run("init", "--quiet", "--bare", "--object-format=sha1", str(self.git_dir))
        return self

    def _command(self, args: tuple[str, ...]) -> list[str]:
        command = ["git", f"--git-dir={self.git_dir}"]
        for setting in SETTINGS:
            command += ["-c", setting]
        return [*command, *args]


def _environment(extra: Mapping[str, str] | None) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key not in REDIRECTS}
    return environment | {"GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", **(extra or {})}


def reason(output: bytes) -> str:
    """What went wrong, from git's standard error, safe to print.

    Its first ``fatal:`` or ``error:`` line (with the next line when it ends in a colon, as
    ``unable to connect to HOST:`` does), else its last line; and what ssh said before it,
    which names the cause when git only says it could not read from the remote.
    """
    lines = [line for line in output.decode("utf-8", errors="replace").splitlines() if line.strip()]
    at = next((n for n, line in enumerate(lines) if line.startswith(("fatal: ", "error: "))), None)
    if at is None:
        said = lines[-1] if lines else "no message"
    else:
        said = lines[at].removeprefix("fatal: ").removeprefix("error: ")
        if said.endswith(":") and at + 1 < len(lines):
            said = f"{said} {lines[at + 1].strip()}"
        ssh = [line for line in lines[:at] if line.startswith("ssh: ")]
        if ssh:
            said = f"{ssh[-1]}; {said}"
    return one_line(said)[:200]
