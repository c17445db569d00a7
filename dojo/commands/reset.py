"""``dojo reset``: back up the learner's files, then restore the committed skeleton."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from dojo.errors import UsageError
from dojo.git import committed_files
from dojo.invocation import add_kata
from dojo.registry import Command

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from dojo.app import App
    from dojo.invocation import Invocation
    from dojo.registry import Registry


def register(registry: Registry) -> None:
    """Add ``dojo reset KATA [--yes]``."""
    registry.add(Command("reset", "back up your files and restore the skeleton", reset, _arguments))


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_kata(parser)
    parser.add_argument("--yes", action="store_true", help="do not ask")


def backup_folder(app: App, kata: str) -> Path:
    """A new ``.dojo/backups/<kata>-<UTC timestamp>`` folder name, unique even within a second."""
    stamp = app.clock().strftime("%Y%m%dT%H%M%SZ")
    base = app.repository.backups / f"{kata}-{stamp}"
    candidate, number = base, 1
    while candidate.exists():
        number += 1
        candidate = base.with_name(f"{base.name}-{number}")
    return candidate


def reset(invocation: Invocation) -> int:
    """Move ``katas/<kata>/`` to a backup, then write back the committed skeleton."""
    app, kata = invocation.app, invocation.kata()
    repository = app.repository
    folder = repository.kata_folder(kata.name)
    skeleton = committed_files(repository.root, repository.relative(folder))
    if not invocation.args.yes:
        if not app.interactive:
            raise UsageError(
                f"dojo reset {kata.name} needs a yes: run it in a terminal or add --yes"
            )
        question = (
            f"Move your katas/{kata.name}/ to a backup, restore the skeleton, "
            "and start its progress and hints from zero?"
        )
        if not app.confirm(question):
            app.console.print("Nothing changed.")
            return 0
    backup = backup_folder(app, kata.name)
    backup.parent.mkdir(parents=True, exist_ok=True)
    # A move, not a copy then delete: the learner's files exist in one place at every moment.
    shutil.move(folder, backup)
    for path, content in skeleton.items():
        target = repository.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    app.progress.forget(kata.name)
    app.console.print(f"Your files are in {repository.relative(backup)}/.")
    app.console.print(f"katas/{kata.name}/ is the skeleton again ({len(skeleton)} files).")
    app.console.print(f"Your progress and hints taken on {kata.name} start again from zero.")
    return 0
