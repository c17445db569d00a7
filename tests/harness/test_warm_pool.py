"""A pool of warm pytest servers: as many runs at once as it has servers."""

import os
import threading
from pathlib import Path

import pytest

from harness.runner import child_env
from harness.warm import CHILD_ENV, PLUGINS, WarmPool
from tests.harness.toy import ToyRepo

# Each test opens the same FIFO, one to write and one to read: opening either end blocks
# until the other end is open, so each passes only while the other runs at the same time.
MEET = """\
import pytest

pytestmark = pytest.mark.step(1)


def test_writes() -> None:
    with open({fifo!r}, "w"):
        pass


def test_reads() -> None:
    with open({fifo!r}):
        pass
"""


def run(pool: WarmPool, toy: ToyRepo, test: str, statuses: dict[str, int]) -> None:
    args = [
        str(toy.root / "tests" / "toy" / "test_step1_meet.py"),
        "--impl=solutions",
        "-p",
        "no:cacheprovider",
        "-k",
        test,
        # A hang guard: if the runs did not overlap, each would fail here instead of hanging.
        "-o",
        "timeout=60",
        *PLUGINS,
    ]
    statuses[test] = pool(args, toy.root, child_env(toy.root, CHILD_ENV), quiet=True)


def test_two_runs_go_on_at_once_on_two_servers(toy: ToyRepo, tmp_path: Path) -> None:
    fifo = tmp_path / "meet"
    os.mkfifo(fifo)
    toy.write("tests/toy/test_step1_meet.py", MEET.format(fifo=str(fifo)))
    pool, statuses = WarmPool(2), dict[str, int]()
    threads = [
        threading.Thread(target=run, args=(pool, toy, test, statuses))
        for test in ("test_writes", "test_reads")
    ]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        pool.close()

    assert statuses == {"test_writes": 0, "test_reads": 0}


def test_a_pool_without_a_server_is_refused() -> None:
    with pytest.raises(ValueError, match="a pool of 0 servers: needs at least 1"):
        WarmPool(0)
