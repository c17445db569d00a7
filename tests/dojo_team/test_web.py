"""The web board's server: the page, the JSON and each replay, to the right host names only."""

from __future__ import annotations

import http.client
import json
import socket
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from dojo.repository import Repository
from dojo.team.board import LocalBoard, StepTitles, TeamRow
from dojo.team.git import Git
from dojo.team.history import RunHistory, branch
from dojo.team.replay import Replay
from dojo.team.runlog import Light
from dojo.team.store import RunStore
from dojo.team.web import TIMEOUT, BoardServer, allowed_host, host_names, this_machine
from dojo.team.workspace import TeamWorkspace
from tests.dojo_team.support import START, FakeClock, Warnings, record

if TYPE_CHECKING:
    from pathlib import Path

    from tests.harness.toy import ToyRepo


class _Source:
    def rows(self) -> list[TeamRow]:
        return [TeamRow("red", "toy", 2, "Greet", (), Light.RED, (Light.AMBER, Light.RED))]

    def status(self) -> str:
        return "fetched from /srv/dojo.git at 09:00:00"


def _get(
    server: BoardServer, path: str, host: str | None = None
) -> tuple[int, dict[str, str], str]:
    address = server.url.removeprefix("http://").rstrip("/")
    name, port = address.rsplit(":", 1)
    connection = http.client.HTTPConnection(name, int(port), timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host if host is not None else address)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def test_the_board_json_lists_every_team_and_where_they_come_from() -> None:
    with BoardServer(_Source(), port=0) as server:
        status, headers, body = _get(server, "/board.json?t=1")

    assert (status, headers["Content-Type"]) == (200, "application/json")
    assert json.loads(body) == {
        "teams": [row.to_json() for row in _Source().rows()],
        "status": "fetched from /srv/dojo.git at 09:00:00",
    }
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cache-Control"] == "no-store"


def test_a_team_log_that_breaks_the_rules_leaves_the_web_board_answering(toy: ToyRepo) -> None:
    repository, warnings = Repository(toy.root), Warnings()
    for name in ("blue", "green", "red"):
        TeamWorkspace(repository, name).create("toy")
    blue, green = (TeamWorkspace(repository, name).log(warnings).path for name in ("blue", "green"))
    blue.mkdir()
    green.write_text(
        '{"time": 1e999}\n' + "[" * 50_000 + "]" * 50_000 + "\n" + record().to_line() + "\n"
    )
    TeamWorkspace(repository, "red").log(warnings).append(record(Light.GREEN, (1, 1)))
    source = LocalBoard(repository, warnings, FakeClock(START))

    with BoardServer(source, port=0) as server:
        answers = [_get(server, "/board.json") for _ in range(2)]

    assert [status for status, _, _ in answers] == [200, 200]
    teams = json.loads(answers[1][2])["teams"]
    assert [(team["team"], team["history"]) for team in teams] == [
        ("blue", []),
        ("green", ["red"]),
        ("red", ["green"]),
    ]
    assert len(warnings.seen) >= 3


def test_the_page_polls_at_the_interval_it_was_given() -> None:
    with BoardServer(_Source(), port=0, poll=timedelta(milliseconds=250)) as server:
        status, headers, body = _get(server, "/")

    assert (status, headers["Content-Type"]) == (200, "text/html; charset=utf-8")
    assert 'data-poll="250"' in body
    assert 'fetch("board.json"' in body


@pytest.mark.parametrize("path", ["/etc/passwd", "/replay/", "/replay/../x", "/replay/a%0Ab"])
def test_other_paths_are_not_found(path: str) -> None:
    with BoardServer(_Source(), port=0) as server:
        status, _, body = _get(server, path)

    assert status == 404
    assert body == "not found: try / or /board.json\n"


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        pytest.param("127.0.0.1:8000", True, id="the loopback address"),
        pytest.param("localhost:8000", True, id="localhost"),
        pytest.param("192.168.1.20:8000", True, id="an address on the network"),
        pytest.param("[::1]:8000", True, id="an IPv6 address"),
        pytest.param("192.168.1.20", True, id="without a port"),
        pytest.param("evil.example.org:8000", False, id="a name that points here"),
        pytest.param("127.0.0.1.evil.example.org", False, id="an address inside a name"),
        pytest.param("[evil]:8000", False, id="not an IPv6 address"),
        pytest.param("", False, id="no host"),
    ],
)
def test_a_request_must_name_the_server_by_address_or_its_own_name(
    host: str, *, allowed: bool
) -> None:
    assert allowed_host(host, frozenset({"localhost"})) is allowed


def test_a_page_whose_name_was_pointed_here_is_refused() -> None:
    with BoardServer(_Source(), port=0) as server:
        status, _, body = _get(server, "/board.json", host="evil.example.org")

    assert status == 421
    assert "unknown host name" in body


def test_the_names_allowed_are_the_host_given_and_on_a_network_this_machine_s() -> None:
    assert host_names("127.0.0.1") == frozenset({"localhost"})
    assert "dojo.local" in host_names("dojo.local")
    assert socket.gethostname().lower() in host_names("0.0.0.0")  # noqa: S104 - named, not bound


def test_each_connection_has_a_timeout() -> None:
    with BoardServer(_Source(), port=0) as server:
        handler = server._server.RequestHandlerClass

    assert getattr(handler, "timeout", None) == TIMEOUT


def test_the_server_listens_on_the_loopback_address_unless_told() -> None:
    server = BoardServer(_Source(), port=0)
    elsewhere = BoardServer(_Source(), port=0, host="127.0.0.2")
    try:
        assert server.url.startswith("http://127.0.0.1:")
        assert not server.url.endswith(":0/")
        assert server.local
        assert not elsewhere.local
        assert elsewhere.url.startswith("http://127.0.0.2:")
    finally:
        server.close()
        elsewhere.close()


def test_on_every_address_the_board_is_named_by_this_machine_s_address() -> None:
    server = BoardServer(_Source(), port=0, host="0.0.0.0")  # noqa: S104 - what is tested
    try:
        server.start()
        assert not server.url.startswith("http://0.0.0.0")
        assert server.url.removeprefix("http://").split(":")[0] == this_machine()
        status, _, body = _get(server, "/board.json")
    finally:
        server.close()

    assert status == 200
    assert json.loads(body)["teams"][0]["team"] == "red"


def test_without_a_network_this_machine_is_named_by_its_host_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Offline(socket.socket):
        def connect(self, address: object) -> None:  # noqa: ARG002 - socket.connect's shape
            raise OSError(101, "Network is unreachable")

    monkeypatch.setattr(socket, "socket", Offline)

    assert this_machine() == socket.gethostname()


def _replay(tmp_path: Path, toy: ToyRepo) -> Replay:
    runs = RunStore(Git(tmp_path / "runs.git"))
    code = tmp_path / "code"
    code.mkdir()
    (code / "toy.py").write_text("x = 1\n")
    runs.record("red", code, None, START)
    (code / "toy.py").write_text("x = '<script>alert(1)</script>'\x1b]0;t\x07\n")
    runs.record("red", code, record(Light.RED, (0, 1)), START)
    history = RunHistory(runs.git)
    found = history.runs(branch("red"), "red", Warnings())
    return Replay("red", tuple(found), history, StepTitles(Repository(toy.root)))


def test_a_replay_page_shows_each_run_with_its_diff_escaped(tmp_path: Path, toy: ToyRepo) -> None:
    replay = _replay(tmp_path, toy)

    with BoardServer(
        _Source(), port=0, replays=lambda team: replay if team == "red" else None
    ) as server:
        status, headers, body = _get(server, "/replay/red")
        _, _, nothing = _get(server, "/replay/blue")

    run = replay.runs[0].record
    assert (status, headers["Content-Type"]) == (200, "text/html; charset=utf-8")
    assert f'<section id="{run.ident}">' in body
    assert "Run 1 of 1: red" in body
    assert "step 1 Double: 0/1" in body
    assert (
        '<span class="add">+x = &#x27;&lt;script&gt;alert(1)&lt;/script&gt;&#x27;]0;t</span>'
        in body
    )
    assert "<script>" not in body
    assert "\x1b" not in body
    assert "No runs of team blue with their code yet" in nothing
