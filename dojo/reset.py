"""``dojo reset``: back up the learner's files, then restore the committed skeleton."""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING

from dojo.errors import ToolError, UsageError

if TYPE_CHECKING:
    from pathlib import Path

    from dojo.app import App
    from harness.catalog import Kata


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


def committed_skeleton(root: Path, kata: str) -> dict[str, bytes]:
    """Every file of ``katas/<kata>/`` as committed at ``HEAD``: path -> content."""
    listing = _git(root, "ls-tree", "-r", "-z", "--name-only", "HEAD", "--", f"katas/{kata}/")
    paths = [path for path in listing.decode().split("\0") if path]
    if not paths:
        raise ToolError(f"git has no committed katas/{kata}/ at HEAD to restore")
    return {path: _git(root, "show", f"HEAD:{path}") for path in paths}


def backup_folder(app: App, kata: str) -> Path:
    """A new ``.dojo/backups/<kata>-<UTC timestamp>`` folder name, unique even within a second."""
    stamp = app.clock().strftime("%Y%m%dT%H%M%SZ")
    base = app.workspace.state / "backups" / f"{kata}-{stamp}"
    candidate, number = base, 1
    while candidate.exists():
        number += 1
        candidate = base.with_name(f"{base.name}-{number}")
    return candidate


def reset(app: App, kata: Kata, *, yes: bool) -> int:
    """Move ``katas/<kata>/`` to a backup, then write back the committed skeleton."""
    root = app.workspace.root
    skeleton = committed_skeleton(root, kata.name)
    folder = root / "katas" / kata.name
    if not yes:
        if not app.interactive:
            raise UsageError(
                f"dojo reset {kata.name} needs a yes: run it in a terminal or add --yes"
            )
        question = f"Move your katas/{kata.name}/ to a backup and restore the skeleton?"
        if not app.confirm(question):
            app.console.print("Nothing changed.")
            return 0
    backup = backup_folder(app, kata.name)
    backup.parent.mkdir(parents=True, exist_ok=True)
    # A move, not a copy then delete: the learner's files exist in one place at every moment.
    shutil.move(folder, backup)
    for path, content in skeleton.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    app.progress.forget(kata.name)
    app.console.print(f"Your files are in {backup.relative_to(root)}/.")
    app.console.print(f"katas/{kata.name}/ is the skeleton again ({len(skeleton)} files).")
    return 0
