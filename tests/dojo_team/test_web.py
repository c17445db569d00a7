"""The web board's server: the page and the JSON, on 127.0.0.1 only."""

import json
import urllib.error
import urllib.request
from datetime import timedelta

import pytest

from dojo.team.board import TeamRow
from dojo.team.runlog import Light
from dojo.team.web import BoardServer


def _rows() -> list[TeamRow]:
    return [TeamRow("red", "toy", 2, "Greet", (), Light.RED, (Light.AMBER, Light.RED))]


def _get(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own server
        return response.status, response.headers["Content-Type"], response.read().decode()


def test_the_board_json_lists_every_team() -> None:
    with BoardServer(_rows, port=0) as server:
        status, kind, body = _get(server.url + "board.json?t=1")

    assert (status, kind) == (200, "application/json")
    assert json.loads(body) == {"teams": [row.to_json() for row in _rows()]}


def test_the_page_polls_at_the_interval_it_was_given() -> None:
    with BoardServer(_rows, port=0, poll=timedelta(milliseconds=250)) as server:
        status, kind, body = _get(server.url)

    assert (status, kind) == (200, "text/html; charset=utf-8")
    assert 'data-poll="250"' in body
    assert 'fetch("board.json"' in body


def test_other_paths_are_not_found() -> None:
    with BoardServer(_rows, port=0) as server, pytest.raises(urllib.error.HTTPError) as caught:
        _get(server.url + "etc/passwd")

    caught.value.close()
    assert caught.value.code == 404


def test_the_server_listens_on_the_loopback_address_only() -> None:
    server = BoardServer(_rows, port=0)
    try:
        assert server.url.startswith("http://127.0.0.1:")
        assert not server.url.endswith(":0/")
    finally:
        server.close()
