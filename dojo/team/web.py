"""The web board: the board as a page for a projector, and each team's replay.

It listens on 127.0.0.1 unless the facilitator names another address. Whatever the
address, a request must name the server by an IP address, ``localhost`` or this machine's
own name in its ``Host`` header: a page on another site whose name was made to point here
(DNS rebinding) is refused, so it cannot read the board or a team's code. Each connection
has a timeout, so a client that stops talking holds nothing for long.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import threading
import urllib.parse
from collections.abc import Callable
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Self

from dojo.team.page import page
from dojo.team.replay_page import replay_page
from dojo.team.workspace import is_team_name

if TYPE_CHECKING:
    from types import TracebackType

    from dojo.team.board import BoardSource
    from dojo.team.replay import Replay

LOOPBACK = "127.0.0.1"  # the board shows team names and code; the network only when asked
# Listening on every address: the board's address to open is then this machine's own.
EVERY_ADDRESS = frozenset({"0.0.0.0", "::"})  # noqa: S104 - named to be recognised, not bound
Replays = Callable[[str], "Replay | None"]
TIMEOUT = 10.0
SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
)


def this_machine() -> str:
    """The address other machines reach this one by, to print: its outgoing one, else its name.

    A UDP socket's ``connect`` sends nothing; it only picks the address a packet would leave
    from. On a machine with no network at all, its name is all there is to say.
    """
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # an address of TEST-NET-1, documentation only
            return str(probe.getsockname()[0])
    except OSError:
        return socket.gethostname()


def host_names(host: str) -> frozenset[str]:
    """The names besides IP addresses a request may call the server by, listening on ``host``."""
    names = {"localhost"}
    if not _is_address(host):
        names.add(host.lower())
    if host != LOOPBACK:
        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
    return frozenset(names)


def allowed_host(header: str | None, names: frozenset[str]) -> bool:
    """Whether a ``Host`` header names this server: an IP address or one of ``names``."""
    if not header:
        return False
    if header.startswith("["):
        address, _, _ = header[1:].partition("]")
        return _is_address(address)
    name = header.rsplit(":", 1)[0] if header.count(":") == 1 else header
    return _is_address(name) or name.lower().rstrip(".") in names


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _handler(
    source: BoardSource, replays: Replays, html: bytes, names: frozenset[str]
) -> type[BaseHTTPRequestHandler]:
    class BoardHandler(BaseHTTPRequestHandler):
        """``/`` is the page, ``/board.json`` the teams, ``/replay/NAME`` a team's runs."""

        timeout = TIMEOUT

        def do_GET(self) -> None:
            if not allowed_host(self.headers.get("Host"), names):
                self._send(
                    421,
                    "text/plain; charset=utf-8",
                    b"unknown host name: open the board by this machine's address\n",
                )
                return
            path = urllib.parse.unquote(self.path.split("?", 1)[0].split("#", 1)[0])
            if path == "/":
                self._send(200, "text/html; charset=utf-8", html)
            elif path == "/board.json":
                board = {
                    "teams": [row.to_json() for row in source.rows()],
                    "status": source.status(),
                }
                self._send(200, "application/json", json.dumps(board).encode())
            elif path.startswith("/replay/") and is_team_name(
                team := path.removeprefix("/replay/")
            ):
                body = replay_page(team, replays(team)).encode()
                self._send(200, "text/html; charset=utf-8", body)
            else:
                self._send(404, "text/plain; charset=utf-8", b"not found: try / or /board.json\n")

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for name, value in SECURITY_HEADERS:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
            """Quiet: a projector polls every few seconds, and the log would drown the terminal."""

    return BoardHandler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet: a browser that closed its tab mid-answer is not the facilitator's problem."""
        del request, client_address


class BoardServer:
    """A threading HTTP server for the board; ``port`` 0 takes any free port."""

    def __init__(
        self,
        source: BoardSource,
        port: int = 8000,
        poll: timedelta = timedelta(seconds=2),
        host: str = LOOPBACK,
        replays: Replays | None = None,
    ) -> None:
        html = page(int(poll.total_seconds() * 1000)).encode()
        handler = _handler(source, replays or (lambda _team: None), html, host_names(host))
        self._server = _Server((host, port), handler)
        self._host = host
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Where the board is, with the port bound; on every address, by this machine's own."""
        host = this_machine() if self._host in EVERY_ADDRESS else self._host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self._server.server_address[1]}/"

    @property
    def local(self) -> bool:
        """Whether only this machine can reach the board."""
        return self._host == LOOPBACK

    def start(self) -> Self:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving and release the port."""
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
