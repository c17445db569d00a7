from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest
from url_shortener import (
    AliasTakenError,
    ClickCounter,
    CounterCodes,
    InMemoryLinkStore,
    LinkGoneError,
    RandomCodes,
    SqliteLinkStore,
    UnknownCodeError,
    decode_base62,
    encode_base62,
)

from tests.support import START, THREAD_TIMEOUT, run_concurrently, values
from tests.url_shortener.support import Codes, shortener_on

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from url_shortener import Link, LinkStore

    from tests.support import FakeClock

pytestmark = [
    pytest.mark.step(6),
    pytest.mark.spec(
        "Links survive a restart, and codes stay unique when many threads and processes share "
        "one database file."
    ),
]

URL = "https://example.com/a"
DAY = timedelta(days=1)
PROCESS = Path(__file__).with_name("shorten_process.py")
EPOCH_MICROS = 1_772_438_400_000_000  # START, 2026-03-02 08:00 UTC, in microseconds


def seeded(seed: int) -> random.Random:
    """A random of its own: codes, not secrets."""
    return random.Random(seed)  # noqa: S311 - short codes are not secrets


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "links.sqlite"


@pytest.fixture
def open_store(database: Path) -> Iterator[Callable[[], SqliteLinkStore]]:
    """Opens SqliteLinkStores on one file, and closes each at the end."""
    opened: list[SqliteLinkStore] = []

    def open_one() -> SqliteLinkStore:
        opened.append(SqliteLinkStore(database))
        return opened[-1]

    yield open_one
    for store in opened:
        store.close()


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, open_store: Callable[[], SqliteLinkStore]) -> LinkStore:
    """Each store in turn: the same tests pass on both."""
    if request.param == "memory":
        return InMemoryLinkStore()
    return open_store()


@pytest.mark.spec(
    "A LinkStore has three methods: add(link) -> bool stores the link unless its code was ever "
    "stored and says whether it stored it, in one atomic step; get(code) returns the link with "
    "that code, live or gone, or None; delete(code, at) marks the link with that code deleted at "
    "at and returns the deleted link, or returns None when there is no link with that code or it "
    "is deleted already."
)
def test_a_store_keeps_each_code_once(clock: FakeClock, store: LinkStore) -> None:
    link = shortener_on(clock).shorten(URL, expires_in=DAY)
    other = shortener_on(clock, Codes("1")).shorten("https://example.com/other")

    first, again = store.add(link), store.add(other)
    deleted = store.delete("1", START + DAY)

    assert (first, again) == (True, False)
    assert deleted is not None
    assert deleted.deleted_at == START + DAY
    assert store.get("1") == deleted
    assert (deleted.url, deleted.expires_at, deleted.created_at) == (URL, link.expires_at, START)
    assert store.delete("1", START + 2 * DAY) is None
    assert store.get("1") == deleted
    assert store.add(link) is False
    assert store.get("2") is None
    assert store.delete("2", START) is None


@pytest.mark.spec(
    "InMemoryLinkStore and SqliteLinkStore are both LinkStores, and the behaviour of steps 1 to "
    "5 is the same on either."
)
def test_the_steps_behave_the_same_on_either_store(clock: FakeClock, store: LinkStore) -> None:
    shortener = shortener_on(clock, CounterCodes(start=decode_base62("abc")), store)
    counter = ClickCounter()
    shortener.subscribe(counter)

    aliased = shortener.shorten("HTTPS://Example.com:443", alias="abd")
    generated = [shortener.shorten(URL).code for _ in range(2)]
    brief = shortener.shorten(URL, expires_in=DAY)
    with pytest.raises(AliasTakenError):
        shortener.shorten(URL, alias="abc")
    shortener.resolve("abc", referrer="https://News.example/")
    shortener.delete("abc")
    clock.advance(DAY)
    shortener.flush()

    assert aliased.url == "https://example.com/"
    assert generated == ["abc", "abe"]
    assert shortener.resolve("abd") == "https://example.com/"
    with pytest.raises(LinkGoneError):
        shortener.resolve("abc")
    with pytest.raises(LinkGoneError):
        shortener.resolve(brief.code)
    with pytest.raises(UnknownCodeError):
        shortener.resolve("ABC")
    assert counter.by_referrer("abc", START.date()) == {"news.example": 1}


@pytest.mark.spec(
    "SqliteLinkStore(path) keeps its links in the SQLite file at path, created if missing, in a "
    "table links with the columns code (TEXT, the primary key), url (TEXT), created_at, "
    "expires_at and deleted_at (INTEGER microseconds since 1970-01-01 UTC, the last two NULL "
    "when not set)."
)
def test_the_links_table_holds_one_row_per_link(
    clock: FakeClock, open_store: Callable[[], SqliteLinkStore], database: Path
) -> None:
    shortener = shortener_on(clock, store=open_store())

    shortener.shorten(URL)
    shortener.shorten("https://example.com/b", expires_in=timedelta(seconds=1))
    clock.advance(timedelta(microseconds=7))
    shortener.delete("1")

    assert database.exists()
    with sqlite3.connect(database) as connection:
        columns = connection.execute("PRAGMA table_info(links)").fetchall()
        rows = connection.execute(
            "SELECT code, url, created_at, expires_at, deleted_at FROM links ORDER BY code"
        ).fetchall()
    connection.close()
    described = {name: (kind.upper(), key) for _, name, kind, _, _, key in columns}
    assert described["code"] == ("TEXT", 1)
    assert described["url"][0] == "TEXT"
    assert {described[name][0] for name in ("created_at", "expires_at", "deleted_at")} == {
        "INTEGER"
    }
    assert rows == [
        ("1", URL, EPOCH_MICROS, None, EPOCH_MICROS + 7),
        ("2", "https://example.com/b", EPOCH_MICROS, EPOCH_MICROS + 1_000_000, None),
    ]


@pytest.mark.spec(
    "The primary key is what keeps codes unique: the database itself refuses a second row with "
    "the same code."
)
def test_the_database_itself_refuses_a_second_row_with_a_code(
    clock: FakeClock, open_store: Callable[[], SqliteLinkStore], database: Path
) -> None:
    shortener_on(clock, store=open_store()).shorten(URL)

    with sqlite3.connect(database) as connection, pytest.raises(sqlite3.IntegrityError):
        connection.execute(
            "INSERT INTO links (code, url, created_at) VALUES ('1', 'https://x.example/', 0)"
        )
    connection.close()


@pytest.mark.spec(
    "A Shortener over a new SqliteLinkStore of the same file, after the first was closed with "
    "store.close(), resolves every link the first made, with the same created_at, expires_at and "
    "deleted_at."
)
def test_links_survive_a_restart(clock: FakeClock, database: Path) -> None:
    first_store = SqliteLinkStore(database)
    first = shortener_on(clock, store=first_store)
    lasting = first.shorten(URL)
    brief = first.shorten("https://example.com/b", expires_in=DAY)
    doomed = first.shorten("https://example.com/c", alias="doomed")
    first.delete("doomed")
    first_store.close()
    second_store = SqliteLinkStore(database)

    second = shortener_on(clock, CounterCodes(start=3), second_store)

    assert second.resolve(lasting.code) == URL
    assert second.link(lasting.code) == lasting
    assert second.link(brief.code) == brief
    assert second.link("doomed") == first_link_deleted(doomed, clock)
    with pytest.raises(LinkGoneError):
        second.resolve("doomed")
    clock.advance(DAY)
    with pytest.raises(LinkGoneError):
        second.resolve(brief.code)
    assert second.shorten(URL).code == "3"
    second_store.close()


def first_link_deleted(link: Link, clock: FakeClock) -> Link:
    """What the link reads back as once deleted at the clock's time."""
    return attrs.evolve(link, deleted_at=clock())


@pytest.mark.spec(
    "A code in the table is taken, whoever wrote the row: a generator's candidate that is a code "
    "of a row written by another program is skipped."
)
def test_a_row_written_by_another_program_holds_its_code(
    clock: FakeClock, open_store: Callable[[], SqliteLinkStore], database: Path
) -> None:
    store = open_store()
    with sqlite3.connect(database) as connection:
        connection.executemany(
            "INSERT INTO links (code, url, created_at) VALUES (?, 'https://x.example/', 0)",
            [("1",), ("ext",)],
        )
    connection.close()
    shortener = shortener_on(clock, store=store)

    link = shortener.shorten(URL)

    assert link.code == "2"
    assert shortener.resolve("1") == "https://x.example/"
    with pytest.raises(AliasTakenError):
        shortener.shorten(URL, alias="ext")


@pytest.mark.spec(
    "Many threads shortening at once through one Shortener, or through several Shorteners over "
    "several SqliteLinkStores of one file, and several processes doing so, never give two links "
    "the same code: every link they were given resolves to its own URL."
)
def test_threads_through_one_shortener_get_distinct_codes(
    clock: FakeClock, open_store: Callable[[], SqliteLinkStore]
) -> None:
    shortener = shortener_on(clock, store=open_store())

    batches = values(
        run_concurrently(
            8, lambda index: [shortener.shorten(f"https://e.com/{index}/{n}") for n in range(25)]
        )
    )

    links = [link for batch in batches for link in batch]
    assert sorted(link.code for link in links) == sorted(encode_base62(n) for n in range(1, 201))
    assert all(shortener.resolve(link.code) == link.url for link in links)


@pytest.mark.spec("through several Shorteners over several SqliteLinkStores of one file")
def test_shorteners_over_stores_of_one_file_never_share_a_code(
    clock: FakeClock, open_store: Callable[[], SqliteLinkStore]
) -> None:
    shorteners = [
        shortener_on(clock, RandomCodes(seeded(index % 2), 2), open_store(), max_attempts=200)
        for index in range(6)
    ]

    batches = values(
        run_concurrently(
            6,
            lambda index: [
                shorteners[index].shorten(f"https://e.com/{index}/{n}") for n in range(40)
            ],
        )
    )

    links = [link for batch in batches for link in batch]
    assert len({link.code for link in links}) == len(links) == 240
    reader = shortener_on(clock, store=open_store())
    assert all(reader.resolve(link.code) == link.url for link in links)


@pytest.mark.spec("and several processes doing so, never give two links the same code")
def test_processes_sharing_the_file_never_share_a_code(clock: FakeClock, database: Path) -> None:
    import url_shortener  # noqa: PLC0415 - resolved after --impl has set sys.path

    impl = Path(url_shortener.__file__).parent.parent
    SqliteLinkStore(database).close()
    environment = {**os.environ, "PYTHONPATH": str(impl)}
    children = [
        subprocess.Popen(
            [sys.executable, str(PROCESS), str(database), str(seed), "150"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=environment,
        )
        for seed in (1, 2, 1)  # two with one seed: they offer the same codes in the same order
    ]
    for child in children:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"

    outputs = [child.communicate("go\n", timeout=THREAD_TIMEOUT)[0] for child in children]

    lines = [line.split(" ") for output in outputs for line in output.splitlines()]
    assert [child.returncode for child in children] == [0, 0, 0]
    links = [(code, url) for code, url in (line for line in lines if line != ["done"])]
    assert len(links) == 450
    assert len({code for code, _ in links}) == 450
    store = SqliteLinkStore(database)
    reader = shortener_on(clock, store=store)
    assert all(reader.resolve(code) == url for code, url in links)
    store.close()
