"""The warm pytest: runs forked from one server, each as fresh as a new process."""

import io
import os
import signal
import subprocess
from pathlib import Path

import pytest

from dojo.adapters import PYTEST_OPTIONS, ChildRunner
from dojo.repository import Repository
from harness import warm
from harness.results import FAILED, PASSED
from harness.runner import child_env
from harness.warm import CHILD_ENV, Server, WarmPytest, serve
from tests.harness.toy import SOLUTION, ToyRepo

WRONG_DOUBLE = SOLUTION.replace("return number * 2", "return number + 2")


def outcomes(runner: ChildRunner, toy: ToyRepo, impl: str) -> dict[str, str]:
    repository = Repository(toy.root)
    implementation = repository.implementation(repository.kata("toy"), impl, toy.root)
    _, results = runner("toy", implementation, 2, toy.root)
    return {outcome.nodeid.rsplit("::")[-1]: outcome.outcome for outcome in results.outcomes}


def test_the_server_answers_each_request_line_with_its_runs_status() -> None:
    replies = io.StringIO()
    seen: list[list[str]] = []

    def run(args: list[str]) -> int:
        seen.append(args)
        return len(seen)

    serve(io.StringIO('["a", "--impl=x"]\n["b"]\n'), replies, run)

    assert seen == [["a", "--impl=x"], ["b"]]
    assert replies.getvalue() == "1\n2\n"


def save(toy: ToyRepo, source: str) -> None:
    """Save the learner's module with the same modification time each time."""
    path = toy.write("katas/toy/__init__.py", source)
    os.utime(path, (1_700_000_000, 1_700_000_000))


def test_each_run_imports_the_learners_code_afresh(toy: ToyRepo) -> None:
    # Saves of the same length within one second: a cached .pyc would look up to date.
    assert len(WRONG_DOUBLE) == len(SOLUTION)
    runner = ChildRunner()
    try:
        first = outcomes(runner, toy, "katas")
        save(toy, WRONG_DOUBLE)
        second = outcomes(runner, toy, "katas")
        save(toy, SOLUTION)
        third = outcomes(runner, toy, "katas")
    finally:
        runner.launch.close()

    assert first == {"test_doubles_three": FAILED, "test_greets_by_name": FAILED}
    assert second == {"test_doubles_three": FAILED, "test_greets_by_name": PASSED}
    assert third == {"test_doubles_three": PASSED, "test_greets_by_name": PASSED}


class CountingPopen(subprocess.Popen[str]):
    """``subprocess.Popen`` that keeps every process it starts."""

    started: list[subprocess.Popen[str]] = []  # noqa: RUF012 - reset by each test

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-overload]
        CountingPopen.started.append(self)


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[subprocess.Popen[str]]:
    """The servers started during the test."""
    CountingPopen.started = []
    monkeypatch.setattr("harness.warm.subprocess.Popen", CountingPopen)
    return CountingPopen.started


def args(toy: ToyRepo) -> list[str]:
    return [
        str(toy.root / "tests" / "toy"),
        "--impl=solutions",
        "-p",
        "no:cacheprovider",
        *PYTEST_OPTIONS,
    ]


def test_one_server_serves_every_run_of_a_repository(
    toy: ToyRepo, started: list[subprocess.Popen[str]]
) -> None:
    launch, env = WarmPytest(), child_env(toy.root, CHILD_ENV)
    try:
        statuses = [launch(args(toy), toy.root, env, quiet=True) for _ in range(2)]
    finally:
        launch.close()

    assert statuses == [0, 0]
    assert len(started) == 1
    assert started[0].returncode == 0


def test_a_server_that_has_gone_is_replaced(
    toy: ToyRepo, started: list[subprocess.Popen[str]]
) -> None:
    launch, env = WarmPytest(), child_env(toy.root, CHILD_ENV)
    try:
        launch(args(toy), toy.root, env, quiet=True)
        started[0].kill()
        started[0].wait()
        status = launch(args(toy), toy.root, env, quiet=True)
    finally:
        launch.close()

    assert status == 0
    assert len(started) == 2


def test_another_repository_gets_its_own_server_and_the_first_one_ends(
    toy: ToyRepo, tmp_path: Path, started: list[subprocess.Popen[str]]
) -> None:
    other = ToyRepo.create(tmp_path / "other")
    launch = WarmPytest()
    try:
        launch(args(toy), toy.root, child_env(toy.root, CHILD_ENV), quiet=True)
        status = launch(args(other), other.root, child_env(other.root, CHILD_ENV), quiet=True)
    finally:
        launch.close()

    assert status == 0
    assert len(started) == 2
    assert started[0].returncode == 0


def test_ctrl_c_during_a_run_ends_its_server_so_no_late_answer_is_read(
    toy: ToyRepo, monkeypatch: pytest.MonkeyPatch, started: list[subprocess.Popen[str]]
) -> None:
    launch, env = WarmPytest(), child_env(toy.root, CHILD_ENV)

    def ctrl_c(self: warm.Server, run: list[str]) -> int:
        del self, run
        raise KeyboardInterrupt

    try:
        launch(args(toy), toy.root, env, quiet=True)
        with monkeypatch.context() as patched:
            patched.setattr(warm.Server, "run", ctrl_c)
            with pytest.raises(KeyboardInterrupt):
                launch(args(toy), toy.root, env, quiet=True)
        assert started[0].poll() is not None
        status = launch(args(toy), toy.root, env, quiet=True)
    finally:
        launch.close()

    assert status == 0
    assert len(started) == 2


def test_a_run_that_shows_its_output_is_a_new_process(
    toy: ToyRepo, capfd: pytest.CaptureFixture[str]
) -> None:
    # The server's children write to /dev/null: output on screen comes from a new process.
    status = WarmPytest()(args(toy), toy.root, child_env(toy.root, CHILD_ENV), quiet=False)

    assert status == 0
    assert "2 passed" in capfd.readouterr().out


BLOCKS = """\
import os
import signal
import threading

import pytest

pytestmark = pytest.mark.step(1)


def test_blocks() -> None:
    with open({fifo!r}, "w") as running:
        running.write(f"{{os.getpid()}}\\n")
    threading.Event().wait()
"""


def test_ending_a_server_at_once_ends_the_run_under_way(toy: ToyRepo, tmp_path: Path) -> None:
    fifo = tmp_path / "running"
    os.mkfifo(fifo)
    toy.write("tests/toy/test_step1_blocks.py", BLOCKS.format(fifo=str(fifo)))
    server = Server.start(toy.root, child_env(toy.root, CHILD_ENV))
    try:
        assert server.send(args(toy))
        with fifo.open(encoding="utf-8") as running:  # opens once the test has started
            child = int(running.readline())
    finally:
        server.close(at_once=True)

    assert server.process.returncode == 128 + signal.SIGTERM
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)


def test_where_processes_cannot_fork_every_run_is_a_new_process(
    toy: ToyRepo, monkeypatch: pytest.MonkeyPatch, started: list[subprocess.Popen[str]]
) -> None:
    monkeypatch.setattr("harness.warm.FORKS", False)
    launch, env = WarmPytest(), child_env(toy.root, CHILD_ENV)

    launch.start(toy.root, env)
    nothing_started = list(started)
    status = launch(args(toy), toy.root, env, quiet=True)

    assert nothing_started == []
    assert status == 0
    assert [list(process.args)[1:3] for process in started] == [["-m", "pytest"]]  # type: ignore[arg-type]
