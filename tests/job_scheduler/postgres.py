"""A throwaway PostgreSQL server for the tests, and the `postgres_dsn` fixture on it.

One cluster per test session, in a temporary folder: `initdb`, then `pg_ctl start` with a
Unix socket in that folder, no TCP (`listen_addresses=''`) and `fsync=off`. initdb refuses
to run as root, so as root the cluster belongs to the `postgres` account that Debian's
package creates (`runuser -u postgres`). `JOB_SCHEDULER_POSTGRES_DSN` names a server of
one's own instead, whose user may create databases. Each test gets a fresh, empty
database, dropped afterwards. Without PostgreSQL the tests that need it skip, saying how to
get it; under `CI=true` they fail instead.

A session killed by SIGKILL cannot stop its cluster, so each cluster's folder holds the pid
of the pytest process that owns it (the file `owner`), and each session, before it starts
its own, stops and removes every cluster whose owner has ended (`reap`).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

DSN_VARIABLE = "JOB_SCHEDULER_POSTGRES_DSN"
HOW_TO_GET_IT = (
    "install Debian's postgresql (apt-get install postgresql), which provides initdb and "
    f"pg_ctl, or set {DSN_VARIABLE} to a server of your own"
)
ACCOUNT = "postgres"  # the superuser of the throwaway cluster, and its owner when we are root
SETTINGS = {
    "listen_addresses": "''",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",  # worker processes, each with a connection or two
}
START_TIMEOUT = 60  # seconds pg_ctl waits for the server
PREFIX = "job-scheduler-pg-"  # of a cluster's folder in the temporary directory
OWNER = "owner"  # the file in a cluster's folder that holds its owner's pid


class PostgresUnavailableError(RuntimeError):
    """There is no PostgreSQL to test on; the message says how to get one."""


class Server:
    """A PostgreSQL server the tests may create databases on."""

    def __init__(self, admin_dsn: str) -> None:
        self.admin_dsn = admin_dsn

    @contextlib.contextmanager
    def database(self) -> Iterator[str]:
        """A fresh, empty database for one test: its dsn. Dropped afterwards."""
        from psycopg import conninfo, sql  # noqa: PLC0415 - psycopg is only needed here

        name = f"test_{uuid.uuid4().hex}"
        self._execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield conninfo.make_conninfo(self.admin_dsn, dbname=name)
        finally:
            # FORCE ends the connections a test left open (a killed worker's, say).
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            self._execute(drop.format(sql.Identifier(name)))

    def _execute(self, statement: object) -> None:
        import psycopg  # noqa: PLC0415 - psycopg is only needed here

        with psycopg.connect(self.admin_dsn, autocommit=True) as admin:
            admin.execute(statement)  # type: ignore[call-overload] # a composed sql.SQL


def tool(name: str) -> Path | None:
    """`initdb` or `pg_ctl`: on PATH, or in the newest /usr/lib/postgresql/*/bin."""
    found = shutil.which(name)
    if found is not None:
        return Path(found)
    versions = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parent.parent.name),
    )
    return versions[-1] if versions else None


def reap(parent: Path, stop: Callable[[Path], None]) -> list[Path]:
    """Stop (``stop`` of its data folder) and remove each cluster in ``parent`` whose owner ended.

    A folder of another name, with no readable pid, or whose owner still runs is left
    alone: it may be a live session's, or one being created. Returns the folders removed.
    """
    reaped = []
    for folder in sorted(parent.glob(f"{PREFIX}*")):
        owner = _owner(folder)
        if owner is None or _alive(owner):
            continue
        stop(folder / "data")
        shutil.rmtree(folder, ignore_errors=True)
        reaped.append(folder)
    return reaped


def _owner(folder: Path) -> int | None:
    try:
        pid = int((folder / OWNER).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return None
    return pid if pid > 0 else None  # 0 and below would name process groups to os.kill


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it runs, as another user
    return True


class Cluster:
    """A PostgreSQL cluster of our own in a temporary folder, on a Unix socket there."""

    def __init__(self, initdb: Path, pg_ctl: Path) -> None:
        self._initdb = initdb
        self._pg_ctl = pg_ctl
        self._as: list[str] = []
        if os.geteuid() == 0:
            self._as = ["runuser", "-u", ACCOUNT, "--"]
        self.folder = Path(tempfile.mkdtemp(prefix=PREFIX))
        (self.folder / OWNER).write_text(str(os.getpid()), encoding="ascii")
        self._data = self.folder / "data"
        self._running = False

    @property
    def dsn(self) -> str:
        """The superuser's dsn: the socket's folder, no password (the cluster trusts it)."""
        return f"host={self.folder} user={ACCOUNT} dbname=postgres"

    def start(self) -> None:
        """Reap abandoned clusters, then create this one and start it.

        PostgresUnavailableError with the server's log if it fails.
        """
        reap(self.folder.parent, self._stop_server)
        if self._as:
            try:
                shutil.chown(self.folder, user=ACCOUNT)
            except LookupError as error:
                message = f"as root, the cluster needs the account {ACCOUNT!r}: {HOW_TO_GET_IT}"
                raise PostgresUnavailableError(message) from error
        self._run(
            str(self._initdb),
            f"--pgdata={self._data}",
            f"--username={ACCOUNT}",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )
        settings = {**SETTINGS, "unix_socket_directories": f"'{self.folder}'"}
        with (self._data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
        log = self.folder / "server.log"
        self._running = True
        try:
            self._run(
                str(self._pg_ctl),
                f"--pgdata={self._data}",
                f"--log={log}",
                f"--timeout={START_TIMEOUT}",
                "--wait",
                "start",
            )
        except PostgresUnavailableError as error:
            text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
            raise PostgresUnavailableError(f"{error}\nserver log:\n{text}") from error

    def stop(self) -> None:
        """Stop the server at once (nothing in it is worth keeping) and remove the folder."""
        if self._running:
            self._running = False
            self._stop_server(self._data)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _stop_server(self, data: Path) -> None:
        """Stop the server of the cluster in ``data`` at once, if one runs there."""
        with contextlib.suppress(PostgresUnavailableError):
            self._run(str(self._pg_ctl), f"--pgdata={data}", "--mode=immediate", "stop")

    def _run(self, *command: str) -> None:
        done = subprocess.run(
            [*self._as, *command],
            capture_output=True,
            text=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        if done.returncode != 0:
            output = (done.stdout + done.stderr).strip()
            raise PostgresUnavailableError(f"{Path(command[0]).name} failed: {output}")


@contextlib.contextmanager
def server() -> Iterator[Server]:
    """The server named by JOB_SCHEDULER_POSTGRES_DSN, or a throwaway cluster, stopped after.

    PostgresUnavailableError says how to get PostgreSQL when there is none.
    """
    try:
        import psycopg  # noqa: F401, PLC0415 - only to tell whether the driver is there
    except ImportError as error:
        message = f"psycopg is not installed: pip install -r requirements.txt ({error})"
        raise PostgresUnavailableError(message) from error
    own = os.environ.get(DSN_VARIABLE)
    if own:
        yield Server(own)
        return
    initdb, pg_ctl = tool("initdb"), tool("pg_ctl")
    if initdb is None or pg_ctl is None:
        message = f"PostgreSQL is not installed: {HOW_TO_GET_IT}"
        raise PostgresUnavailableError(message)
    cluster = Cluster(initdb, pg_ctl)
    # atexit as well: a second Ctrl-C can cut the fixture's teardown short. SIGTERM, which
    # would end the process without either, ends it through SystemExit instead.
    atexit.register(cluster.stop)
    on_terminate = _exit_on_terminate()
    try:
        cluster.start()
        yield Server(cluster.dsn)
    finally:
        cluster.stop()
        atexit.unregister(cluster.stop)
        if on_terminate is not None:
            signal.signal(signal.SIGTERM, on_terminate)


def _exit_on_terminate() -> signal.Handlers | None:
    """Make SIGTERM raise SystemExit, if nothing else handles it; the handler it replaced."""
    if threading.current_thread() is not threading.main_thread():
        return None
    if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        return None

    def terminate(number: int, _frame: object) -> None:
        raise SystemExit(128 + number)

    signal.signal(signal.SIGTERM, terminate)
    return signal.SIG_DFL


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Server]:
    """One PostgreSQL server for the session; skips (fails under CI=true) without one."""
    try:
        with server() as found:
            yield found
    except PostgresUnavailableError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is needed in CI: {error}", pytrace=False)
        pytest.skip(str(error))


@pytest.fixture
def postgres_dsn(postgres_server: Server) -> Iterator[str]:
    """The dsn of a fresh, empty database, dropped after the test."""
    with postgres_server.database() as dsn:
        yield dsn


def corrupt_job(dsn: str, job_id: str, text: str) -> None:
    """Overwrite every text value of the job's row in `jobs`, except its id, with `text`."""
    import psycopg  # noqa: PLC0415 - psycopg is only needed here
    from psycopg import sql  # noqa: PLC0415 - same

    with psycopg.connect(dsn) as connection:
        columns = connection.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'jobs'"
            " AND table_schema = current_schema() AND column_name <> 'id'"
            " AND data_type IN ('text', 'character varying', 'character')"
        ).fetchall()
        for (column,) in columns:
            name = sql.Identifier(column)
            overwrite = sql.SQL("UPDATE jobs SET {} = %s WHERE id = %s AND {} IS NOT NULL")
            connection.execute(overwrite.format(name, name), (text, job_id))
