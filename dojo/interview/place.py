"""Where a round lives: the design folder, the session file, the snapshots and the reports.

Alone: ``interviews/<kata>/`` is the design and ``.dojo/interviews/`` keeps the rest. In a
team dojo: ``workspaces/<team>/interviews/<kata>/`` and ``.dojo/interviews/team-<team>/``.
Nothing here deletes: a folder set aside is moved, a snapshot is a copy, a corrupt session
file is renamed.
"""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING, NoReturn

import attrs

from dojo.errors import DojoError
from dojo.files import write_atomically
from dojo.interview.session import Session
from dojo.repository import Repository
from dojo.text import one_line

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

NOTES = "NOTES.md"
NOTES_TEXT = """\
# Clarifying questions

Write the questions you would ask the interviewer here, one per line, before you reveal
the requirements (dojo interview {kata} --reveal).

-
"""
_IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", ".mypy_cache")


class SessionFileError(DojoError, ValueError):
    """A session file that could not be read; it has been set aside, never deleted."""


def stamp(moment: datetime) -> str:
    """``moment`` as a name part: ``20260302-080000``, UTC as recorded."""
    return f"{moment:%Y%m%d-%H%M%S}"


@attrs.frozen
class Place:
    """The folders of one kata's rounds, alone or for one team."""

    repository: Repository
    kata: str
    team: str | None = None

    @property
    def impl_folder(self) -> Path:
        """The folder that holds the design package: the implementation the suite runs."""
        if self.team is None:
            return self.repository.interviews
        return self.repository.workspaces / self.team / "interviews"

    @property
    def design(self) -> Path:
        """The learner's design folder, the package ``<kata>``."""
        return self.impl_folder / self.kata

    @property
    def state(self) -> Path:
        """``.dojo/interviews/`` (or its ``team-<team>/`` folder): sessions and reports."""
        base = self.repository.state / "interviews"
        return base if self.team is None else base / f"team-{self.team}"

    @property
    def session_file(self) -> Path:
        """The running (or last) round of this kata."""
        return self.state / self.kata / "session.json"

    def snapshot_folder(self, session: Session, label: str) -> Path:
        """Where a copy of the design made during ``session`` is kept."""
        return self.state / self.kata / stamp(session.started) / label

    def report_file(self, moment: datetime) -> Path:
        """``<kata>-<time>.md``, the report of a round that ended at ``moment``."""
        return self.state / f"{self.kata}-{stamp(moment)}.md"

    def relative(self, path: Path) -> str:
        """``path`` as typed from the repository root."""
        return self.repository.relative(path)

    def load(self) -> Session | None:
        """The session on file, or ``None``; an unreadable one is set aside and refused."""
        path = self.session_file
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            self._set_aside(error)
        try:
            session = Session.from_json(json.loads(text))
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
            self._set_aside(error)
        if session.kata != self.kata:
            self._set_aside(ValueError(f"it is a round of {session.kata!r}"))
        return session

    def save(self, session: Session) -> None:
        """Write the session atomically: a temporary file beside it, then ``os.replace``."""
        write_atomically(self.session_file, json.dumps(session.to_json(), indent=1))

    def _set_aside(self, error: BaseException) -> NoReturn:
        path = self.session_file
        kept = _free(path.with_name("session.json.corrupt"))
        path.replace(kept)
        raise SessionFileError(
            f"{self.relative(path)} could not be read ({one_line(str(error))[:160]}); it was "
            f"moved to {self.relative(kept)} and your code is untouched; "
            f"dojo interview {self.kata} --new starts a new round"
        )

    def archive(self, session: Session) -> Path:
        """Move an ended round's session file beside its snapshots; where it went."""
        target = _free(self.snapshot_folder(session, "session.json"))
        target.parent.mkdir(parents=True, exist_ok=True)
        self.session_file.replace(target)
        return target

    def create_design(self, driver: Path) -> None:
        """A fresh design folder: an empty ``__init__.py``, the empty driver and ``NOTES.md``."""
        self.design.mkdir(parents=True)
        (self.design / "__init__.py").write_text("", encoding="utf-8")
        shutil.copy2(driver, self.design / "driver.py")
        (self.design / NOTES).write_text(NOTES_TEXT.format(kata=self.kata), encoding="utf-8")

    def set_aside_design(self, moment: datetime) -> Path:
        """Move the design folder of an earlier round out of the way; where it went."""
        target = _free(self.state / self.kata / f"set-aside-{stamp(moment)}")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(self.design, target)
        return target

    def snapshot(self, session: Session, label: str) -> Path:
        """Copy the design folder as it is now; the copy is complete or has another name."""
        target = _free(self.snapshot_folder(session, label))
        partial = target.with_name(target.name + ".incomplete")
        shutil.copytree(self.design, partial, ignore=_IGNORED)
        partial.rename(target)
        return target


def _free(path: Path) -> Path:
    """``path``, or ``path-2``, ``path-3``, ... : the first name nothing is using."""
    candidate, number = path, 1
    while candidate.exists() or candidate.with_name(candidate.name + ".incomplete").exists():
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate
