"""The web board in a real headless Chromium: teams appear, and lights change without a reload.

Needs Debian's ``chromium`` and the ``playwright`` package (which drives that browser; no
browser download). Skips with the reason where either is missing, except in CI (``CI=true``),
where ``.ci/run`` installs the browser and a skip would hide a broken board: there it fails.
"""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from typing import TYPE_CHECKING, NoReturn

import pytest

from dojo.repository import Repository
from dojo.team.board import read_board
from dojo.team.runlog import Light
from dojo.team.web import BoardServer
from dojo.team.workspace import TeamWorkspace
from tests.dojo_team.support import Warnings, record

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Page

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


@pytest.fixture
def page() -> Iterator[Page]:
    """A fresh page of a headless system Chromium driven by Playwright."""
    executable = _chromium()
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 - optional until here
    except ImportError:
        _missing("playwright is not installed (pip install -r requirements-dev.txt)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def test_teams_appear_and_a_light_changes_without_a_reload(toy: ToyRepo, page: Page) -> None:
    warnings = Warnings()
    red, blue = (
        TeamWorkspace(Repository(toy.root), "red"),
        TeamWorkspace(Repository(toy.root), "blue"),
    )
    for team in (red, blue):
        team.create("toy")
    red.log(warnings).append(record(Light.RED, (0, 1), (0, 1)))
    rows = lambda: read_board(Repository(toy.root), warnings)  # noqa: E731 - the board's row source

    with BoardServer(rows, port=0, poll=timedelta(milliseconds=100)) as server:
        page.goto(server.url)
        page.wait_for_selector('tr[data-team="blue"] .light[data-light="none"]', timeout=WAIT_MS)
        page.wait_for_selector('tr[data-team="red"] .light[data-light="red"]', timeout=WAIT_MS)
        page.evaluate("window.sameDocument = true")

        red.log(warnings).append(record(Light.GREEN, (1, 1), (1, 1)))
        page.wait_for_selector('tr[data-team="red"] .light[data-light="green"]', timeout=WAIT_MS)

        assert page.evaluate("window.sameDocument") is True
        assert page.locator('tr[data-team="red"] .dot').count() == 2
        assert page.locator('tr[data-team="red"] td').nth(2).inner_text() == "2 Greet"
    assert warnings.seen == []
