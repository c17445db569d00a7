"""Bad arguments: each is refused in one line naming the option and the value, status 2.

The rows of ``dojo verify`` run on this repository, whose katas have real things to check
against; the others on the toy repository.
"""

import pytest

from tests.dojo.support import Dojo
from tests.dojo_verify.support import VerifyDojo
from tests.harness.toy import ToyRepo

TIMER = ("timer", "--people", "Ana,Ben")
PERMISSIONS = ("verify", "file_permissions")
NOT_A_PORT = "is not a port: use 0 (any) to 65535"
NOT_A_LENGTH = "is not a length from 0.5 to 240.0 minutes"

# A row a case: what it is (its id), the command line, and how its one line starts.
REFUSED: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (
        "a port above 65535",
        ("board", "--web", "--port", "70000"),
        f"argument --port: 70000 {NOT_A_PORT}",
    ),
    ("port 65536", ("board", "--port", "65536"), f"argument --port: 65536 {NOT_A_PORT}"),
    ("a negative port", ("board", "--port", "-1"), f"argument --port: -1 {NOT_A_PORT}"),
    (
        "a port that is a word",
        ("board", "--port", "http"),
        "argument --port: 'http' is not a whole number",
    ),
    *(
        (
            f"{value} minutes a turn",
            (*TIMER, "--minutes", value),
            f"argument --minutes: {value} {NOT_A_LENGTH}",
        )
        for value in ("nan", "inf", "1e10", "0.0001", "0", "-3")
    ),
    (
        "nan minutes a break",
        (*TIMER, "--break-minutes", "nan"),
        f"argument --break-minutes: nan {NOT_A_LENGTH}",
    ),
    (
        "minutes in words",
        (*TIMER, "--minutes", "seven"),
        "argument --minutes: 'seven' is not a number",
    ),
    (
        "a negative break interval",
        (*TIMER, "--break-every", "-1"),
        "argument --break-every: -1 is not 0 (no breaks) or a number of turns",
    ),
    *(
        (
            f"people {people!r}",
            ("timer", "--people", people),
            f"argument --people: {people!r} is not two or more different names, comma-separated",
        )
        for people in ("Ana", "Ana,Ana", "Ana,,Ben", " , ")
    ),
    (
        "a step in words",
        ("test", "toy", "--step", "two"),
        "argument --step: invalid int value: 'two'",
    ),
    ("no such command", ("dance",), "argument COMMAND: invalid choice: 'dance'"),
    ("verify: unknown kata", ("verify", "nokata"), "unknown kata 'nokata'"),
    (
        "verify: kata without checks",
        ("verify", "parking_lot"),
        (
            "parking_lot has no real thing to verify against yet; the katas that have one:"
            " cache, file_permissions, job_scheduler, url_shortener"
        ),
    ),
    (
        "verify: unknown check",
        (*PERMISSIONS, "--check", "nope"),
        (
            "file_permissions has no check 'nope'; its checks are: chmod, filemode, operations,"
            " programs, program-access, acls"
        ),
    ),
    (
        "verify: case without index",
        (*PERMISSIONS, "--case", "chmod"),
        "argument --case: 'chmod' is not CHECK:INDEX, as in chmod:17",
    ),
    (
        "verify: negative index",
        (*PERMISSIONS, "--case", "chmod:-1"),
        "argument --case: 'chmod:-1' is not CHECK:INDEX",
    ),
    (
        "verify: case and another check",
        (*PERMISSIONS, "--case", "chmod:1", "--check", "acls"),
        "--case replays one case of one check; drop --check",
    ),
    (
        "verify: beyond an exhaustive check",
        (*PERMISSIONS, "--case", "filemode:9000"),
        "filemode has cases 0 to 8191, not 9000",
    ),
    (
        "verify: no cases",
        (*PERMISSIONS, "--cases", "0"),
        "argument --cases: '0' is not a number of cases from 1 to 10,000,000",
    ),
    (
        "verify: cases not a number",
        (*PERMISSIONS, "--cases", "many"),
        "argument --cases: 'many' is not a number of cases",
    ),
    (
        "verify: seed not a number",
        (*PERMISSIONS, "--seed", "x"),
        "argument --seed: 'x' is not a whole number",
    ),
    (
        "verify: no such implementation",
        (*PERMISSIONS, "--impl", "no/such/folder"),
        "--impl no/such/folder: not 'katas', 'solutions' or an existing folder",
    ),
)


@pytest.mark.parametrize(
    ("argv", "message"),
    [pytest.param(argv, message, id=case) for case, argv, message in REFUSED],
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
