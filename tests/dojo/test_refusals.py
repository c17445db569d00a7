"""Bad arguments: each is refused in one line naming the option and the value, status 2."""

import pytest

from tests.dojo.support import Dojo
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
    ],
)
def test_a_bad_argument_is_one_line_naming_the_option(
    toy: ToyRepo, argv: tuple[str, ...], message: str
) -> None:
    ran = Dojo(toy.root)(*argv)

    assert ran.status == 2
    assert len(ran.err.splitlines()) == 1
    assert ran.err.startswith(f"dojo: error: {message}")
    assert ran.out == ""
