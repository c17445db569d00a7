"""``dojo verify`` in-process against this repository, and copies of the reference to break."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from dojo.app import Verifier
from harness.wrong import WrongImplementation
from tests.dojo.support import Dojo

if TYPE_CHECKING:
    import io

    from dojo.app import App

REPO = Path(__file__).resolve().parents[2]


@attrs.define
class VerifyDojo(Dojo):
    """``Dojo`` on this repository, with the root question and the verifier replaceable."""

    root: Path = REPO
    is_root: Callable[[], bool] | None = None
    verifier: Verifier | None = None

    def app(self, out: io.StringIO, cwd: Path | None = None) -> App:
        """The collaborators of ``Dojo``, with the two of ``dojo verify`` as given."""
        app = super().app(out, cwd)
        if self.is_root is not None:
            app = attrs.evolve(app, is_root=self.is_root)
        if self.verifier is not None:
            app = attrs.evolve(app, verify=self.verifier)
        return app


def wrong_copy(folder: Path, kata: str, name: str) -> Path:
    """``folder`` holding ``kata/``: the reference with the edits of corpus entry ``name``."""
    entry = WrongImplementation.load(REPO / "tests" / "wrong" / kata / f"{name}.toml", kata)
    entry.apply(REPO / "solutions" / kata, folder / kata)
    return folder


def reference_copy(folder: Path, kata: str) -> Path:
    """``folder`` holding a copy of the reference ``kata/``, to edit."""
    shutil.copytree(
        REPO / "solutions" / kata, folder / kata, ignore=shutil.ignore_patterns("__pycache__")
    )
    return folder


def replace_in(path: Path, find: str, replace: str) -> None:
    """Replace the one occurrence of ``find`` in the file at ``path``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(find) == 1, f"{find!r} is not once in {path}"
    path.write_text(text.replace(find, replace), encoding="utf-8")


def replay_command(out: str, check: str) -> list[str]:
    """The arguments after ``dojo`` of the first replay line printed for ``check``."""
    found = re.search(rf"Replay: dojo (verify .*? --case {check}:\d+)", " ".join(out.split()))
    assert found, f"no replay line for {check} in:\n{out}"
    return found[1].split()
