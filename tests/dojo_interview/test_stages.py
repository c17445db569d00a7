"""The modules of later stages are left out before pytest imports them."""

from pathlib import Path

from dojo.interview.stages import later_modules, marked_stages
from harness.catalog import load_kata
from tests.dojo_interview.support import Interviewer, write_design
from tests.harness.toy import ToyRepo


def test_markers_are_read_without_importing_the_module() -> None:
    source = (
        "import pytest\nfrom nowhere import nothing\n"
        "pytestmark = [pytest.mark.interview('core'), pytest.mark.spec('x')]\n"
        "@pytest.mark.interview('greetings')\ndef test_x() -> None: ...\n"
        "def test_y() -> None:\n    interview(3)\n"
    )

    assert marked_stages(source) == {"core", "greetings"}


def test_only_modules_entirely_of_later_stages_are_left_out(toy: ToyRepo) -> None:
    interview = load_kata("toy", toy.root).interview
    assert interview is not None
    suite = write_design(
        toy.root / "tests/interview/toy",
        {
            "test_mixed.py": "import pytest\n@pytest.mark.interview('core')\ndef test_a(): ...\n"
            "@pytest.mark.interview('greetings')\ndef test_b(): ...\n",
            "test_unmarked.py": "def test_c(): ...\n",
            "test_broken.py": "def test_d(:\n",
            "helpers.py": "import pytest\npytestmark = pytest.mark.interview('greetings')\n",
        },
    )

    at_core = later_modules(suite, interview, "core")
    at_change = later_modules(suite, interview, "greetings")

    assert [path.name for path in at_core] == ["test_change_1_greetings.py"]
    assert at_change == []


def test_a_driver_without_the_later_changes_functions_passes_the_core(toy: ToyRepo) -> None:
    dojo = Interviewer(toy.root)
    dojo.iv()
    dojo.iv("--reveal", "--asked", "1")
    driver = "def double_of(n: int) -> int:\n    return 2 * n\n"
    (toy.root / "interviews/toy/driver.py").write_text(driver, encoding="utf-8")

    core = dojo.iv("--test")
    dojo.iv("--next")
    change = dojo.iv("--test")

    assert core.status == 0
    assert "All 1 tests of stages 1-1 pass." in core.out
    assert change.status == 1
    assert "cannot import name 'greeting' from 'toy.driver'" in change.out
    assert "The tests call driver.greeting: the driver contract names it" in change.out
    assert Path(toy.root / "interviews/toy/driver.py").read_text(encoding="utf-8") == driver
