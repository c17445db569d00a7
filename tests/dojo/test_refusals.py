"""Bad arguments: each is refused in one line naming the option and the value, status 2.

The rows of ``dojo verify`` run on this repository, whose katas have real things to check
against; the others on the toy repository.
"""

import pytest

from tests.dojo.support import Dojo
from tests.dojo_verify.support import VerifyDojo
from tests.harness.toy import ToyRepo


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(
            ("board", "--web", "--port", "70000"),
            "argument --port: 70000 is not a port: use 0 (any) to 65535",
            id="a port above 65535",
        ),
        pytest.param(
            ("board", "--port", "65536"),
            "argument --port: 65536 is not a port: use 0 (any) to 65535",
            id="port 65536",
        ),
        pytest.param(
            ("board", "--port", "-1"),
            "argument --port: -1 is not a port: use 0 (any) to 65535",
            id="a negative port",
        ),
        pytest.param(
            ("board", "--port", "http"),
            "argument --port: 'http' is not a whole number",
            id="a port that is a word",
        ),
        *(
            pytest.param(
                ("timer", "--people", "Ana,Ben", "--minutes", value),
                f"argument --minutes: {value} is not a length from 0.5 to 240.0 minutes",
                id=f"{value} minutes a turn",
            )
            for value in ("nan", "inf", "1e10", "0.0001", "0", "-3")
        ),
        pytest.param(
            ("timer", "--people", "Ana,Ben", "--break-minutes", "nan"),
            "argument --break-minutes: nan is not a length from 0.5 to 240.0 minutes",
            id="nan minutes a break",
        ),
        pytest.param(
            ("timer", "--people", "Ana,Ben", "--minutes", "seven"),
            "argument --minutes: 'seven' is not a number",
            id="minutes in words",
        ),
        pytest.param(
            ("timer", "--people", "Ana,Ben", "--break-every", "-1"),
            "argument --break-every: -1 is not 0 (no breaks) or a number of turns",
            id="a negative break interval",
        ),
        *(
            pytest.param(
                ("timer", "--people", people),
                f"argument --people: {people!r} is not two or more different names, "
                "comma-separated",
                id=f"people {people!r}",
            )
            for people in ("Ana", "Ana,Ana", "Ana,,Ben", " , ")
        ),
        pytest.param(
            ("test", "toy", "--step", "two"),
            "argument --step: invalid int value: 'two'",
            id="a step in words",
        ),
        pytest.param(("dance",), "argument COMMAND: invalid choice: 'dance'", id="no such command"),
        pytest.param(("verify", "nokata"), "unknown kata 'nokata'", id="verify: unknown kata"),
        pytest.param(
            ("verify", "parking_lot"),
            "parking_lot has no real thing to verify against yet; the katas that have one:"
            " cache, file_permissions, job_scheduler, url_shortener",
            id="verify: kata without checks",
        ),
        pytest.param(
            ("verify", "file_permissions", "--check", "nope"),
            "file_permissions has no check 'nope'; its checks are: chmod, filemode, operations,"
            " programs, program-access, acls",
            id="verify: unknown check",
        ),
        pytest.param(
            ("verify", "file_permissions", "--case", "chmod"),
            "argument --case: 'chmod' is not CHECK:INDEX, as in chmod:17",
            id="verify: case without index",
        ),
        pytest.param(
            ("verify", "file_permissions", "--case", "chmod:-1"),
            "argument --case: 'chmod:-1' is not CHECK:INDEX",
            id="verify: negative index",
        ),
        pytest.param(
            ("verify", "file_permissions", "--case", "chmod:1", "--check", "acls"),
            "--case replays one case of one check; drop --check",
            id="verify: case and another check",
        ),
        pytest.param(
            ("verify", "file_permissions", "--case", "filemode:9000"),
            "filemode has cases 0 to 8191, not 9000",
            id="verify: beyond an exhaustive check",
        ),
        pytest.param(
            ("verify", "file_permissions", "--cases", "0"),
            "argument --cases: '0' is not a number of cases from 1 to 10,000,000",
            id="verify: no cases",
        ),
        pytest.param(
            ("verify", "file_permissions", "--cases", "many"),
            "argument --cases: 'many' is not a number of cases",
            id="verify: cases not a number",
        ),
        pytest.param(
            ("verify", "file_permissions", "--seed", "x"),
            "argument --seed: 'x' is not a whole number",
            id="verify: seed not a number",
        ),
        pytest.param(
            ("verify", "file_permissions", "--impl", "no/such/folder"),
            "--impl no/such/folder: not 'katas', 'solutions' or an existing folder",
            id="verify: no such implementation",
        ),
    ],
)
def test_a_bad_argument_is_one_line_naming_the_option(
    toy: ToyRepo, argv: tuple[str, ...], message: str
) -> None:
    dojo = VerifyDojo() if argv[0] == "verify" else Dojo(toy.root)

    ran = dojo(*argv)

    assert ran.status == 2
    assert len(ran.err.splitlines()) == 1
    assert ran.err.startswith(f"dojo: error: {message}")
    assert ran.out == ""
