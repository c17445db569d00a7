"""``dojo watch``: a re-run on every save, green steps announced, a clean Ctrl-C."""

import shutil
import threading
from collections.abc import Iterable
from pathlib import Path

import attrs

from dojo.adapters import watch_python_files
from dojo.app import ChangeWatcher
from dojo.repository import Implementation
from harness.results import FAILED, PASSED, Outcome, RunResults
from tests.dojo.support import Dojo, FakeSuite
from tests.harness.toy import ToyRepo

ONE = "tests/toy/test_step1_double.py::test_doubles_three"
TWO = "tests/toy/test_step2_greet.py::test_greets_by_name"
WAIT = 10.0
SAVES = 300


def run(step_one: str, step_two: str) -> tuple[int, RunResults]:
    outcomes = (Outcome(ONE, 1, step_one, "boom"), Outcome(TWO, 2, step_two, "boom"))
    return 1, RunResults(outcomes, ())


def saves(count: int) -> ChangeWatcher:
    def changes(folder: Path, stop: threading.Event) -> Iterable[object]:
        del folder, stop
        return [{"saved"}] * count

    return changes


def test_each_save_reruns_and_a_step_turning_green_is_announced_with_what_comes_next(
    toy: ToyRepo,
) -> None:
    suite = FakeSuite([run(FAILED, FAILED), run(FAILED, FAILED), run(PASSED, FAILED)])
    dojo = Dojo(toy.root, suite=suite, changes=saves(2))

    ran = dojo("watch", "toy")

    assert ran.status == 0
    assert len(suite.calls) == 3
    assert ran.out.count("Step 1 is green!") == 1
    assert "Step 2, Greet, asks: Say hello." in ran.out
    assert "Saved; re-running at 08:00:00." in ran.out
    assert ran.out.rstrip().endswith("Stopped watching.")


def test_the_last_step_turning_green_sends_the_learner_to_compare(toy: ToyRepo) -> None:
    suite = FakeSuite([run(PASSED, FAILED), run(PASSED, PASSED)])
    dojo = Dojo(toy.root, suite=suite, changes=saves(1))

    ran = dojo("watch", "toy")

    assert ran.status == 0
    assert "Step 2 is green!" in ran.out
    assert "Step 1 is green!" not in ran.out
    assert "dojo compare toy" in ran.out


def test_ctrl_c_quits_cleanly_with_status_0(toy: ToyRepo) -> None:
    def ctrl_c() -> object:
        raise KeyboardInterrupt

    def interrupted(folder: Path, stop: threading.Event) -> Iterable[object]:
        del folder, stop
        return iter(ctrl_c, None)

    dojo = Dojo(toy.root, suite=FakeSuite([run(FAILED, FAILED)]), changes=interrupted)

    ran = dojo("watch", "toy")

    assert ran.status == 0
    assert "Stopped watching." in ran.out
    assert "Traceback" not in ran.out + ran.err


@attrs.define
class Signalling:
    """A suite runner that signals each run, so a test can wait on it with a timeout."""

    first: threading.Event = attrs.field(factory=threading.Event)
    again: threading.Event = attrs.field(factory=threading.Event)

    def __call__(
        self, kata: str, impl: Implementation, last_step: int, root: Path
    ) -> tuple[int, RunResults]:
        """Signal ``first``, then ``again``; every run fails."""
        del kata, impl, last_step, root
        (self.again if self.first.is_set() else self.first).set()
        return run(FAILED, FAILED)


def test_a_real_save_in_a_copy_of_the_kata_starts_a_rerun(toy: ToyRepo, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(toy.root / "katas", copy)
    suite = Signalling()
    stop = threading.Event()
    dojo = Dojo(toy.root, suite=suite, changes=watch_python_files)
    statuses: list[int] = []
    thread = threading.Thread(
        target=lambda: statuses.append(dojo("watch", "toy", "--impl", str(copy), stop=stop).status)
    )
    thread.start()
    try:
        assert suite.first.wait(WAIT)
        # The watcher starts just after the first run: save until it sees one. Bounded at
        # a minute, which only a machine far busier than a learner's ever needs.
        for attempt in range(SAVES):
            (copy / "toy" / "__init__.py").write_text(f"# save {attempt}\n")
            if suite.again.wait(0.2):
                break
        assert suite.again.is_set()
    finally:
        stop.set()
        thread.join(WAIT)

    assert not thread.is_alive()
    assert statuses == [0]
