"""The design signals tell toy designs apart: each signal, on a pair that differs in it."""

import ast
from pathlib import Path

import pytest

from dojo.interview.imports import cycles, import_graph, module_name
from dojo.interview.signals import read_design
from tests.dojo_interview.support import write_design

GOD_CLASS = {
    "__init__.py": "",
    "lot.py": """\
        class ParkingLot:
            def __init__(self, rows):
                self.rows = rows
                self.tickets = {}

            def park(self, plate, kind):
                for row in self.rows:
                    for spot in row:
                        if spot.fits(kind):
                            spot.free = False
                            self.tickets[plate] = spot
                            return spot
                raise RuntimeError(plate)

            def leave(self, plate, hours):
                spot = self.tickets.pop(plate)
                spot.free = True
                if hours <= 1:
                    return 2
                elif hours <= 3:
                    return 5
                elif hours <= 8:
                    return 10
                elif hours <= 24:
                    return 20
                return 40

            def free_spots(self, size):
                return sum(1 for row in self.rows for spot in row if spot.size == size)

            def report(self):
                return [(spot.size, spot.free) for row in self.rows for spot in row]
        """,
}

DECOMPOSED = {
    "__init__.py": "",
    "spots.py": """\
        class Spot:
            def __init__(self, size):
                self.size = size
                self.free = True

            def fits(self, kind):
                return self.free and self.size >= kind
        """,
    "pricing.py": """\
        class Hourly:
            def __init__(self, rate):
                self.rate = rate

            def price(self, hours):
                return self.rate * hours
        """,
    "lot.py": """\
        from toy.pricing import Hourly


        class ParkingLot:
            def __init__(self, spots, pricing=Hourly(2)):
                self.spots = spots
                self.pricing = pricing
                self.tickets = {}

            def park(self, plate, kind):
                spot = next(spot for spot in self.spots if spot.fits(kind))
                spot.free = False
                self.tickets[plate] = spot
                return spot

            def leave(self, plate, hours):
                self.tickets.pop(plate).free = True
                return self.pricing.price(hours)
        """,
}


def test_a_god_class_holds_most_of_the_code_and_a_decomposed_design_does_not(
    tmp_path: Path,
) -> None:
    god = read_design(write_design(tmp_path / "god" / "toy", GOD_CLASS))
    split = read_design(write_design(tmp_path / "split" / "toy", DECOMPOSED))

    assert [item.name for item in god.classes] == ["ParkingLot"]
    assert god.largest_share == 1.0
    assert [item.name for item in split.classes] == ["ParkingLot", "Hourly", "Spot"]
    assert split.largest_share < 0.6


def test_each_class_has_its_lines_and_its_public_methods_only(tmp_path: Path) -> None:
    god = read_design(write_design(tmp_path / "toy", GOD_CLASS))

    (lot,) = god.classes

    assert lot.module == "lot.py"
    assert lot.lines == god.lines == 28
    assert lot.public == ("park", "leave", "free_spots", "report")


def test_the_god_class_has_a_longer_and_a_more_complex_function(tmp_path: Path) -> None:
    god = read_design(write_design(tmp_path / "god" / "toy", GOD_CLASS))
    split = read_design(write_design(tmp_path / "split" / "toy", DECOMPOSED))

    assert god.longest is not None
    assert split.longest is not None
    assert god.most_complex is not None
    assert split.most_complex is not None
    assert (god.longest.name, god.longest.lines) == ("ParkingLot.leave", 12)
    assert (god.most_complex.name, god.most_complex.complexity) == ("ParkingLot.leave", 5)
    assert god.most_complex.where == "lot.py:15"
    assert split.longest.lines == 5
    assert split.most_complex.complexity == 3  # next() over a generator with a condition


SINGLETON_AND_NOW = {
    "__init__.py": "",
    "lot.py": """\
        import random as chance
        from datetime import datetime


        class ParkingLot:
            _instance = None

            def __new__(cls):
                if cls._instance is None:
                    cls._instance = super().__new__(cls)
                return cls._instance

            def park(self, plate):
                return (plate, datetime.now(), chance.choice("ABC"))
        """,
}

INJECTED = {
    "__init__.py": "",
    "lot.py": """\
        from collections.abc import Callable
        from datetime import UTC, datetime
        from random import Random


        class ParkingLot:
            def __init__(self, clock: Callable[[], datetime], rng: Random) -> None:
                self.clock = clock
                self.rng = rng

            def park(self, plate, random=None):
                return (plate, self.clock(), (random or self.rng).random())


        def lot(clock=lambda: datetime.now(UTC)):
            return ParkingLot(clock, Random(7))
        """,
}


def test_a_singleton_and_a_direct_clock_are_found_where_an_injected_design_has_neither(
    tmp_path: Path,
) -> None:
    tangled = read_design(write_design(tmp_path / "a" / "toy", SINGLETON_AND_NOW))
    clean = read_design(write_design(tmp_path / "b" / "toy", INJECTED))

    assert [(item.where, item.what) for item in tangled.state] == [
        ("lot.py:6", "ParkingLot is a singleton (_instance)")
    ]
    assert [(item.where, item.what) for item in tangled.direct] == [
        ("lot.py:14", "datetime.datetime.now() called directly"),
        ("lot.py:14", "random.choice() called directly"),
    ]
    assert tangled.injected == ()
    assert clean.state == ()
    assert clean.direct == ()
    assert [item.what for item in clean.injected] == [
        "__init__() takes clock",
        "__init__() takes rng",
        "park() takes random",
        "datetime.datetime.now() as a default the caller can replace",
        "lot() takes clock",
    ]


MODULE_STATE = {
    "__init__.py": "__all__ = ['Registry']\n",
    "state.py": """\
        import functools
        from collections import defaultdict

        import attrs

        LETTERS = {"a": 1}
        SEEN = []
        COUNTS = defaultdict(int)
        SIZES = ("small", "large")


        @attrs.frozen
        class Size:
            name: str


        class Registry:
            shared = []


        SMALL = Size("small")
        DEFAULT = Registry()
        LAST = None


        def remember(value):
            global LAST
            LAST = value


        @functools.cache
        def registry():
            return Registry()
        """,
}


def test_module_state_finds_mutable_values_globals_shared_attributes_and_cached_instances(
    tmp_path: Path,
) -> None:
    signals = read_design(write_design(tmp_path / "toy", MODULE_STATE))

    assert [(item.where, item.what) for item in signals.state] == [
        ("state.py:6", "LETTERS = dict at module level"),
        ("state.py:7", "SEEN = list at module level"),
        ("state.py:8", "COUNTS = defaultdict at module level"),
        ("state.py:18", "Registry.shared is shared by every instance"),
        ("state.py:22", "DEFAULT = a Registry instance at module level"),
        ("state.py:27", "global LAST rebinds module state"),
        ("state.py:32", "registry() is cached: one shared instance"),
    ]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {
                "__init__.py": "from toy.lot import Lot\n",
                "lot.py": "from toy.pricing import Hourly\nclass Lot: ...\n",
                "pricing.py": "from toy import lot\nclass Hourly: ...\n",
            },
            [("lot", "pricing", "lot")],
            id="absolute imports, lot and pricing need each other",
        ),
        pytest.param(
            {
                "__init__.py": "from .lot import Lot\n",
                "lot.py": "from . import pricing\nclass Lot: ...\n",
                "pricing.py": "class Hourly: ...\n",
            },
            [],
            id="relative imports, one way only",
        ),
        pytest.param(
            {
                "__init__.py": "from toy.lot import Lot\n",
                "lot.py": "class Lot: ...\n",
                "board.py": "from toy import Lot\nclass Board: ...\n",
            },
            [],
            id="a module importing what the package re-exports of another",
        ),
        pytest.param(
            {
                "__init__.py": "from toy.lot import Lot\n",
                "lot.py": "from toy import Board\nclass Lot: ...\n",
                "board.py": "class Board: ...\n",
            },
            [("", "lot", "")],
            id="a module importing the package that imports it",
        ),
        pytest.param(
            {
                "__init__.py": "",
                "lot.py": (
                    "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                    "    from toy.board import Board\nclass Lot: ...\n"
                ),
                "board.py": "from toy.lot import Lot\nclass Board: ...\n",
            },
            [],
            id="an import for type hints only never runs",
        ),
        pytest.param(
            {
                "__init__.py": "",
                "stores/__init__.py": "from .memory import Memory\n",
                "stores/memory.py": "from ..jobs import Job\nclass Memory: ...\n",
                "jobs.py": (
                    "def load():\n    try:\n        pass\n    except ImportError:\n"
                    "        from toy.stores import Memory\n"
                ),
            },
            [("jobs", "stores", "stores.memory", "jobs")],
            id="a subpackage, parent-relative imports and a deferred import",
        ),
    ],
)
def test_import_cycles_are_found_among_the_designs_own_modules(
    tmp_path: Path, files: dict[str, str], expected: list[tuple[str, ...]]
) -> None:
    signals = read_design(write_design(tmp_path / "toy", files))

    assert list(signals.cycles) == expected


def test_a_tangle_of_three_modules_is_one_cycle_that_goes_round_it() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}

    assert cycles(graph) == [("a", "b", "c", "a")]


@pytest.mark.parametrize(
    ("path", "name"),
    [
        pytest.param("__init__.py", "", id="the package"),
        pytest.param("lot.py", "lot", id="a module"),
        pytest.param("stores/__init__.py", "stores", id="a subpackage"),
        pytest.param("stores/sqlite.py", "stores.sqlite", id="a module of a subpackage"),
    ],
)
def test_module_names_follow_the_files(path: str, name: str) -> None:
    assert module_name(path) == name


def test_imports_from_outside_the_package_are_not_edges() -> None:
    trees = {"lot.py": ast.parse("import os\nfrom collections import deque\nimport toyish\n")}

    assert import_graph(trees, "toy") == {"lot": set()}


def test_a_file_that_does_not_parse_is_named_and_the_rest_is_read(tmp_path: Path) -> None:
    folder = write_design(
        tmp_path / "toy", {"__init__.py": "", "bad.py": "def broken(:\n", "ok.py": "class A: ...\n"}
    )
    (folder / "latin.py").write_bytes(b"NAME = '\xe9'\n")

    signals = read_design(folder)

    assert [(item.where, item.what) for item in signals.unreadable] == [
        ("bad.py:1", "SyntaxError"),
        ("latin.py:1", "UnicodeDecodeError"),
    ]
    assert [item.name for item in signals.classes] == ["A"]


def test_an_empty_design_has_no_classes_and_no_functions(tmp_path: Path) -> None:
    signals = read_design(write_design(tmp_path / "toy", {"__init__.py": ""}))

    assert signals.largest is None
    assert signals.largest_share == 0.0
    assert signals.longest is None
    assert signals.most_complex is None
