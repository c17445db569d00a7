"""What ``dojo`` reads from git: the skeleton of a kata as committed at ``HEAD``."""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

from dojo.errors import ToolError

if TYPE_CHECKING:
    from pathlib import Path


def _git(root: Path, *args: str) -> bytes:
    try:
        completed = subprocess.run(  # noqa: S603 - git with fixed arguments
            ["git", *args],  # noqa: S607 - git is found on PATH like any developer tool
            cwd=root,
            capture_output=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError) as error:
        stderr = getattr(error, "stderr", b"") or b""
        detail = stderr.decode(errors="replace").strip() or str(error)
        raise ToolError(f"git {' '.join(args)} failed: {detail}") from None
    return completed.stdout


def committed_files(root: Path, folder: str) -> dict[str, bytes]:
    """Every file under ``folder`` (relative to ``root``) as committed at ``HEAD``."""
    listing = _git(root, "ls-tree", "-r", "-z", "--name-only", "HEAD", "--", f"{folder}/")
    paths = [path for path in listing.decode().split("\0") if path]
    if not paths:
        raise ToolError(f"git has no committed {folder}/ at HEAD to restore")
    return {path: _git(root, "show", f"HEAD:{path}") for path in paths}
