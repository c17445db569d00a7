"""The web board in a real headless Chromium, at a projector's 1024x768 and at 1920x1080.

Eight teams, the longest names and step titles, seven steps of tallies: every row fits the
screen without scrolling and no text spills out of its cell; a light changes without a
reload; two teams' rows share the screen with larger text; a light opens its run in the
team's replay. Each size leaves a screenshot, in
``DOJO_SCREENSHOTS`` when it is set (to look at), else in the test's temporary folder.

Needs Debian's ``chromium`` and the ``playwright`` package (which drives that browser; no
browser download). Skips with the reason where either is missing, except in CI (``CI=true``),
where ``.ci/run`` installs the browser and a skip would hide a broken board: there it fails.
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

from dojo.repository import Repository
from dojo.team.board import LocalBoard, StepTitles
from dojo.team.git import Git
from dojo.team.history import RunHistory, branch
from dojo.team.journal import TeamJournal
from dojo.team.remote import Settings
from dojo.team.replay import Replay
from dojo.team.runlog import Light, RunRecord
from dojo.team.store import RunStore
from dojo.team.web import BoardServer
from dojo.team.workspace import TeamWorkspace
from harness.results import StepResult
from tests.dojo_team.support import START, FakeClock, Warnings

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

    from dojo.team.runs import RunSink
    from tests.harness.toy import ToyRepo

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WAIT_MS = 15_000
REPO = Path(__file__).resolve().parents[2]
KATA = "file_permissions"
SIZES = [pytest.param((1024, 768), id="1024x768"), pytest.param((1920, 1080), id="1920x1080")]
LONGEST = "a-team-name-of-the-longest-length-allowe"
TEAMS = [
    LONGEST,
    "red",
    "blue",
    "green-and-gold-2026",
    "ana-ben-chen",
    "night-owls",
    "team-7",
    "finishers",
]
# Each box that must show all of its text, or shrink it to fit: never spill out.
OVERFLOWING = """() => [...document.querySelectorAll('.fit, .tallies, .dots, td')]
  .filter((box) => box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1)
  .map((box) => `${box.className || box.tagName}: ${box.textContent.slice(0, 40)}`)"""


def _missing(reason: str) -> NoReturn:
    """Skip saying what is missing; in CI, where ``.ci/run`` installs it all, fail instead."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the browser test, but {reason}")
    pytest.skip(reason)


def _chromium() -> str:
    """The system Chromium: ``DOJO_CHROMIUM``, else ``chromium`` on the PATH."""
    path = os.environ.get("DOJO_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.access(path, os.X_OK):
        _missing(
            f"no Chromium at {path}: install Debian's chromium (apt-get install chromium) "
            "or set DOJO_CHROMIUM to a Chromium binary"
        )
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """A headless system Chromium driven by Playwright, for the module's tests."""
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 - optional until here
    except ImportError:
        _missing("playwright is not installed (pip install -r requirements-dev.txt)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield launched
        finally:
            launched.close()


def _page(browser: Browser, size: tuple[int, int]) -> Page:
    width, height = size
    return browser.new_page(viewport={"width": width, "height": height})


def _screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("DOJO_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _run(minutes: int, light: Light, passed: int) -> RunRecord:
    """A run of all seven steps: the first ``passed`` green, the rest part way."""
    steps = tuple(StepResult(number, 26 if number <= passed else 11, 26) for number in range(1, 8))
    return RunRecord(START + timedelta(minutes=minutes), KATA, steps, light)


def _session(
    toy: ToyRepo, committed: str = "", count: int = len(TEAMS)
) -> tuple[Repository, dict[str, RunSink]]:
    """The first ``count`` teams, on file_permissions, each with runs; ``committed``'s in git."""
    kata = toy.root / "katas" / KATA
    kata.mkdir()
    shutil.copy2(REPO / "katas" / KATA / "kata.toml", kata / "kata.toml")
    (kata / "__init__.py").write_text("")
    repository, warnings = Repository(toy.root), Warnings()
    runs = RunStore(Git(toy.root / ".dojo" / "runs.git"))
    sinks: dict[str, RunSink] = {}
    for index, name in enumerate(TEAMS[:count]):
        team = TeamWorkspace(repository, name)
        team.create(KATA)
        sinks[name] = team.log(warnings)
        if name == committed:
            settings = Settings.of(repository, name)
            sinks[name] = TeamJournal(team, team.log(warnings), runs, settings, print, warnings)
        lights = [Light.AMBER, Light.RED, Light.RED, Light.GREEN] * 3
        for minute, light in enumerate(lights[: 3 + index]):
            passed = 7 if name == "finishers" else min(index, 6)
            sinks[name].append(_run(minute + index, light, passed))
    assert warnings.seen == []
    return repository, sinks


def _replays(repository: Repository) -> object:
    history = RunHistory(Git(repository.state / "runs.git"))

    def replay(team: str) -> Replay | None:
        found = history.runs(branch(team), team, print)
        return Replay(team, tuple(found), history, StepTitles(repository)) if found else None

    return replay


def _assert_fills(page: Page, size: tuple[int, int]) -> None:
    """No scrolling, no text spilling out of its box, and the rows down to the screen's foot."""
    width, height = size
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate("document.documentElement.scrollHeight") <= height
    # Read in one go: the page redraws its rows at every poll, so a handle can go stale.
    bottom = page.evaluate(
        "document.querySelector('tbody tr:last-child').getBoundingClientRect().bottom"
    )
    assert 0.95 * height <= bottom <= height
    assert page.evaluate(OVERFLOWING) == []


def _font_size(page: Page, selector: str) -> float:
    size = page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).fontSize")
    return float(str(size).removesuffix("px"))


@pytest.mark.parametrize("size", SIZES)
def test_eight_teams_fit_the_screen_and_a_light_changes_without_a_reload(
    toy: ToyRepo, browser: Browser, size: tuple[int, int], tmp_path: Path
) -> None:
    repository, teams = _session(toy)
    clock = FakeClock(START + timedelta(minutes=14))
    source = LocalBoard(repository, Warnings(), clock)
    page = _page(browser, size)

    with BoardServer(source, port=0, poll=timedelta(milliseconds=100)) as server:
        page.goto(server.url)
        page.wait_for_selector('tr[data-team="red"] .light[data-light="green"]', timeout=WAIT_MS)
        page.evaluate("window.sameDocument = true")
        teams["red"].append(_run(20, Light.RED, 2))
        page.wait_for_selector('tr[data-team="red"] .light[data-light="red"]', timeout=WAIT_MS)
        page.screenshot(path=str(_screenshots(tmp_path) / f"board-{size[0]}x{size[1]}.png"))

        assert page.evaluate("window.sameDocument") is True
        # The time as the board's rows write theirs: 24-hour, the same at every locale.
        assert re.fullmatch(r"updated \d\d:\d\d:\d\d", page.locator("#status").inner_text())
        assert page.locator("tbody tr").count() == len(TEAMS)
        _assert_fills(page, size)
        red = page.locator('tr[data-team="red"]')
        assert red.locator(".dot").count() == 5
        assert red.locator("td").nth(1).inner_text().split() == [
            "3",
            "Directories",
            "and",
            "path",
            "resolution",
        ]
        assert page.locator('tr[data-team="finishers"] .finished').inner_text() == "finished"
        assert "idle 12 min" in page.locator(f'tr[data-team="{LONGEST}"]').inner_text()
        assert page.locator(f'tr[data-team="{LONGEST}"] .seen.idle').count() == 1


@pytest.mark.parametrize("size", SIZES)
def test_two_teams_rows_share_the_screen_with_larger_text(
    toy: ToyRepo, browser: Browser, size: tuple[int, int], tmp_path: Path
) -> None:
    repository, _ = _session(toy, count=2)
    source = LocalBoard(repository, Warnings(), FakeClock(START + timedelta(minutes=14)))
    page = _page(browser, size)

    with BoardServer(source, port=0) as server:
        page.goto(server.url)
        page.wait_for_selector('tr[data-team="red"] .light[data-light="green"]', timeout=WAIT_MS)
        page.screenshot(path=str(_screenshots(tmp_path) / f"board-2-teams-{size[0]}x{size[1]}.png"))

        assert page.locator("tbody tr").count() == 2
        _assert_fills(page, size)
        height = size[1]
        rows = page.evaluate(
            "[...document.querySelectorAll('tbody tr')].map((tr) => tr.offsetHeight)"
        )
        assert min(rows) >= 0.4 * height
        # Eight teams' team names are 3% of the screen's height; two teams' half as large again.
        assert _font_size(page, 'tr[data-team="red"] .name') >= 1.5 * 0.03 * height - 1
        assert page.locator('tr[data-team="red"] .dot').count() == 4


def test_a_light_opens_its_run_in_the_team_replay(
    toy: ToyRepo, browser: Browser, tmp_path: Path
) -> None:
    repository, _ = _session(toy, committed="blue")
    source = LocalBoard(repository, Warnings(), FakeClock(START + timedelta(minutes=14)))
    page = _page(browser, (1024, 768))
    second = TeamWorkspace(repository, "blue").log(print).read()[1]

    with BoardServer(source, port=0, replays=_replays(repository)) as server:  # type: ignore[arg-type]
        page.goto(server.url)
        page.locator('tr[data-team="blue"] .dot').nth(1).click()
        page.wait_for_selector(f"section#{second.ident}:target", timeout=WAIT_MS)
        page.screenshot(path=str(_screenshots(tmp_path) / "replay-1024x768.png"))

        assert page.url.endswith(f"/replay/blue#{second.ident}")
        assert "Run 2 of 5: red" in page.locator(f"section#{second.ident}").inner_text()
        assert page.locator("nav .dot").count() == 5


@pytest.mark.parametrize(
    ("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)]
)
def test_without_chromium_the_browser_test_fails_in_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, ci: str, outcome: type[BaseException]
) -> None:
    monkeypatch.setenv("CI", ci)
    monkeypatch.setenv("DOJO_CHROMIUM", str(tmp_path / "no-chromium"))

    with pytest.raises(outcome, match="no Chromium at"):
        _chromium()
