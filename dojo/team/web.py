"""The web board: the board as a page for a projector, served on 127.0.0.1 only."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Self

from dojo.team.page import page

if TYPE_CHECKING:
    from types import TracebackType

    from dojo.team.board import TeamRow

HOST = "127.0.0.1"  # the board shows team names and code progress; never to the network
Rows = Callable[[], list["TeamRow"]]


def _handler(rows: Rows, html: bytes) -> type[BaseHTTPRequestHandler]:
    class BoardHandler(BaseHTTPRequestHandler):
        """``/`` is the page, ``/board.json`` the teams; nothing else."""

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/":
                self._send(200, "text/html; charset=utf-8", html)
            elif path == "/board.json":
                teams = [row.to_json() for row in rows()]
                self._send(200, "application/json", json.dumps({"teams": teams}).encode())
            else:
                self._send(404, "text/plain; charset=utf-8", b"not found: try / or /board.json\n")

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
            """Quiet: a projector polls every few seconds, and the log would drown the terminal."""

    return BoardHandler


class BoardServer:
    """A threading HTTP server for the board; ``port`` 0 takes any free port."""

    def __init__(
        self, rows: Rows, port: int = 8000, poll: timedelta = timedelta(seconds=2)
    ) -> None:
        html = page(int(poll.total_seconds() * 1000)).encode()
        self._server = ThreadingHTTPServer((HOST, port), _handler(rows, html))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Where the board is, with the port actually bound."""
        return f"http://{HOST}:{self._server.server_address[1]}/"

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
