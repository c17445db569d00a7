"""The oracle packages: declared as the spec says, answers in words, candidates always simpler."""

from __future__ import annotations

import re
import tomllib
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dojo.verify.check import Check
from dojo.verify.clock import ManualClock
from dojo.verify.drivers import PACKAGE as DRIVERS
from dojo.verify.engine import case_random
from dojo.verify.oracles import PACKAGE as ORACLES
from dojo.verify.oracles import checks_of, katas_with_checks, load
from dojo.verify.oracles.cache import evictions, memoize
from dojo.verify.oracles.cache.traces import ADVANCE, GET, PUT, Op, Trace
from dojo.verify.oracles.file_permissions import chmod, listing, operations
from dojo.verify.oracles.file_permissions.acls import AclCheck
from dojo.verify.oracles.file_permissions.operations import OpCase
from dojo.verify.oracles.file_permissions.world import Node, shorter_paths
from dojo.verify.oracles.job_scheduler import cron
from dojo.verify.oracles.job_scheduler.expressions import Expression
from dojo.verify.oracles.url_shortener import numerals, urls, web
from harness.catalog import load_kata
from tests.dojo_verify.support import REPO

if TYPE_CHECKING:
    from dojo.verify.check import CheckInfo

INFOS = [info for kata in katas_with_checks() for info in checks_of(kata)]
KATA_OF = {info.name: kata for kata in katas_with_checks() for info in checks_of(kata)}
GENERATED = [info for info in INFOS if not info.exhaustive]


def test_the_katas_with_a_real_thing_and_those_without() -> None:
    assert katas_with_checks() == ["cache", "file_permissions", "job_scheduler", "url_shortener"]
    assert checks_of("parking_lot") == ()


@pytest.mark.parametrize("package", [ORACLES, DRIVERS])
def test_every_oracle_package_is_listed_in_pyproject_so_an_install_has_it(package: str) -> None:
    listed = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    folders = (REPO / package.replace(".", "/")).iterdir()
    packages = {f"{package}.{folder.name}" for folder in folders if folder.is_dir()}
    packages.discard(f"{package}.__pycache__")

    assert packages == {f"{package}.{kata}" for kata in katas_with_checks(package)}
    assert {package, *packages} <= set(listed["packages"])


def test_a_broken_oracle_package_is_an_error_not_a_kata_without_checks() -> None:
    with pytest.raises(ModuleNotFoundError, match=r"tests\.dojo_verify\.no_such_package"):
        checks_of("toy", package="tests.dojo_verify.no_such_package")


@pytest.mark.parametrize("info", INFOS, ids=[info.name for info in INFOS])
def test_every_check_loads_and_names_a_step_and_section_of_its_spec(info: CheckInfo) -> None:
    kata = KATA_OF[info.name]
    step = load_kata(kata, REPO).step(info.step)
    spec = (REPO / "katas" / kata / "README.md").read_text(encoding="utf-8")
    section = spec.split(f"## Step {step.number}: {step.title}\n", 1)[1].split("\n## ", 1)[0]

    assert isinstance(load(info), Check)
    assert info.cases > 0
    assert not info.section or f"### {info.section}\n" in section


def test_check_names_are_unique_and_listed_in_order() -> None:
    names = [info.name for info in checks_of("file_permissions")]

    assert names == ["chmod", "filemode", "operations", "programs", "program-access", "acls"]


def test_the_listing_check_covers_every_mode_of_both_kinds_once() -> None:
    info = next(info for info in INFOS if info.name == "filemode")
    check = listing.CHECK

    cases = {check.generate(case_random(1, info.name, index), index) for index in range(info.cases)}

    assert len(cases) == 2 * 0o10000


@settings(max_examples=60)
@given(index=st.integers(0, 10**6), which=st.sampled_from(GENERATED))
def test_every_shrinking_candidate_is_smaller_and_keeps_the_case_whole(
    index: int, which: CheckInfo
) -> None:
    check: Check[Any] = load(which)
    case = check.generate(case_random(20261128, which.name, index), index)

    candidates = list(check.shrink(case))

    for candidate in candidates:
        assert check.size(candidate) < check.size(case), (case, candidate)
        if isinstance(candidate, OpCase):
            dirs = {"/"} | {node.path for node in candidate.nodes if node.is_dir}
            assert all((node.path.rpartition("/")[0] or "/") in dirs for node in candidate.nodes)
            assert candidate.keep == case.keep
        if isinstance(candidate, cron.CronCase):
            for before, after in zip(
                case.expression.fields, candidate.expression.fields, strict=False
            ):
                late_stars = [item for item in after[1:] if item.startswith("*")]
                assert late_stars == [item for item in before[1:] if item.startswith("*")]


def test_chmod_answers_and_kinds_in_words() -> None:
    check = chmod.CHECK
    case = chmod.ChmodCase("g+X", 0o600, is_dir=False, umask=0)

    assert check.show_answers([0o600, 0o600], [0o610, 0o610]) == (
        "0600 (rw-------)",
        "0610 (rw---x---)",
    )
    assert check.show_answers([None, None], [0o600, 0o644]) == (
        "refused (invalid mode)",
        "apply_mode 0600 (rw-------); Session.chmod 0644 (rw-r--r--)",
    )
    assert check.show_answers([1, 1], "raised KeyError: 1") == (
        "0001 (--------x)",
        "raised KeyError: 1",
    )
    assert [
        check.kind(case, [None, None], [1, 1]),
        check.kind(case, [1, 1], [None, 1]),
        check.kind(case, [1, 1], [2, 2]),
        check.kind(case, [1, 1], "raised KeyError: 1"),
    ] == [
        "chmod refuses a mode you accept",
        "chmod accepts a mode you refuse",
        "a different mode",
        "your code raises",
    ]
    assert "apply_mode('g+X', 0o0600, is_dir=False, umask=0o000)" in check.show(case)


def test_filemode_answers_and_kinds_in_words() -> None:
    check = listing.CHECK
    case = listing.ListingCase(0o1000, is_dir=False)

    assert check.show_answers(["---------T", 0o101000], ["---------t", 0o101000]) == (
        "filemode '---------T', mode 0o101000",
        "filemode '---------t', mode 0o101000",
    )
    assert check.kind(case, ["a", 1], ["b", 1]) == "filemode differs"
    assert check.kind(case, ["a", 1], ["b", 2]) == "filemode and mode differ"
    assert check.kind(case, ["a", 1], "raised X") == "your code raises"
    assert check.show_answers(["a", 1], "raised X")[1] == "raised X"
    assert 'root.chmod("/n", 0o1000)' in check.show(case)


def test_operation_answers_show_the_outcome_and_only_the_nodes_that_differ() -> None:
    check = operations.CHECK
    tree = {"/": [0o40755, 0, 0, None], "/a": [0o100644, 0, 0, ""]}
    case = OpCase(
        (Node("/a", is_dir=False, mode=0o644, uid=0, gid=0),), "u1", 0o022, "unlink", ("/a",)
    )

    real, theirs = check.show_answers([["err", "EACCES"], tree], [["ok", None], {"/": tree["/"]}])

    assert real == "PermissionError (EACCES)\nafter: /a f 0644 0:0 ''"
    assert theirs == "returns None\nafter: /a (none)"
    assert check.show_answers([["crash", "id: no"], tree], "raised OSError") == (
        "failed: id: no",
        "raised OSError",
    )
    assert check.kind(case, [["err", "EACCES"], tree], [["ok", None], tree]) == (
        "unlink: a different answer"
    )
    assert check.kind(case, [["ok", None], tree], [["ok", None], {}]) == (
        "unlink: a different tree afterwards"
    )
    assert check.kind(case, [["ok", None], tree], "raised X") == "unlink: your code raises"
    assert "fs.login(\"u1\", umask=0o022).unlink('/a')" in check.show(case)


@pytest.mark.parametrize(
    ("op", "args", "mode", "step"),
    [
        ("stat", ("/a",), 0o644, 2),
        ("read", ("/a/../a",), 0o644, 3),
        ("mkdir", ("/b",), 0o755, 3),
        ("chmod", ("/a", 0o600), 0o644, 4),
        ("chown", ("/a", 0, None), 0o644, 5),
        ("unlink", ("/a",), 0o1777, 6),
        ("execute", ("/a",), 0o755, 6),
    ],
)
def test_an_operation_points_at_the_step_whose_rules_decide_it(
    op: str, args: tuple[object, ...], mode: int, step: int
) -> None:
    nodes = (Node("/a", is_dir=mode & 0o1000 != 0, mode=mode, uid=0, gid=0),)

    assert operations.CHECK.step(OpCase(nodes, "u1", 0, op, args)) == step


def test_a_path_loses_one_component_at_a_time_and_never_the_last() -> None:
    assert list(shorter_paths("/a/b/c")) == ["/b/c", "/a/c", "/a/b"]
    assert list(shorter_paths("a/b")) == ["b", "a"]
    assert list(shorter_paths("/a")) == []


def test_acl_answers_and_kinds_in_words() -> None:
    check = AclCheck()
    case = check.generate(case_random(1, "acls", 0), 0)
    granted = [True, True, False, False, False, False, False, False]

    assert check.show_answers([0o100640, granted], "raised X") == (
        "-rw-r-----; access granted for '', 'r'",
        "raised X",
    )
    assert check.show_answers([0o100640, [False] * 8], [1, 2, 3]) == (
        "-rw-r-----; access granted for none",
        "[1, 2, 3]",
    )
    assert check.show_answers([0o100640, ["err", "EPERM"]], 0) == (
        "[33184, ['err', 'EPERM']]",
        "0",
    )
    assert check.kind(case, [1, granted], [2, granted]) == "a different mode afterwards"
    assert check.kind(case, [1, granted], [1, []]) == "a different decision"
    assert check.kind(case, [1, granted], "raised X") == "your code raises"
    assert re.search(r'root\.setfacl\("/f", "u::[-rwx]{3},', check.show(case))


def test_cron_answers_and_kinds_in_words() -> None:
    check = cron.CHECK
    times = [f"2030-01-0{day}T00:00:00" for day in range(1, 10)]
    case = cron.CronCase(Expression(macro="@daily"), cron.EPOCH, "UTC")

    assert check.show_answers(times, [*times[:2], "2031-01-01T00:00:00"]) == (
        "fire time 3: 2030-01-03T00:00:00 (2 before it agree)",
        "fire time 3: 2031-01-01T00:00:00",
    )
    assert check.show_answers(None, times) == (
        "refused",
        "fires at 2030-01-01T00:00:00, then 2030-01-02T00:00:00, ...",
    )
    assert [
        check.kind(case, None, times),
        check.kind(case, times, None),
        check.kind(case, times, times[::-1]),
        check.kind(case, None, "raised KeyError: 1"),
        check.kind(case, None, "refused with a message that names no field: 'bad'"),
    ] == [
        "croniter refuses an expression you accept",
        "croniter accepts an expression you refuse",
        "different fire times",
        "your code raises",
        "a refusal's message",
    ]
    assert check.show(case).startswith(
        "Cron('@daily').next_after(datetime(2000, 1, 1, 0, 0, tzinfo=UTC))"
    )


def test_a_cache_trace_reads_as_the_code_that_replays_it() -> None:
    trace = Trace(4, (Op(PUT, 0, 2), Op(GET, 0), Op(ADVANCE, value=3)), "LFU", weighted=True, ttl=2)

    assert trace.show().splitlines() == [
        "from cache import Cache, LeastFrequentlyUsed",
        "from datetime import timedelta",
        "from dojo.verify.clock import ManualClock",
        "clock = ManualClock()",
        (
            "cache = Cache(4, policy=LeastFrequentlyUsed(), ttl=timedelta(seconds=2), clock=clock,"
            " weigher=lambda value: value)"
        ),
        "cache.put(0, 2)",
        "cache.get(0)",
        "clock.advance(seconds=3)",
        "# after each line: the get's value and cache.snapshot()",
    ]
    assert Trace(2, ()).setup() == "from cache import Cache\ncache = Cache(2)"


def test_the_replay_clock_stands_still_until_advanced() -> None:
    clock = ManualClock()
    before = clock()

    clock.advance(seconds=3)

    assert clock.seconds() == 3
    assert clock() - before == clock.now - clock.start


def test_cache_trace_answers_and_kinds_in_words() -> None:
    check = evictions.POLICIES
    case = Trace(1, (Op(PUT, 0, 1), Op(GET, 0)))
    put = ["cache.put(0, 1)", None, "{0: 1}"]

    assert check.show_answers(
        [put, ["cache.get(0)", 1, "{0: 1}"]], [put, ["cache.get(0)", None, "{}"]]
    ) == (
        "line 2, cache.get(0): gives 1, then holds {0: 1} (1 line(s) before it agree)",
        "line 2, cache.get(0): gives None, then holds {}",
    )
    assert check.show_answers([put], [put, put]) == (
        "no more lines (1 line(s) before it agree)",
        "line 2, cache.put(0, 1): then holds {0: 1}",
    )
    assert check.show_answers([put], "raised X") == (repr([put]), "'raised X'")
    assert [
        check.kind(case, [put, ["cache.get(0)", 1, "{0: 1}"]], [put, ["cache.get(0)", None, "{}"]]),
        check.kind(case, [["cache.put(0, 1)", None, "{0: 1}"]], [["cache.put(0, 1)", None, "{}"]]),
        check.kind(case, [["cache.delete(0)", "refused", "{}"]], [["cache.delete(0)", None, "{}"]]),
        check.kind(case, [["cache.delete(0)", None, "{}"]], [["cache.delete(0)", None, "{1: 1}"]]),
        check.kind(case, [["cache.get(0)", 1, "{0: 1}"]], [["cache.get(0)", 1, "{}"]]),
        check.kind(
            case,
            [["clock.advance(seconds=1)", None, "{}"]],
            [["clock.advance(seconds=1)", None, "{0: 1}"]],
        ),
        check.kind(case, [put], [["cache.put(0, 1)", "raised TypeError: x", ""]]),
        check.kind(case, [put], "raised X"),
        check.kind(case, [put, put], [put]),
    ] == [
        "a get finds another value",
        "a put keeps other entries",
        "refused by one side only",
        "a delete keeps other entries",
        "a get keeps other entries",
        "other entries left when the clock moved on",
        "your code raises",
        "your code raises",
        "your code raises",
    ]
    assert check.step(case) == 1
    assert check.step(Trace(1, (), "FIFO")) == 2
    assert check.step(Trace(1, (), weighted=True)) == 4
    assert evictions.EXPIRY.step(Trace(1, (), ttl=1)) == 3


def test_memoize_answers_and_kinds_in_words() -> None:
    check = memoize.CHECK
    case = memoize.Calls(1, (1, 1))
    first = [1, 1, 0, 1, 1]

    assert check.show_answers([first, [1, 1, 1, 1, 1]], [first, [1, 1, 0, 2, 1]]) == (
        "call 2, of 1: 1, hits=1 misses=1 currsize=1 (1 call(s) before it agree)",
        "call 2, of 1: 1, hits=0 misses=2 currsize=1",
    )
    assert check.show_answers([first], []) == (
        "call 1, of 1: 1, hits=0 misses=1 currsize=1",
        "no more calls",
    )
    assert check.show_answers([first], "raised X") == (repr([first]), "'raised X'")
    assert [
        check.kind(case, [first], [[1, 2, 0, 1, 1]]),
        check.kind(case, [first], [[1, 1, 1, 0, 1]]),
        check.kind(case, [first], [[1, 1, 0, 1, 0]]),
        check.kind(case, [first], "raised X"),
        check.kind(case, [first], []),
    ] == [
        "another value returned",
        "a hit counted as a miss, or a miss as a hit",
        "another currsize",
        "your code raises",
        "your code raises",
    ]
    assert "cache = Cache(1)\nfor argument in (1, 1):" in check.show(case)
    assert "for argument in (3,):" in check.show(memoize.Calls(1, (3,)))


def test_url_answers_and_kinds_in_words() -> None:
    check = urls.CHECK
    case = urls.UrlCase("http", host="a", tail=3, query="q")
    parts = ["http", "a", None, "/", "", ""]

    assert check.show(case) == "normalise_url('http://a' + 'a' * 3 + '?q')"
    assert check.show(urls.UrlCase("HTTP")) == "normalise_url('HTTP://a')"
    assert check.show(urls.UrlCase("data", host="", path="x")) == "normalise_url('data:x')"
    assert check.show_answers(None, parts) == (
        "refused (InvalidUrlError)",
        "scheme 'http', host 'a', port None, path '/', query '', fragment '' (decoded)",
    )
    assert check.show_answers(parts, "raised X")[1] == "raised X"
    assert [
        check.kind(case, None, parts),
        check.kind(case, parts, None),
        check.kind(case, parts, ["http", "b", None, "/", "", ""]),
        check.kind(case, parts, "gives 'x', which is not printable ASCII"),
        check.kind(case, parts, "raised KeyError: 1"),
    ] == [
        "you accept a URL the rules refuse",
        "you refuse a URL the rules accept",
        "another normal form",
        "not a normal form",
        "your code raises",
    ]
    assert urls.brief("http://a/" + "a" * 30) == "'http://a/a...(30 a)...a'"


@pytest.mark.parametrize(
    ("url", "parts"),
    [
        ("HTTPS://Bücher.Example:443", ["https", "xn--bcher-kva.example", None, "/", "", ""]),
        ("http://a/é", ["http", "a", None, "/é", "", ""]),
        ("http://a/" + "é" * 680, None),
        ("http://a:0/", None),
        ("ftp://a/", None),
    ],
    ids=["idna host and default port", "decoded path", "too long once encoded", "port 0", "ftp"],
)
def test_the_url_rules_read_urllibs_parts(url: str, parts: list[object] | None) -> None:
    assert urls.expected_parts(url) == parts


def test_the_http_model_answers_as_step_7_and_the_standard_require() -> None:
    links = web.Links()
    made = '{"url": "https://example.com/a", "expires_in": 60}'
    requests = [
        web.Request("POST", "/links", made),
        web.Request("POST", "/links", '{"url": "https://example.com/a", "alias": "my-link"}'),
        web.Request("POST", "/links", '{"url": "https://example.com/a", "alias": "my-link"}'),
        web.Request("POST", "/links", '{"url": "x"}'),
        web.Request("POST", "/links", '{"url": "https://example.com/a", "expires_in": true}'),
        web.Request("GET", "/1"),
        web.Request("GET", "/1", advance=60),
        web.Request("DELETE", "/my-link"),
        web.Request("GET", "/my-link"),
        web.Request("GET", "/links"),
        web.Request("PUT", "/1"),
        web.Request("GET", "/a/b"),
        web.Request("GET", "/zz9Z"),
    ]

    answers = [links.answer(request) for request in requests]

    assert answers == [
        [
            201,
            "{server}/1",
            ["1", "{server}/1", "https://example.com/a", "2000-01-01T00:01:00+00:00"],
        ],
        [201, "{server}/my-link", ["my-link", "{server}/my-link", "https://example.com/a", None]],
        [409, "error"],
        [400, "error"],
        [400, "error"],
        [302, "https://example.com/a"],
        [410, "error"],
        [204, "no body"],
        [410, "error"],
        [405, "Allow: POST"],
        [405, "Allow: DELETE, GET"],
        [404, "error"],
        [404, "error"],
    ]
    assert [web.encode(number) for number in (0, 61, 62)] == ["0", "Z", "10"]


def test_http_answers_and_kinds_in_words() -> None:
    check = web.CHECK
    case = web.Session((web.Request("GET", "/1", advance=60), web.Request("PUT", "/1")))
    found = ["GET /1", 302, "https://example.com/a"]

    assert check.show(case).splitlines()[-2:] == ["(clock +60 s) GET /1", "PUT /1"]
    assert check.show_answers(
        [found, ["PUT /1", 405, "Allow: DELETE, GET"]], [found, ["PUT /1", 405, "Allow: GET"]]
    ) == (
        "PUT /1 -> 405, Allow: DELETE, GET (1 answer(s) before it agree)",
        "PUT /1 -> 405, Allow: GET",
    )
    assert check.show_answers([found], []) == (
        "GET /1 -> 302, https://example.com/a",
        "no more answers",
    )
    assert check.show_answers([found], "raised X") == (repr([found]), "'raised X'")
    assert [
        check.kind(case, [found], [["GET /1", 301, "https://example.com/a"]]),
        check.kind(
            case, [["(clock +60 s) GET /1", 410, "error"]], [["(clock +60 s) GET /1", 410, "no"]]
        ),
        check.kind(case, [found], [["GET /1", "no answer: TimeoutError: x"]]),
        check.kind(case, [found], []),
        check.kind(case, [found], "raised X"),
    ] == [
        "GET: another status where 302 is required",
        "GET: a 410 answer without what it must carry",
        "GET: another status where 302 is required",
        "no answer",
        "your code raises",
    ]


def test_base62_answers_and_kinds_in_words() -> None:
    check = numerals.CHECK

    assert check.show(62) == "encode_base62(62)\ndecode_base62('10'), decode_base62('0010')"
    assert check.real(62) == ["10", 62, 62]
    assert check.show_answers(["10", 62, 62], ["01", 62, 62]) == (
        "numeral '10'; read back: 62, with two leading zeros: 62",
        "numeral '01'; read back: 62, with two leading zeros: 62",
    )
    assert check.show_answers(["0", 0, 0], "raised X")[1] == "raised X"
    assert [
        check.kind(62, ["10", 62, 62], ["01", 62, 62]),
        check.kind(62, ["10", 62, 62], ["10", 1, 62]),
        check.kind(62, ["10", 62, 62], "raised X"),
    ] == ["another numeral", "a numeral read as another number", "your code raises"]
    assert list(check.shrink(0)) == []
