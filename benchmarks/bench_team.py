"""What the team dojo costs: a run's commit and push, the board's fetch, replay's diff.

Run with ``make bench`` (or ``python benchmarks/bench_team.py``). Everything is real git
on this machine: a team's store (``.dojo/runs.git``), a bare repository as the session
remote (a file path: the network's own time comes on top), and the board's copy of it.
Prints medians of wall time over several rounds:

- a run recorded by a team's journal: the commit of a copy of parking_lot's reference
  (its 14 files) with the run record, then the push of the team's branch;
- the same run without a session remote (the commit only);
- the remote board with 8 teams of 50 runs each: the first fetch and read, then a
  refresh after one team's new run;
- replay: the diff of one run, and the web board's replay page of a team's 50 runs.

Figures go in docs/dojo.md (teams on their own laptops).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from dojo.repository import Repository
from dojo.team.board import StepTitles
from dojo.team.git import Git
from dojo.team.journal import TeamJournal
from dojo.team.remote import BoardCache, Settings
from dojo.team.remote_board import FETCH_EVERY, RemoteBoard
from dojo.team.replay import Replay
from dojo.team.replay_page import replay_page
from dojo.team.runlog import Light, RunRecord
from dojo.team.store import RunStore
from dojo.team.workspace import TeamWorkspace
from harness.results import StepResult

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
KATA = "parking_lot"
ROUNDS = 7
TEAMS = 8
RUNS = 50
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def median_ms(
    action: Callable[[], object], rounds: int = ROUNDS, setup: Callable[[], object] = lambda: None
) -> float:
    """The median wall time of ``action``, in milliseconds; ``setup`` runs untimed before each."""
    times = []
    for _ in range(rounds):
        setup()
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run(number: int) -> RunRecord:
    """A run of all seven steps, ``number`` minutes into the session."""
    steps = tuple(StepResult(step, 20 + number % 7, 30) for step in range(1, 8))
    return RunRecord(START + timedelta(minutes=number), KATA, steps, Light.RED)


class Laptop:
    """A clone with one team: its workspace holds a copy of the reference solution."""

    def __init__(self, folder: Path, team: str, remote: Path | None) -> None:
        shutil.copytree(ROOT / "katas", folder / "katas")
        (folder / "harness").mkdir()
        self.repository = Repository(folder)
        self.team = TeamWorkspace(self.repository, team)
        self.code = self.team.folder / KATA
        shutil.copytree(ROOT / "solutions" / KATA, self.code)
        self.store = RunStore(Git(self.repository.state / "runs.git"))
        self.store.record(team, self.team.folder, None, START, team)
        settings = Settings.of(self.repository, team)
        if remote is not None:
            settings.save(str(remote))
        self.journal = TeamJournal(
            self.team, self.team.log(print), self.store, settings, print, print
        )
        self.runs = 0

    def run(self) -> None:
        """One run: a line of the code changes, and the journal records it."""
        self.runs += 1
        lot = self.code / "lot.py"
        lot.write_text(lot.read_text(encoding="utf-8") + f"# run {self.runs}\n", "utf-8")
        self.journal.append(run(self.runs))


def bare(path: Path) -> Path:
    """An empty bare repository at ``path``."""
    Git(path).init()
    return path


def runs(scratch: Path) -> None:
    """A run's commit and push, and the commit alone."""
    remote = bare(scratch / "session.git")
    pushing = Laptop(scratch / "pushing", "red", remote)
    alone = Laptop(scratch / "alone", "blue", None)
    pushing.run()
    alone.run()
    print(f"a run recorded, committed and pushed: {median_ms(pushing.run):.0f} ms")
    print(f"a run recorded and committed, no remote: {median_ms(alone.run):.0f} ms")


def board(scratch: Path) -> None:
    """The remote board's first fetch and read, and a refresh after one new run."""
    remote = bare(scratch / "board-session.git")
    laptops = [Laptop(scratch / f"team-{n}", f"team-{n}", remote) for n in range(TEAMS)]
    for laptop in laptops:
        for _ in range(RUNS):
            laptop.run()
    facilitator = Repository(scratch / "team-0")
    now = [START]

    def first() -> None:
        shutil.rmtree(facilitator.state / "board", ignore_errors=True)
        RemoteBoard(
            facilitator, BoardCache.of(facilitator, str(remote)), lambda: now[0], print
        ).rows()

    print(
        f"remote board, {TEAMS} teams of {RUNS} runs: first fetch and read "
        f"{median_ms(first, 3):.0f} ms"
    )
    source = RemoteBoard(
        facilitator, BoardCache.of(facilitator, str(remote)), lambda: now[0], print
    )
    source.rows()

    def new_run() -> None:
        laptops[0].run()
        now[0] += FETCH_EVERY

    refresh = median_ms(source.rows, setup=new_run)
    print(f"remote board: a refresh after one team's new run {refresh:.0f} ms")
    runs_of = source.runs("team-1") or []
    titles = StepTitles(facilitator)

    def diff() -> None:
        Replay("team-1", tuple(runs_of), source.history, titles).diff(len(runs_of) - 1)

    def page() -> None:
        replay_page("team-1", Replay("team-1", tuple(runs_of), source.history, titles))

    print(f"replay: the diff of one run {median_ms(diff):.0f} ms")
    print(f"replay: the web page of a team's {len(runs_of)} runs {median_ms(page, 3):.0f} ms")


def main() -> None:
    """Print the figures."""
    with tempfile.TemporaryDirectory(prefix="bench-team-") as scratch:
        runs(Path(scratch))
        board(Path(scratch))


if __name__ == "__main__":
    main()
